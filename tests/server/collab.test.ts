// The collaboration server over real websockets and a real SQLite file: sync between clients,
// durability across restarts, view-only links, and bad input closing only the bad connection.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot, renameComponent } from '../../src/lib/map/index.js';
import { connectClient, startCollab, tempDataDir, until, type TestServer } from '../helpers/collab.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function server(overrides = {}): Promise<TestServer> {
	const s = await startCollab(overrides);
	open.push(s);
	return s;
}

async function client(s: TestServer, id: string, key: string): Promise<WebsocketProvider> {
	const p = await connectClient(s.url, id, key);
	open.push({ close: () => p.destroy() });
	return p;
}

function rawSocket(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	});
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

function upgradeStatus(url: string): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url);
		ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.once('open', () => {
			ws.close();
			resolve(101);
		});
		ws.once('error', () => undefined);
	});
}

describe('collaboration server', () => {
	it('shows an edit made in one client in the other', async () => {
		const s = await server();
		const { id, keys } = await s.app.createMap({ title: 'Sync' });
		const a = await client(s, id, keys.participant);
		const b = await client(s, id, keys.participant);
		const cid = addComponent(a.doc, { name: 'Payments', evolution: 0.7, visibility: 0.4 });
		await until(() => readSnapshot(b.doc).components.some((c) => c.id === cid), 2000, 'component in B');
		expect(readSnapshot(b.doc).title).toBe('Sync');
		expect(readSnapshot(b.doc).components[0]).toMatchObject({ name: 'Payments', evolution: 0.7, visibility: 0.4 });
	});

	it('keeps a concurrent rename and move of one component', async () => {
		const s = await server();
		const { id, keys } = await s.app.createMap();
		const a = await client(s, id, keys.participant);
		const b = await client(s, id, keys.participant);
		const cid = addComponent(a.doc, { name: 'CRM' });
		await until(() => readSnapshot(b.doc).components.length === 1);
		renameComponent(a.doc, cid, 'Customer CRM');
		moveComponent(b.doc, cid, { evolution: 0.8, visibility: 0.3 });
		const want = { name: 'Customer CRM', evolution: 0.8, visibility: 0.3 };
		await until(() => readSnapshot(a.doc).components[0].evolution === 0.8, 2000, 'move reaches A');
		await until(() => readSnapshot(b.doc).components[0].name === 'Customer CRM');
		expect(readSnapshot(a.doc).components[0]).toMatchObject(want);
		expect(readSnapshot(b.doc).components[0]).toMatchObject(want);
	});

	it('serves the same map after a restart on the same data folder', async () => {
		const dataDir = tempDataDir();
		const s1 = await startCollab({ dataDir });
		const { id, keys } = await s1.app.createMap({ title: 'Durable' });
		const a = await connectClient(s1.url, id, keys.participant);
		for (let i = 0; i < 20; i++) addComponent(a.doc, { name: `C${i}` });
		await (await s1.app.rooms.peek(id))!.whenStored();
		a.destroy();
		await s1.close();
		const s2 = await server({ dataDir });
		const b = await client(s2, id, keys.viewer);
		await until(() => readSnapshot(b.doc).components.length === 20, 3000, '20 components after restart');
		expect(readSnapshot(b.doc).title).toBe('Durable');
	});

	it('lets a view link read but never change the map', async () => {
		const s = await server();
		const { id, keys } = await s.app.createMap();
		const editor = await client(s, id, keys.participant);
		addComponent(editor.doc, { name: 'Seen by viewer' });
		const viewer = await client(s, id, keys.viewer);
		await until(() => readSnapshot(viewer.doc).components.length === 1, 2000, 'viewer receives');
		const denied: string[] = [];
		const ws = viewer.ws as unknown as WebSocket;
		ws.addEventListener('message', (ev: { data: unknown }) => {
			const bytes = new Uint8Array(ev.data as ArrayBuffer);
			if (bytes[0] === 2) denied.push(new TextDecoder().decode(bytes.slice(3)));
		});
		addComponent(viewer.doc, { name: 'Viewer edit' });
		await until(() => denied.length > 0, 2000, 'permission denied message');
		expect(denied[0]).toMatch(/view-only/);
		// The editor never sees it, and it is not in storage.
		addComponent(editor.doc, { name: 'After' });
		await until(() => readSnapshot(viewer.doc).components.some((c) => c.name === 'After'));
		expect(readSnapshot(editor.doc).components.map((c) => c.name)).toEqual(['Seen by viewer', 'After']);
		const room = (await s.app.rooms.peek(id))!;
		await room.whenStored();
		const stored = new Y.Doc();
		for (const u of (await s.app.store.loadDoc(id)).updates) Y.applyUpdate(stored, u);
		expect(readSnapshot(stored).components.map((c) => c.name)).toEqual(['Seen by viewer', 'After']);
	});

	it('closes only the connection that sends a malformed frame', async () => {
		const s = await server();
		const { id, keys } = await s.app.createMap();
		const a = await client(s, id, keys.participant);
		const b = await client(s, id, keys.participant);
		for (const garbage of [
			new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff]), // truncated varint length
			new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), // update that is not an update
			new Uint8Array([0, 9, 0]), // unknown sync message
			new Uint8Array([1, 3, 1, 2]) // truncated awareness
		]) {
			const bad = await rawSocket(`${s.url}/${id}?key=${keys.participant}`);
			const done = closed(bad);
			bad.send(garbage);
			expect((await done).code).toBe(1007);
		}
		const textFrame = await rawSocket(`${s.url}/${id}?key=${keys.participant}`);
		const textDone = closed(textFrame);
		textFrame.send('hello');
		expect((await textDone).code).toBe(1007);
		const cid = addComponent(a.doc, { name: 'Still works' });
		await until(() => readSnapshot(b.doc).components.some((c) => c.id === cid), 2000, 'room still relays');
	});

	it('closes a connection that sends an oversized frame, not the room', async () => {
		const s = await server({ maxPayloadBytes: 64 * 1024 });
		const { id, keys } = await s.app.createMap();
		const a = await client(s, id, keys.participant);
		const b = await client(s, id, keys.participant);
		const big = await rawSocket(`${s.url}/${id}?key=${keys.participant}`);
		const done = closed(big);
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, new Uint8Array(200 * 1024));
		big.send(encoding.toUint8Array(e));
		expect((await done).code).toBe(1009);
		addComponent(a.doc, { name: 'After big frame' });
		await until(() => readSnapshot(b.doc).components.length === 1, 2000, 'room still relays');
	});

	it('rejects bad ids, unknown maps and wrong keys at the upgrade', async () => {
		const s = await server();
		const { id, keys } = await s.app.createMap();
		expect(await upgradeStatus(`${s.url}/..%2F..%2Fetc%2Fpasswd?key=${keys.participant}`)).toBe(400);
		expect(await upgradeStatus(`${s.url}/abc'%20OR%201=1?key=x`)).toBe(400);
		expect(await upgradeStatus(`${s.url}/ZZZZZZZZZZZZ?key=${keys.participant}`)).toBe(404);
		expect(await upgradeStatus(`${s.url}/${id}?key=not-the-right-key-at-all`)).toBe(403);
		expect(await upgradeStatus(`${s.url}/${id}`)).toBe(403);
		expect(await upgradeStatus(`${s.url}/${id}?key=${keys.viewer}`)).toBe(101);
	});

	it('removes a client’s presence when its connection goes', async () => {
		const s = await server();
		const { id, keys } = await s.app.createMap();
		const a = await client(s, id, keys.participant);
		const b = await connectClient(s.url, id, keys.participant);
		b.awareness.setLocalStateField('user', { name: 'Ana' });
		await until(() => a.awareness.getStates().has(b.doc.clientID), 2000, 'presence arrives');
		(b.ws as unknown as WebSocket).close();
		b.shouldConnect = false;
		await until(() => !a.awareness.getStates().has(b.doc.clientID), 3000, 'presence removed');
		b.destroy();
	});
});

// The server's limits against the real server and the app's own client (joinMap): each one ends
// in a close code and reason, or a refusal, that the client hands to the page in words a person
// can read — and only the connection that hit it is affected. docs/limits.md lists them.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addComponent, addNote, deleteComponent, moveComponent, readSnapshot, updateNote } from '../../src/lib/map/index.js';
import { joinMap, rejoin, type JoinOptions, type LiveMap } from '../../src/lib/collab/live.js';
import { statusText } from '../../src/lib/collab/status.js';
import { TOO_BIG } from '../../server/collab/size.js';
import { CLOSE } from '../../server/collab/protocol.js';
import { encodeAwarenessEntries } from '../../server/collab/protocol.js';
import type { Config } from '../../server/config.js';
import type { SqliteStore } from '../../server/store/sqlite.js';
import { spawnServer, startCollab, tempDataDir, until, type TestServer } from '../helpers/collab.js';
import { rawClient } from '../helpers/raw.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setup(overrides: Partial<Config> = {}) {
	const s = await startCollab(overrides);
	open.push(s);
	const { id, keys } = await s.app.createMap({ title: 'Limits' });
	return { s, id, keys };
}

interface Heard {
	denied: string[];
	dropped: { code: number; message: string }[];
}

function options(s: TestServer, id: string, key: string, name: string, heard: Heard): JoinOptions {
	return {
		id,
		key,
		name,
		url: s.url,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		onDenied: (reason) => heard.denied.push(reason),
		onDropped: (code, message) => heard.dropped.push({ code, message })
	};
}

async function join(o: JoinOptions): Promise<LiveMap> {
	const live = joinMap(o);
	open.push({ close: () => live.destroy() });
	await until(() => live.sync.state().saved, 3000, 'first sync');
	return live;
}

const heard = (): Heard => ({ denied: [], dropped: [] });

/** The map as stored in SQLite. */
async function stored(s: TestServer, id: string) {
	await (await s.app.rooms.peek(id))!.whenStored();
	const doc = new Y.Doc();
	for (const u of (await s.app.store.loadDoc(id)).updates) Y.applyUpdate(doc, u);
	return readSnapshot(doc);
}

describe('map size', () => {
	it('refuses the component past STACKMAP_MAX_COMPONENTS: not applied, stored or broadcast; the sender reads why', async () => {
		const { s, id, keys } = await setup({ maxComponents: 5 });
		const room = (await s.app.rooms.peek(id)) ?? (await s.app.rooms.open(id));
		const hp = heard();
		const o = options(s, id, keys.participant, 'Pat', hp);
		let p = await join(o);
		const other = await join(options(s, id, keys.facilitator, 'Fay', heard()));
		const ids = [1, 2, 3, 4, 5].map((i) => addComponent(p.doc, { name: `C${i}` }));
		await until(() => readSnapshot(other.doc).components.length === 5, 2000, 'five components reach the other client');
		expect(hp.denied).toEqual([]);

		addComponent(p.doc, { name: 'One too many' });
		await until(() => hp.denied.length === 1, 2000, 'refusal');
		expect(hp.denied[0]).toBe(TOO_BIG.components(5));
		expect(hp.denied[0]).toBe('This map has reached its size limit of 5 components: your change was not saved. Delete components to make room, or start a new map.');
		expect(p.outOfStep).toBe(true);
		// Moves and edits of what is there still land (from the facilitator: the refused copy is out of step).
		moveComponent(other.doc, ids[0], { evolution: 0.9, visibility: 0.9 });
		await until(() => readSnapshot(room.doc).components.find((c) => c.id === ids[0])?.evolution === 0.9, 2000, 'a move lands at the cap');
		expect(readSnapshot(room.doc).components).toHaveLength(5);
		expect(readSnapshot(other.doc).components.map((c) => c.name)).not.toContain('One too many');
		expect((await stored(s, id)).components).toHaveLength(5);

		// Facilitators are held to it too; after a delete there is room again.
		const hf = heard();
		const f = await join(options(s, id, keys.facilitator, 'Fay 2', hf));
		addComponent(f.doc, { name: 'Also too many' });
		await until(() => hf.denied.length === 1, 2000, 'facilitator refused too');
		p = await rejoin(p, o);
		open.push({ close: () => p.destroy() });
		await until(() => p.sync.state().saved, 3000, 'rejoined');
		deleteComponent(p.doc, ids[4]);
		addComponent(p.doc, { name: 'In its place' });
		await until(() => readSnapshot(room.doc).components.some((c) => c.name === 'In its place'), 2000, 'an add after a delete lands');
		expect((await stored(s, id)).components.map((c) => c.name).sort()).toEqual(['C1', 'C2', 'C3', 'C4', 'In its place']);
	});

	it('refuses an update that would grow the document past STACKMAP_MAX_DOC_BYTES; deletes still land', async () => {
		const { s, id, keys } = await setup({ maxDocBytes: 40_000 });
		const room = (await s.app.rooms.open(id));
		const hp = heard();
		const o = options(s, id, keys.participant, 'Pat', hp);
		let p = await join(o);
		const notes = [1, 2, 3, 4].map((i) => addNote(p.doc, { text: String(i).repeat(9000), evolution: i / 10, visibility: 0.5 }));
		await until(() => p.sync.state().saved, 2000, 'four big notes saved');
		// Rewriting the notes sums far past the cap, but the document stays as small: no refusal.
		for (let i = 0; i < 5; i++) for (const note of notes) updateNote(p.doc, note, { text: String.fromCharCode(97 + i).repeat(9000) });
		await until(() => p.sync.state().saved, 3000, 'rewrites saved');
		expect(hp.denied).toEqual([]);
		addNote(p.doc, { text: 'z'.repeat(9000), evolution: 0.2, visibility: 0.2 });
		await until(() => hp.denied.length === 1, 2000, 'refusal');
		expect(hp.denied[0]).toBe(TOO_BIG.bytes(40_000));
		expect(hp.denied[0]).toMatch(/^This map has reached its size limit \(39\.1 KB of data\): your change was not saved\./);
		expect(readSnapshot(room.doc).notes).toHaveLength(4);
		expect((await stored(s, id)).notes).toHaveLength(4);
		p = await rejoin(p, o);
		open.push({ close: () => p.destroy() });
		await until(() => p.sync.state().saved, 3000, 'rejoined');
		const small = addComponent(p.doc, { name: 'Small' });
		await until(() => readSnapshot(room.doc).components.some((c) => c.id === small), 2000, 'a small add fits');
		deleteComponent(p.doc, small);
		await until(() => readSnapshot(room.doc).components.length === 0, 2000, 'a delete lands');
	});
});

describe('new maps over the size limits', () => {
	const mapCount = (s: TestServer) => ((s.app.store as SqliteStore).db.prepare('SELECT count(*) AS n FROM maps').get() as { n: number }).n;

	it('refuses to create a map (an import, a copy) past either limit, creating nothing, and says why', async () => {
		const { s } = await setup({ maxComponents: 5, maxDocBytes: 4096 });
		const before = mapCount(s);
		const six = new Y.Doc();
		for (let i = 1; i <= 6; i++) addComponent(six, { name: `C${i}` });
		await expect(s.app.createMap({ doc: six })).rejects.toThrow('This map has 6 components: a map holds at most 5. Split it into several maps.');
		const wordy = new Y.Doc();
		addNote(wordy, { text: 'x'.repeat(5000), evolution: 0.5, visibility: 0.5 });
		await expect(s.app.createMap({ doc: wordy })).rejects.toThrow(/^This map is [\d.]+ KB of data: a map holds at most 4 KB\. Split it into several maps\.$/);
		expect(mapCount(s)).toBe(before);
		const five = new Y.Doc();
		for (let i = 1; i <= 5; i++) addComponent(five, { name: `C${i}` });
		await s.app.createMap({ doc: five });
		expect(mapCount(s)).toBe(before + 1);
	});

	it('answers an import over the limits with 413 and the reason (HTTP, built server)', async () => {
		const srv = await spawnServer(tempDataDir(), { STACKMAP_MAX_COMPONENTS: '5' });
		open.push({ close: () => srv.child.kill('SIGKILL') });
		const owm = (n: number) => ['title Big', ...Array.from({ length: n }, (_, i) => `component C${i} [0.5, 0.${i + 1}]`)].join('\n');
		const post = (text: string) => fetch(`${srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: srv.base }, body: text });
		const refused = await post(owm(6));
		expect(refused.status).toBe(413);
		expect(await refused.json()).toMatchObject({ error: 'This map has 6 components: a map holds at most 5. Split it into several maps.', components: 6 });
		const created = await post(owm(5));
		expect(created.status).toBe(201);
	});
});

describe('connection limits', () => {
	it('closes a connection over the message rate with 1008 and its reason; the client says so and its edits land after reconnecting', async () => {
		const { s, id, keys } = await setup({ messagesPerSecond: 20, messageBurst: 20 });
		const hp = heard();
		const p = await join(options(s, id, keys.participant, 'Pat', hp));
		const watcher = await join(options(s, id, keys.viewer, 'Vera', heard()));
		const cid = addComponent(p.doc, { name: 'Busy' });
		for (let i = 0; i < 60; i++) moveComponent(p.doc, cid, { evolution: i / 100, visibility: 0.5 });
		await until(() => hp.dropped.length > 0, 3000, 'dropped');
		expect(hp.dropped[0]).toEqual({ code: CLOSE.rateLimited.code, message: 'Too many messages: slow down.' });
		expect(statusText({ status: 'reconnecting', synced: false, unsynced: 1, saved: false }, hp.dropped[0].message)).toBe(
			'Reconnecting (Too many messages: slow down), 1 change not yet saved; changes are kept on this device'
		);
		await until(() => readSnapshot(watcher.doc).components[0]?.evolution === 0.59, 5000, 'the last move lands after reconnecting');
		expect(watcher.provider.wsconnected).toBe(true);
	});

	it('closes a connection that sends a frame past STACKMAP_MAX_PAYLOAD with 1009; the client says the change was too large', async () => {
		const { s, id, keys } = await setup({ maxPayloadBytes: 32 * 1024 });
		const hp = heard();
		const p = await join(options(s, id, keys.participant, 'Pat', hp));
		const other = await join(options(s, id, keys.participant, 'Olu', heard()));
		p.doc.transact(() => {
			for (let i = 0; i < 5; i++) addNote(p.doc, { text: 'x'.repeat(9000), evolution: 0.5, visibility: 0.5 });
		}); // one update of about 45 KB
		await until(() => hp.dropped.length > 0, 3000, 'dropped');
		expect(hp.dropped[0]).toEqual({ code: 1009, message: 'A change was too large for the server to accept.' });
		p.provider.disconnect(); // it would resend the same change on every reconnect
		const ok = addComponent(other.doc, { name: 'Unaffected' });
		await until(() => readSnapshot(other.doc).components.length === 1, 2000, 'the other client still syncs');
		expect(readSnapshot(other.doc).components.map((c) => c.id)).toEqual([ok]);
	});

	it('closes a connection whose presence is past STACKMAP_MAX_PRESENCE_BYTES with 1008 and its reason', async () => {
		const { s, id, keys } = await setup({ maxPresenceBytes: 1024 });
		const raw = await rawClient(s.url, id, keys.participant, 'Pat');
		open.push({ close: () => raw.close() });
		raw.sendAwareness(encodeAwarenessEntries([{ clientId: raw.doc.clientID, clock: 1, json: JSON.stringify({ note: 'n'.repeat(2000) }) }]));
		expect(await raw.closed).toEqual({ code: 1008, reason: 'Presence data too large.' });
	});

	it('drops a client that stops reading (1013, with its reason once it reads again); the others get every change', async () => {
		const { s, id, keys } = await setup({ maxBufferedBytes: 64 * 1024 });
		const room = await s.app.rooms.open(id);
		const slow = await rawClient(s.url, id, keys.participant, 'Slow');
		open.push({ close: () => slow.close() });
		const writer = await join(options(s, id, keys.participant, 'Wri', heard()));
		const reader = await join(options(s, id, keys.participant, 'Rea', heard()));
		const socket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
		socket.pause(); // stops reading: the server's send buffer for it grows
		// About 15 MB of broadcasts: more than the kernel's socket buffers hold, so the server's queue grows.
		const note = addNote(writer.doc, { text: 'start', evolution: 0.5, visibility: 0.5 });
		for (let i = 0; i < 1500; i++) updateNote(writer.doc, note, { text: `${i} ${'z'.repeat(9990)}` });
		await until(() => readSnapshot(reader.doc).notes[0]?.text.startsWith('1499 '), 15_000, 'the reader gets the last change');
		const conn = [...room.peers].find((p) => (p as { name?: string }).name === 'Slow') as unknown as { ws: WebSocket };
		await until(() => conn.ws.readyState !== WebSocket.OPEN, 5000, 'the server closes the slow connection');
		socket.resume(); // within the grace: it reads what was queued, then the close and its reason
		expect(await slow.closed).toEqual({ code: CLOSE.slow.code, reason: 'Connection too slow to keep up: reconnecting.' });
		await until(() => room.peers.size === 2, 5000, 'the slow client has left the room');
		expect(readSnapshot(room.doc).notes[0].text.startsWith('1499 ')).toBe(true);
	}, 30_000);
});

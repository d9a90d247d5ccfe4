// The client's live-map wiring against the real server: "saved" only when the server confirmed
// every local change (including deletions and changes restored from a previous session), offline
// edits sync on reconnect, a refused change puts the copy out of step until rejoin, and a rotated
// link closes for good.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addComponent, deleteComponent, lockElements, moveComponent, readSnapshot, readWorkshop, renameComponent } from '../../src/lib/map/index.js';
import { joinMap, rejoin, type JoinOptions, type LiveMap } from '../../src/lib/collab/live.js';
import { trackSync } from '../../src/lib/collab/offline.js';
import { connectClient, startCollab, until, type TestServer } from '../helpers/collab.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setup() {
	const s = await startCollab();
	open.push(s);
	const { id, keys } = await s.app.createMap({ title: 'Offline' });
	return { s, id, keys };
}

function options(s: TestServer, id: string, key: string, name: string, extra: Partial<JoinOptions> = {}): JoinOptions {
	return { id, key, name, url: s.url, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, ...extra };
}

async function join(o: JoinOptions): Promise<LiveMap> {
	const live = joinMap(o);
	open.push({ close: () => live.destroy() });
	await until(() => live.sync.state().saved, 3000, 'first sync');
	return live;
}

describe('sync state', () => {
	it('says saved only once the server confirmed each change', async () => {
		const { s, id, keys } = await setup();
		const live = await join(options(s, id, keys.participant, 'Ana'));
		const seen: number[] = [];
		live.sync.onChange((st) => seen.push(st.unsynced));
		const a = addComponent(live.doc, { name: 'A' });
		moveComponent(live.doc, a, { evolution: 0.9, visibility: 0.9 });
		expect(live.sync.state()).toMatchObject({ status: 'connected', unsynced: 2, saved: false });
		await until(() => live.sync.state().saved, 2000, 'confirmed');
		expect(Math.max(...seen)).toBe(2);
		// A delete is a change with no new structs: confirmed by the server's delete set.
		deleteComponent(live.doc, a);
		expect(live.sync.state().unsynced).toBe(1);
		await until(() => live.sync.state().saved, 2000, 'delete confirmed');
		const room = (await s.app.rooms.peek(id))!;
		expect(readSnapshot(room.doc).components).toHaveLength(0);
	});

	it('holds the saved state through a gesture, reports a lost connection at once, and the truth on release', async () => {
		const { s, id, keys } = await setup();
		const live = await join(options(s, id, keys.participant, 'Ana'));
		const a = addComponent(live.doc, { name: 'A' });
		await until(() => live.sync.state().saved, 2000, 'added');
		const seen: string[] = [];
		live.sync.onChange((st) => seen.push(`${st.status} ${st.unsynced}`));
		live.sync.hold(true);
		// A drag's throttled writes: nobody is told "saving" and then "saved" for each.
		for (let i = 1; i <= 5; i++) {
			moveComponent(live.doc, a, { evolution: i / 10, visibility: 0.5 });
			await new Promise((r) => setTimeout(r, 20));
		}
		expect(seen).toEqual([]);
		expect(live.sync.state().saved).toBe(true);
		// The drop writes once more and releases: its write is reported until the server confirms it.
		moveComponent(live.doc, a, { evolution: 0.6, visibility: 0.5 });
		live.sync.hold(false);
		expect(live.sync.state()).toMatchObject({ saved: false, unsynced: 1 });
		await until(() => live.sync.state().saved, 2000, 'drop confirmed');
		expect(seen).toEqual(['connected 1', 'connected 0']);
		// Held or not, losing the connection is news at once, with the changes it holds.
		live.sync.hold(true);
		live.provider.disconnect();
		moveComponent(live.doc, a, { evolution: 0.7, visibility: 0.5 });
		await until(() => live.sync.state().status !== 'connected', 2000, 'disconnected');
		expect(seen.at(-1)).toMatch(/^(reconnecting|offline|connecting) [01]$/);
		live.sync.hold(false);
		expect(live.sync.state().unsynced).toBe(1);
	});

	it('counts edits made while disconnected and syncs them on reconnect', async () => {
		const { s, id, keys } = await setup();
		const live = await join(options(s, id, keys.participant, 'Ana'));
		const other = await connectClient(s.url, id, keys.participant);
		open.push({ close: () => other.destroy() });
		live.provider.disconnect();
		await until(() => live.sync.state().status === 'reconnecting', 2000, 'reconnecting');
		for (let i = 0; i < 3; i++) addComponent(live.doc, { name: `Offline ${i}` });
		expect(live.sync.state()).toMatchObject({ status: 'reconnecting', unsynced: 3, saved: false });
		live.sync.setOnline(false);
		expect(live.sync.state().status).toBe('offline');
		live.sync.setOnline(true);
		live.provider.connect();
		await until(() => live.sync.state().saved, 3000, 'synced after reconnect');
		await until(() => readSnapshot(other.doc).components.length === 3, 2000, 'others see the offline edits');
	});

	it('treats changes restored from an earlier session (another client id) as unsynced until the server has them', async () => {
		const { s, id, keys } = await setup();
		const first = await join(options(s, id, keys.participant, 'Ana'));
		const earlier = new Y.Doc();
		Y.applyUpdate(earlier, Y.encodeStateAsUpdate(first.doc));
		addComponent(earlier, { name: 'Made offline before a reload' });
		// What y-indexeddb does on load: apply the kept state with its own origin, before connecting.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier), 'indexeddb');
		const { WebsocketProvider } = await import('y-websocket');
		const provider = new WebsocketProvider(s.url, id, doc, {
			params: { key: keys.participant },
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			connect: false
		});
		open.push({ close: () => provider.destroy() });
		const tracker = trackSync(provider, doc);
		open.push({ close: () => tracker.destroy() });
		Y.applyUpdate(doc, capture(earlier, () => renameComponent(earlier, readSnapshot(earlier).components[0].id, 'Renamed offline')), 'indexeddb');
		expect(tracker.state()).toMatchObject({ status: 'connecting', saved: false });
		expect(tracker.state().unsynced).toBeGreaterThan(0);
		provider.connect();
		await until(() => tracker.state().saved, 3000, 'saved after sync');
		await until(() => readSnapshot(first.doc).components[0]?.name === 'Renamed offline', 2000, 'reached others');
	});

	it('confirms a delete that another person made first', async () => {
		const { s, id, keys } = await setup();
		const ana = await join(options(s, id, keys.participant, 'Ana'));
		const bob = await join(options(s, id, keys.participant, 'Bob'));
		const a = addComponent(ana.doc, { name: 'Shared' });
		await until(() => readSnapshot(bob.doc).components.length === 1);
		bob.provider.disconnect();
		deleteComponent(ana.doc, a);
		deleteComponent(bob.doc, a);
		await until(() => ana.sync.state().saved, 2000, 'Ana saved');
		bob.provider.connect();
		await until(() => bob.sync.state().saved, 6000, 'Bob saved (the server had nothing new to broadcast)');
	});
});

describe('refusals and rotation', () => {
	it('marks the copy out of step after a refusal; rejoin gets a fresh, working copy', async () => {
		const { s, id, keys } = await setup();
		const f = await join(options(s, id, keys.facilitator, 'Fay'));
		const a = addComponent(f.doc, { name: 'Locked one' });
		lockElements(f.doc, [a]);
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readWorkshop(room.doc).locked.length === 1, 2000, 'lock on server');
		const denied: string[] = [];
		const o = options(s, id, keys.participant, 'Pat', { onDenied: (r) => denied.push(r) });
		let p = await join(o);
		await until(() => readWorkshop(p.doc).locked.length === 1, 2000, 'lock reached participant');
		renameComponent(p.doc, a, 'Not allowed');
		await until(() => denied.length === 1, 2000, 'denied');
		expect(p.outOfStep).toBe(true);
		expect(p.sync.state().saved).toBe(false);
		p = await rejoin(p, o);
		open.push({ close: () => p.destroy() });
		await until(() => p.sync.state().saved, 3000, 'fresh copy synced');
		expect(readSnapshot(p.doc).components[0].name).toBe('Locked one');
		addComponent(p.doc, { name: 'Allowed' });
		await until(() => p.sync.state().saved && readSnapshot(room.doc).components.length === 2, 2000, 'edit lands after rejoin');
	});

	it('closes for good with 4403 when the link is rotated', async () => {
		const { s, id, keys } = await setup();
		const closed: number[] = [];
		const p = await join(options(s, id, keys.participant, 'Pat', { onClosed: (code) => closed.push(code) }));
		await s.app.workshops.rotateLink(id, 'participant');
		await until(() => closed.length === 1, 2000, 'closed');
		expect(closed).toEqual([4403]);
		expect(p.provider.shouldConnect).toBe(false);
		expect(p.sync.state().status).not.toBe('connected');
	});
});

function capture(doc: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = [];
	const on = (u: Uint8Array) => updates.push(u);
	doc.on('update', on);
	change();
	doc.off('update', on);
	return Y.mergeUpdates(updates);
}

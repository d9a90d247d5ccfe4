// Workshop permissions on the real server with raw protocol frames: locks, map lock, tool
// restrictions and the workshop map itself are enforced per update; a refused update is never
// applied, stored or broadcast. Also: names forced onto presence, presence ownership and cleanup.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import {
	addComponent,
	deleteComponent,
	lockElements,
	lockMap,
	moveComponent,
	readSnapshot,
	readWorkshop,
	renameComponent,
	restrictTools,
	type ComponentId
} from '../../src/lib/map/index.js';
import { REFUSED } from '../../server/collab/guard.js';
import { VIEW_ONLY_REASON } from '../../server/collab/connection.js';
import { encodeAwarenessEntries } from '../../server/collab/protocol.js';
import { connectClient, startCollab, until, type TestServer } from '../helpers/collab.js';
import { capture, rawClient, type RawClient } from '../helpers/raw.js';
import { PRESENCE_COLOURS } from '../../src/lib/collab/presence.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setup() {
	const s = await startCollab();
	open.push(s);
	const { id, keys } = await s.app.createMap({ title: 'Workshop' });
	const facilitator = await connectClient(s.url, id, keys.facilitator);
	open.push({ close: () => facilitator.destroy() });
	const a = addComponent(facilitator.doc, { name: 'Alpha', evolution: 0.3, visibility: 0.7 });
	const b = addComponent(facilitator.doc, { name: 'Beta', evolution: 0.6, visibility: 0.4 });
	const room = (await s.app.rooms.peek(id))!;
	await until(() => readSnapshot(room.doc).components.length === 2, 2000, 'components on the server');
	return { s, id, keys, facilitator, a, b, room };
}

async function raw(s: TestServer, id: string, key: string, name?: string): Promise<RawClient> {
	const c = await rawClient(s.url, id, key, name);
	open.push({ close: () => c.close() });
	return c;
}

/** The map as stored in SQLite (not the room's memory). */
async function stored(s: TestServer, id: string) {
	await (await s.app.rooms.peek(id))!.whenStored();
	const doc = new Y.Doc();
	for (const u of (await s.app.store.loadDoc(id)).updates) Y.applyUpdate(doc, u);
	return readSnapshot(doc);
}

/**
 * Send `update` from `client`, then a marker edit from the facilitator; once the marker reaches
 * `watcher`, anything the server broadcast before it has arrived too.
 */
async function sendThenMarker(client: RawClient, update: Uint8Array, facilitator: WebsocketProvider, watcher: RawClient): Promise<void> {
	client.sendUpdate(update);
	await until(() => client.denied.length > 0, 2000, 'permission denied');
	const marker = addComponent(facilitator.doc, { name: `marker ${Math.random()}` });
	await until(() => readSnapshot(watcher.doc).components.some((c) => c.id === marker), 2000, 'marker');
}

describe('workshop permissions', () => {
	it('refuses a participant’s edit of a locked element: not applied, stored or broadcast', async () => {
		const { s, id, keys, facilitator, a, b, room } = await setup();
		lockElements(facilitator.doc, [a]);
		await until(() => readWorkshop(room.doc).locked.includes(a), 2000, 'lock on the server');
		const watcher = await raw(s, id, keys.participant, 'Watcher');
		const p = await raw(s, id, keys.participant, 'Pat');
		const move = capture(p.doc, () => moveComponent(p.doc, a as ComponentId, { evolution: 0.99, visibility: 0.01 }));
		await sendThenMarker(p, move, facilitator, watcher);
		expect(p.denied[0]).toBe(REFUSED.locked('Alpha'));
		const want = { evolution: 0.3, visibility: 0.7 };
		expect(readSnapshot(room.doc).components.find((c) => c.id === a)).toMatchObject(want);
		expect(readSnapshot(watcher.doc).components.find((c) => c.id === a)).toMatchObject(want);
		expect((await stored(s, id)).components.find((c) => c.id === a)).toMatchObject(want);
		// Deleting it is refused too; an unlocked element can still be moved (from a fresh copy).
		const p2 = await raw(s, id, keys.participant, 'Pat');
		p2.sendUpdate(capture(p2.doc, () => deleteComponent(p2.doc, a as ComponentId)));
		await until(() => p2.denied.length > 0, 2000, 'delete refused');
		const p3 = await raw(s, id, keys.participant, 'Pat');
		p3.sendUpdate(capture(p3.doc, () => moveComponent(p3.doc, b as ComponentId, { evolution: 0.5, visibility: 0.5 })));
		await until(() => readSnapshot(room.doc).components.find((c) => c.id === b)?.evolution === 0.5, 2000, 'unlocked move applied');
		expect(readSnapshot(room.doc).components.map((c) => c.id)).toContain(a);
		expect(p3.denied).toEqual([]);
	});

	it('keeps a refused client out of step until it reloads (its next update depends on the refused one)', async () => {
		const { s, id, keys, facilitator, a, b, room } = await setup();
		lockElements(facilitator.doc, [a]);
		await until(() => readWorkshop(room.doc).locked.length === 1);
		const p = await raw(s, id, keys.participant);
		p.sendUpdate(capture(p.doc, () => renameComponent(p.doc, a as ComponentId, 'Mine')));
		await until(() => p.denied.length === 1);
		p.sendUpdate(capture(p.doc, () => renameComponent(p.doc, b as ComponentId, 'Also mine')));
		await until(() => p.denied.length === 2, 2000, 'second refusal');
		expect(p.denied[1]).toBe(REFUSED.outOfStep);
		expect(readSnapshot(room.doc).components.map((c) => c.name).sort()).toEqual(['Alpha', 'Beta']);
	});

	it('refuses everything from participants while the map is locked; facilitators carry on', async () => {
		const { s, id, keys, facilitator, room } = await setup();
		lockMap(facilitator.doc, true);
		await until(() => readWorkshop(room.doc).mapLocked, 2000, 'map lock on the server');
		const watcher = await raw(s, id, keys.viewer);
		const p = await raw(s, id, keys.participant);
		const add = capture(p.doc, () => void addComponent(p.doc, { name: 'Sneaky' }));
		await sendThenMarker(p, add, facilitator, watcher);
		expect(p.denied).toEqual([REFUSED.mapLocked]);
		expect(readSnapshot(room.doc).components.map((c) => c.name)).not.toContain('Sneaky');
		expect((await stored(s, id)).components.map((c) => c.name)).not.toContain('Sneaky');
		expect(readSnapshot(watcher.doc).components.map((c) => c.name)).not.toContain('Sneaky');
		// Presence still flows while the map is locked.
		p.sendAwareness(encodeAwarenessEntries([{ clientId: p.doc.clientID, clock: 1, json: JSON.stringify({ cursor: { evolution: 0.5, visibility: 0.5 } }) }]));
		await until(() => room.awareness.getStates().has(p.doc.clientID), 2000, 'presence while locked');
	});

	it('applies the facilitator’s tool restrictions by kind of change', async () => {
		const { s, id, keys, facilitator, a, b, room } = await setup();
		restrictTools(facilitator.doc, ['add', 'move']);
		await until(() => readWorkshop(room.doc).tools !== null, 2000, 'tools on the server');
		const attempt = async (change: (doc: Y.Doc) => void) => {
			const p = await raw(s, id, keys.participant);
			p.sendUpdate(capture(p.doc, () => change(p.doc)));
			const before = Y.encodeStateVector(room.doc);
			await until(() => p.denied.length > 0 || !equal(Y.encodeStateVector(room.doc), before), 2000, 'answer');
			return p.denied[0] ?? null;
		};
		expect(await attempt((d) => deleteComponent(d, b as ComponentId))).toBe(REFUSED.tool('delete'));
		expect(await attempt((d) => renameComponent(d, a as ComponentId, 'Renamed'))).toBe(REFUSED.tool('edit'));
		expect(await attempt((d) => moveComponent(d, a as ComponentId, { evolution: 0.1, visibility: 0.2 }))).toBeNull();
		expect(await attempt((d) => void addComponent(d, { name: 'Allowed' }))).toBeNull();
		const names = readSnapshot(room.doc).components.map((c) => c.name);
		expect(names).toEqual(expect.arrayContaining(['Alpha', 'Beta', 'Allowed']));
		expect(names).not.toContain('Renamed');
	});

	it('lets only facilitators write the workshop map', async () => {
		const { s, id, keys, facilitator, room } = await setup();
		const p = await raw(s, id, keys.participant);
		p.sendUpdate(capture(p.doc, () => lockMap(p.doc, true)));
		await until(() => p.denied.length > 0, 2000, 'refused');
		expect(p.denied[0]).toBe(REFUSED.workshop);
		expect(readWorkshop(room.doc).mapLocked).toBe(false);
		const f = await raw(s, id, keys.facilitator);
		f.sendUpdate(capture(f.doc, () => lockMap(f.doc, true)));
		await until(() => readWorkshop(facilitator.doc).mapLocked, 2000, 'facilitator lock reaches a client');
		expect(f.denied).toEqual([]);
	});

	it('refuses a crafted update on a view link', async () => {
		const { s, id, keys, room } = await setup();
		const v = await raw(s, id, keys.viewer);
		v.sendUpdate(capture(v.doc, () => void addComponent(v.doc, { name: 'From viewer' })));
		await until(() => v.denied.length > 0, 2000, 'refused');
		expect(v.denied[0]).toBe(VIEW_ONLY_REASON);
		expect((await stored(s, id)).components.map((c) => c.name)).not.toContain('From viewer');
		expect(readSnapshot(room.doc).components).toHaveLength(2);
	});
});

function equal(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe('presence', () => {
	const entry = (clientId: number, state: unknown, clock = 1) => encodeAwarenessEntries([{ clientId, clock, json: JSON.stringify(state) }]);

	it('forces the joined name and role onto presence, sanitised and capped', async () => {
		const { s, id, keys, room } = await setup();
		const p = await raw(s, id, keys.participant, '  Ana\u202e\u0000 from   Leeds' + 'x'.repeat(100));
		p.sendAwareness(entry(p.doc.clientID, { user: { name: 'The Facilitator', role: 'facilitator', colour: '#005ea5' } }));
		await until(() => room.awareness.getStates().has(p.doc.clientID), 2000, 'presence');
		const user = room.awareness.getStates().get(p.doc.clientID)!.user as { name: string; role: string; colour: string };
		expect(user.name).toBe(('Ana from Leeds' + 'x'.repeat(100)).slice(0, 40));
		expect(user.role).toBe('participant');
		// Not one of the presence colours (each readable on white): the server picks one.
		expect(PRESENCE_COLOURS).toContain(user.colour);
		const anon = await raw(s, id, keys.viewer);
		anon.sendAwareness(entry(anon.doc.clientID, { cursor: null }));
		await until(() => room.awareness.getStates().has(anon.doc.clientID));
		expect(room.awareness.getStates().get(anon.doc.clientID)!.user).toMatchObject({ name: 'Anonymous', role: 'viewer' });
	});

	it('does not let a connection overwrite another connection’s presence', async () => {
		const { s, id, keys, room } = await setup();
		const ana = await raw(s, id, keys.participant, 'Ana');
		const eve = await raw(s, id, keys.participant, 'Eve');
		ana.sendAwareness(entry(ana.doc.clientID, { cursor: { evolution: 0.1, visibility: 0.1 } }, 1));
		await until(() => room.awareness.getStates().has(ana.doc.clientID));
		eve.sendAwareness(entry(ana.doc.clientID, { cursor: { evolution: 0.9, visibility: 0.9 } }, 5));
		eve.sendAwareness(entry(ana.doc.clientID, null, 6));
		eve.sendAwareness(entry(eve.doc.clientID, { cursor: null }, 1));
		await until(() => room.awareness.getStates().has(eve.doc.clientID));
		expect(room.awareness.getStates().get(ana.doc.clientID)).toMatchObject({ user: { name: 'Ana' }, cursor: { evolution: 0.1 } });
	});

	it('removes presence when a connection dies without a goodbye', async () => {
		const { s, id, keys, facilitator } = await setup();
		const p = await raw(s, id, keys.participant, 'Gone');
		p.sendAwareness(entry(p.doc.clientID, { cursor: { evolution: 0.5, visibility: 0.5 } }));
		await until(() => facilitator.awareness.getStates().has(p.doc.clientID), 2000, 'presence arrives');
		p.ws.terminate(); // no close frame, as when a laptop lid shuts
		await until(() => !facilitator.awareness.getStates().has(p.doc.clientID), 3000, 'presence removed');
	});
});

describe('link rotation', () => {
	it('closes sockets that joined with the old key and refuses it from then on', async () => {
		const { s, id, keys, room } = await setup();
		const oldEdit = await raw(s, id, keys.participant, 'Old link');
		const viewer = await raw(s, id, keys.viewer, 'Viewer');
		const newKey = await s.app.workshops.rotateLink(id, 'participant');
		expect(await oldEdit.closed).toEqual({ code: 4403, reason: 'This link is no longer valid.' });
		await expect(rawClient(s.url, id, keys.participant)).rejects.toThrow('HTTP 403');
		const fresh = await raw(s, id, newKey, 'New link');
		fresh.sendUpdate(capture(fresh.doc, () => void addComponent(fresh.doc, { name: 'With new key' })));
		await until(() => readSnapshot(room.doc).components.some((c) => c.name === 'With new key'), 2000, 'new key writes');
		expect(viewer.ws.readyState).toBe(WebSocket.OPEN);
	});
});

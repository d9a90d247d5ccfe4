// Named snapshots and the change history on the real server (in process, real SQLite, real
// y-websocket clients): save, list, view, restore into the live room; who changed what, when.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import {
	addComponent,
	createUndoManager,
	deleteComponent,
	lockMap,
	moveComponent,
	readSnapshot,
	renameComponent,
	restoreSnapshot,
	type ComponentId
} from '../../src/lib/map/index.js';
import { startCollab, tempDataDir, until } from '../helpers/collab.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setup(dataDir = tempDataDir()) {
	const s = await startCollab({ dataDir });
	open.push(s);
	const { id, keys } = await s.app.createMap({ title: 'Snapshots' });
	const join = async (key: string, name: string) => {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(s.url, id, doc, {
			params: { key, name },
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		open.push({ close: () => provider.destroy() });
		await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
		return provider;
	};
	return { s, id, keys, join };
}

describe('named snapshots', () => {
	it('saves, lists, views and restores into the live room for everyone', async () => {
		const { s, id, keys, join } = await setup();
		const ana = await join(keys.facilitator, 'Ana');
		const bob = await join(keys.participant, 'Bob');
		const a = addComponent(ana.doc, { name: 'Payments', evolution: 0.7, visibility: 0.4 });
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 1);
		const start = await s.app.workshops.saveSnapshot(id, 'start', 'Ana');
		expect(start).toMatchObject({ name: 'start', createdBy: 'Ana', components: 1 });
		await until(() => readSnapshot(bob.doc).components.length === 1, 2000, 'Bob has it');

		moveComponent(bob.doc, a, { evolution: 0.2, visibility: 0.9 });
		const extra = addComponent(bob.doc, { name: 'Extra' });
		await until(() => readSnapshot(room.doc).components.length === 2);
		const agreed = await s.app.workshops.saveSnapshot(id, 'agreed', 'Ana');
		expect((await s.app.workshops.snapshots.list(id)).map((x) => x.name)).toEqual(['agreed', 'start']);
		expect((await s.app.workshops.snapshots.get(id, agreed.id))!.snapshot.components.map((c) => c.name)).toEqual(['Payments', 'Extra']);

		const outcome = (await s.app.workshops.restore(id, start.id, 'Ana'))!;
		expect(outcome).toMatchObject({ restored: { id: start.id }, added: 0, updated: 1, deleted: 1 });
		expect(outcome.backup.name).toBe('Before restoring “start”');
		const want = (await s.app.workshops.snapshots.get(id, start.id))!.snapshot;
		await until(() => readSnapshot(bob.doc).components.length === 1, 2000, 'restore reaches a participant');
		expect(readSnapshot(bob.doc)).toEqual(want);
		expect(readSnapshot(ana.doc)).toEqual(want);
		expect(await s.app.workshops.snapshots.get(id, extra)).toBeNull();
		expect(await s.app.workshops.restore(id, 'nosuchsnapshot', 'Ana')).toBeNull();
	});

	it('refuses to restore a snapshot over the map size limits (lowered since), changing nothing', async () => {
		const dataDir = tempDataDir();
		const { s, id, keys, join } = await setup(dataDir);
		const ana = await join(keys.facilitator, 'Ana');
		for (const name of ['A', 'B', 'C']) addComponent(ana.doc, { name });
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 3);
		const snap = await s.app.workshops.saveSnapshot(id, 'three', 'Ana');
		ana.destroy();
		await s.close();
		open.splice(open.indexOf(s), 1);
		const lowered = await startCollab({ dataDir, maxComponents: 2 });
		open.push(lowered);
		const before = (await lowered.app.workshops.snapshots.list(id)).length;
		await expect(lowered.app.workshops.restore(id, snap.id, 'Ana')).rejects.toThrow('This map has 3 components: a map holds at most 2. Split it into several maps.');
		expect(await lowered.app.workshops.snapshots.list(id)).toHaveLength(before); // no backup taken
		const doc = new Y.Doc();
		for (const u of (await lowered.app.store.loadDoc(id)).updates) Y.applyUpdate(doc, u);
		expect(readSnapshot(doc).components.map((c) => c.name).sort()).toEqual(['A', 'B', 'C']);
	});

	it('restores a map whose room is not open, durably', async () => {
		const dataDir = tempDataDir();
		const { s, id, keys, join } = await setup(dataDir);
		const ana = await join(keys.facilitator, 'Ana');
		addComponent(ana.doc, { name: 'Kept' });
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 1);
		const snap = await s.app.workshops.saveSnapshot(id, 'one', 'Ana');
		addComponent(ana.doc, { name: 'Later' });
		await until(() => readSnapshot(room.doc).components.length === 2);
		ana.destroy();
		await until(() => room.closed, 3000, 'room unloaded');
		await s.app.workshops.restore(id, snap.id, 'Ana');
		const doc = new Y.Doc();
		for (const u of (await s.app.store.loadDoc(id)).updates) Y.applyUpdate(doc, u);
		expect(readSnapshot(doc).components.map((c) => c.name)).toEqual(['Kept']);
	});

	it('a client-side restore is one step of its own per-user undo', async () => {
		const { s, id, keys, join } = await setup();
		const ana = await join(keys.facilitator, 'Ana');
		const a = addComponent(ana.doc, { name: 'Alpha' });
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 1);
		const snap = await s.app.workshops.saveSnapshot(id, 'start', 'Ana');
		renameComponent(ana.doc, a, 'Renamed');
		const me = { user: 'Ana' };
		const undo = createUndoManager(ana.doc, me);
		restoreSnapshot(ana.doc, (await s.app.workshops.snapshots.get(id, snap.id))!.snapshot, me);
		await until(() => readSnapshot(room.doc).components[0].name === 'Alpha', 2000, 'restore on the server');
		undo.undo();
		await until(() => readSnapshot(room.doc).components[0].name === 'Renamed', 2000, 'undo on the server');
	});
});

describe('history', () => {
	it('records who changed which element, per minute, with the kinds of change', async () => {
		const { s, id, keys, join } = await setup();
		const ana = await join(keys.facilitator, 'Ana');
		const bob = await join(keys.participant, 'Bob');
		const a = addComponent(bob.doc, { name: 'Payments' });
		moveComponent(bob.doc, a, { evolution: 0.9, visibility: 0.9 });
		await until(() => readSnapshot(ana.doc).components.length === 1, 2000, 'Ana has it');
		renameComponent(ana.doc, a, 'Payments (GOV.UK Pay)');
		lockMap(ana.doc, false);
		const b = addComponent(ana.doc, { name: 'Doomed' });
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(bob.doc).components.length === 2);
		deleteComponent(bob.doc, b as ComponentId);
		await until(() => readSnapshot(room.doc).components.length === 1);
		const entries = await s.app.workshops.history.list(id);
		const by = (name: string, elementId: string) => entries.find((e) => e.name === name && e.elementId === elementId);
		expect(by('Bob', a)).toMatchObject({ collection: 'components', kinds: ['add', 'move'], label: 'Payments' });
		expect(by('Ana', a)).toMatchObject({ kinds: ['edit'], label: 'Payments (GOV.UK Pay)' });
		expect(by('Bob', b)).toMatchObject({ kinds: ['delete'], label: 'Doomed' });
		expect(entries.find((e) => e.collection === 'workshop')).toMatchObject({ name: 'Ana' });
		expect(entries.every((e) => e.minute % 60_000 === 0)).toBe(true);
		expect((await s.app.workshops.history.list(id, { elementId: b })).map((e) => e.name).sort()).toEqual(['Ana', 'Bob']);
	});

	it('keeps the history of an edit made just before the server stops', async () => {
		const dataDir = tempDataDir();
		const { s, id, keys, join } = await setup(dataDir);
		const ana = await join(keys.facilitator, 'Ana');
		const a = addComponent(ana.doc, { name: 'Last word' });
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 1);
		ana.destroy();
		await s.close(); // well within the second history waits before writing
		open.splice(open.indexOf(s), 1);
		const again = await startCollab({ dataDir });
		open.push(again);
		expect(await again.app.workshops.history.list(id)).toMatchObject([{ name: 'Ana', elementId: a, label: 'Last word', kinds: ['add'] }]);
	});
});

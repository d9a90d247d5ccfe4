// Two built servers sharing one map through PostgreSQL (everything stored) and Redis (rooms), each
// with its own data folder, as a service behind a load balancer runs them on separate machines: clients on either instance see each other's edits and presence,
// a link rotated on one closes sockets on both, the catalogue on one follows a publication on the
// other, and a Redis restart loses nothing (rooms resync from the store).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot, renameComponent, type ComponentId } from '../../src/lib/map/index.js';
import { lockElements, readWorkshop, startTimer } from '../../src/lib/map/workshop.js';
import { capture, rawClient } from '../helpers/raw.js';
import { createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';
import { liveClient, missingFromStore } from '../helpers/faults.js';
import { startPostgres, storedDocIn, type TestPostgres } from '../helpers/postgres.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { REFUSED } from '../../server/collab/guard.js';
import * as encoding from 'lib0/encoding';

let cluster: TestPostgres;
let redis: TestRedis;
beforeAll(async () => {
	[cluster, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
	await redis?.close();
	await cluster?.close();
});

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

/**
 * A fresh database, and a way to start instances on it (killed after the test), each with a data
 * folder of its own, as on machines of their own: they share nothing but PostgreSQL and Redis.
 */
async function service(): Promise<{ url: string; start: () => Promise<ServerProcess> }> {
	const url = await cluster.createDatabase();
	const env = { DATABASE_URL: url, REDIS_URL: redis.url, STACKMAP_GRACE_MS: '200' };
	const start = async () => {
		const dataDir = tempDataDir('stackmap-instances-');
		cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
		const p = await spawnServer(dataDir, env);
		cleanup.push(() => p.child.exitCode === null && p.child.signalCode === null && p.child.kill('SIGKILL'));
		return p;
	};
	return { url, start };
}

/** Two instances on one database and one Redis; the second starts once the first has prepared the schema. */
async function pair(): Promise<{ a: ServerProcess; b: ServerProcess; url: string }> {
	const { url, start } = await service();
	const a = await start();
	return { a, b: await start(), url };
}

function client(p: ServerProcess, id: string, key: string, name: string): WebsocketProvider {
	const c = liveClient(`ws://127.0.0.1:${p.port}/collab`, id, key, name);
	cleanup.push(() => c.destroy());
	return c;
}

/** A new map with Ada editing it on instance `a` and Bo on `b`, both synced. */
async function adaAndBo(a: ServerProcess, b: ServerProcess, title: string) {
	const map = await createMapHttp(a.base, title);
	const ada = client(a, map.id, map.editKey, 'Ada');
	const bo = client(b, map.id, map.editKey, 'Bo');
	await until(() => ada.synced && bo.synced, 15_000, 'both clients to sync');
	return { map, ada, bo };
}

const names = (doc: Y.Doc) => readSnapshot(doc).components.map((c) => c.name).sort();


/** Names in the presence others see (awareness states with a user). */
function presentNames(p: WebsocketProvider): string[] {
	return [...p.awareness.getStates().entries()]
		.filter(([id]) => id !== p.awareness.clientID)
		.map(([, s]) => (s as { user?: { name?: string } }).user?.name ?? '')
		.filter(Boolean)
		.sort();
}

/** An awareness update setting one client's state at `clock` (y-protocols' encoding). */
function presenceUpdate(clientId: number, clock: number, state: unknown): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, clientId);
	encoding.writeVarUint(e, clock);
	encoding.writeVarString(e, JSON.stringify(state));
	return encoding.toUint8Array(e);
}

describe('two instances with PostgreSQL and Redis', () => {
	it('refuses REDIS_URL without DATABASE_URL, saying why', async () => {
		await expect(spawnServer(tempDataDir(), { REDIS_URL: redis.url })).rejects.toThrow(/REDIS_URL needs DATABASE_URL/);
	});

	it('shows each instance’s edits and presence to clients on the other, and reports Redis in /readyz', async () => {
		const { a, b, url } = await pair();
		expect(a.output()).toContain(`rooms shared with other instances through Redis at redis://127.0.0.1:${redis.port}`);
		for (const p of [a, b]) {
			const ready = await fetch(`${p.base}/readyz`);
			expect(ready.status).toBe(200);
			expect(await ready.json()).toMatchObject({ checks: { store: true, redis: true } });
		}
		const { map, ada, bo } = await adaAndBo(a, b, 'Across instances');
		ada.awareness.setLocalStateField('user', { name: 'Ada' });
		bo.awareness.setLocalStateField('user', { name: 'Bo' });
		for (let i = 0; i < 15; i++) addComponent(ada.doc, { name: `From Ada ${i}` });
		for (let i = 0; i < 15; i++) addComponent(bo.doc, { name: `From Bo ${i}` });
		await until(() => names(ada.doc).length === 30 && names(bo.doc).length === 30, 15_000, 'each to see the other’s edits');
		expect(names(ada.doc)).toEqual(names(bo.doc));
		await until(() => presentNames(bo).includes('Ada') && presentNames(ada).includes('Bo'), 15_000, 'each to see the other’s presence');

		// A client joining later, on either instance, gets the whole map and everyone's presence.
		const late = client(b, map.id, map.viewKey, 'Late');
		await until(() => late.synced && names(late.doc).length === 30, 15_000, 'a late joiner to sync');
		await until(() => presentNames(late).includes('Ada') && presentNames(late).includes('Bo'), 15_000, 'the late joiner to see both');

		// Leaving is seen on the other instance at once, not after presence times out.
		ada.destroy();
		await until(() => !presentNames(bo).includes('Ada'), 5000, 'Ada’s cursor to go on the other instance');

		const stored = await storedDocIn(url, map.id);
		expect(missingFromStore(stored, bo.doc)).toEqual([]);
		expect(names(stored)).toEqual(names(bo.doc));
	});

	it('closes the old link’s sockets on both instances when it is rotated on one', async () => {
		const { a, b } = await pair();
		const map = await createMapHttp(a.base, 'Rotate');
		const onA = client(a, map.id, map.editKey, 'On A');
		const onB = client(b, map.id, map.editKey, 'On B');
		const facilitator = client(b, map.id, map.facilitatorKey, 'Facilitator');
		await until(() => onA.synced && onB.synced && facilitator.synced, 15_000, 'clients to sync');
		// Either instance counts everyone: the warning before a new link says how many it disconnects.
		const connected = async (p: ServerProcess) =>
			((await (await fetch(`${p.base}/api/maps/${map.id}/links`, { headers: { authorization: `Bearer ${map.facilitatorKey}` } })).json()) as { connected: Record<string, number> }).connected;
		for (const p of [a, b]) await until(async () => JSON.stringify(await connected(p)) === JSON.stringify({ facilitator: 1, participant: 2, viewer: 0 }), 10_000, `the count on ${p.base}`);
		const closes: number[] = [];
		for (const p of [onA, onB]) p.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		const res = await fetch(`${a.base}/api/maps/${map.id}/links/edit`, { method: 'POST', headers: { authorization: `Bearer ${map.facilitatorKey}` } });
		expect(res.status).toBe(200);
		await until(() => closes.filter((c) => c === 4403).length >= 2, 10_000, 'both participants to be closed with 4403');
		// The facilitator's link was not rotated: it stays, and still edits.
		addComponent(facilitator.doc, { name: 'Still here' });
		expect(facilitator.wsconnected).toBe(true);
		// The old link's sockets are gone from the count on both instances.
		for (const p of [a, b]) await until(async () => (await connected(p)).participant === 0, 10_000, `the count to drop on ${p.base}`);
	});

	it('shows a map published on one instance in the other’s catalogue, and follows edits made on the other', async () => {
		const { a, b } = await pair();
		const map = await createMapHttp(a.base, 'Qwertyshire stack');
		// Edited on B while private (B notes it is not published), then published on A.
		const editor = client(b, map.id, map.editKey, 'Editor');
		await until(() => editor.synced, 15_000, 'the editor to sync');
		const id = addComponent(editor.doc, { name: 'Zanzibar payments' });
		await new Promise((r) => setTimeout(r, 1500));
		const search = async (p: ServerProcess, q: string) =>
			((await (await fetch(`${p.base}/api/catalogue?q=${encodeURIComponent(q)}`)).json()) as { results: { id: string }[] }).results.map((r) => r.id);
		expect(await search(b, 'Qwertyshire')).toEqual([]);
		const put = await fetch(`${a.base}/api/maps/${map.id}/publication`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${map.facilitatorKey}` },
			body: JSON.stringify({ visibility: 'published' })
		});
		expect(put.status).toBe(200);
		await until(async () => (await search(b, 'Qwertyshire')).includes(map.id), 10_000, 'the other instance to find the map');
		renameComponent(editor.doc, id, 'Xylophone revenues');
		await until(async () => (await search(b, 'Xylophone')).includes(map.id), 15_000, 'B to index its own edit of the map A published');
		await until(async () => (await search(a, 'Xylophone')).includes(map.id), 15_000, 'A to follow the edit made on B');
	});

	it('loses nothing when Redis restarts: rooms resync from the store and carry on', async () => {
		const { a, b, url } = await pair();
		const { map, ada, bo } = await adaAndBo(a, b, 'Redis restart');
		addComponent(ada.doc, { name: 'Before' });
		await until(() => names(bo.doc).includes('Before'), 10_000, 'the first edit to cross');

		await redis.stop();
		// Each instance goes on storing its own clients' edits; they cannot cross while Redis is away.
		addComponent(ada.doc, { name: 'During from Ada' });
		addComponent(bo.doc, { name: 'During from Bo' });
		await until(async () => names(await storedDocIn(url, map.id)).length === 3, 10_000, 'both edits to be stored');
		const notReady = await fetch(`${a.base}/readyz`);
		expect(notReady.status).toBe(503);
		expect(await notReady.json()).toMatchObject({ checks: { store: true, redis: false } });
		// A map opened while Redis is away opens on each instance from the store, without waiting for Redis.
		const fresh = await createMapHttp(b.base, 'Opened while Redis was away');
		const cy = client(a, fresh.id, fresh.editKey, 'Cy');
		const di = client(b, fresh.id, fresh.editKey, 'Di');
		await until(() => cy.synced && di.synced, 10_000, 'clients of a new map to sync while Redis is away');
		addComponent(cy.doc, { name: 'From Cy' });
		addComponent(di.doc, { name: 'From Di' });

		await redis.start();
		const want = ['Before', 'During from Ada', 'During from Bo'];
		await until(() => names(ada.doc).join() === want.join() && names(bo.doc).join() === want.join(), 20_000, 'both clients to have every edit after Redis is back');
		await until(() => names(cy.doc).length === 2 && names(di.doc).length === 2, 20_000, 'the new map’s clients to have both edits');
		addComponent(bo.doc, { name: 'After' });
		addComponent(cy.doc, { name: 'After from Cy' });
		await until(() => names(ada.doc).includes('After') && names(di.doc).includes('After from Cy'), 10_000, 'edits to cross again');
		await until(async () => (await fetch(`${a.base}/readyz`)).status === 200, 10_000, '/readyz to be ready again');
	});

	it('lets only the same person take over a presence entry set on the other instance', async () => {
		const { a, b } = await pair();
		const map = await createMapHttp(a.base, 'Presence across');
		const ada = client(a, map.id, map.editKey, 'Ada');
		const watcher = client(b, map.id, map.viewKey, 'Watcher');
		await until(() => ada.synced && watcher.synced, 15_000, 'clients to sync');
		ada.awareness.setLocalStateField('cursor', { evolution: 0.1, visibility: 0.1 });
		const id = ada.awareness.clientID;
		const cursorSeen = () => (watcher.awareness.getStates().get(id) as { cursor?: { evolution: number } } | undefined)?.cursor?.evolution;
		await until(() => cursorSeen() === 0.1, 10_000, 'Ada’s cursor on the other instance');
		const clock = ada.awareness.meta.get(id)!.clock;

		// Someone else on B writes Ada's entry with a newer clock: skipped.
		const mallory = await rawClient(`ws://127.0.0.1:${b.port}/collab`, map.id, map.editKey, 'Mallory');
		cleanup.push(() => mallory.close());
		mallory.sendAwareness(presenceUpdate(id, clock + 5, { cursor: { evolution: 0.9, visibility: 0.9 } }));
		// Then an entry of Mallory's own: once the watcher sees it, the attempt before it was handled.
		mallory.sendAwareness(presenceUpdate(424242, 1, { cursor: { evolution: 0.3, visibility: 0.3 } }));
		await until(() => watcher.awareness.getStates().has(424242), 10_000, 'Mallory’s own presence');
		expect(cursorSeen()).toBe(0.1);
		expect((watcher.awareness.getStates().get(id) as { user: { name: string } }).user.name).toBe('Ada');
		// Ada reconnecting through B (her instance went), same link and name: she takes it over.
		const again = await rawClient(`ws://127.0.0.1:${b.port}/collab`, map.id, map.editKey, 'Ada');
		cleanup.push(() => again.close());
		again.sendAwareness(presenceUpdate(id, clock + 6, { cursor: { evolution: 0.5, visibility: 0.5 } }));
		await until(() => cursorSeen() === 0.5, 10_000, 'Ada’s own reconnect to move her cursor');
		expect((watcher.awareness.getStates().get(id) as { user: { name: string } }).user.name).toBe('Ada');
	});

	it('refuses edits on both instances while PostgreSQL is down, and carries on across them once it is back', async () => {
		const { a, b, url } = await pair();
		const { map, ada, bo } = await adaAndBo(a, b, 'Database outage');
		addComponent(ada.doc, { name: 'Before' });
		await until(() => names(bo.doc).includes('Before'), 10_000, 'the first edit to cross');
		const closes: number[] = [];
		for (const p of [ada, bo]) p.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		await cluster.stop();
		try {
			for (const p of [a, b]) expect((await fetch(`${p.base}/readyz`)).status).toBe(503);
			addComponent(ada.doc, { name: 'During from Ada' });
			addComponent(bo.doc, { name: 'During from Bo' });
			await until(() => closes.filter((c) => c === 1011).length >= 2, 20_000, 'both edits to be refused');
			// Neither was passed on: the other side still has only what was stored.
			expect(names(ada.doc)).not.toContain('During from Bo');
			expect(names(bo.doc)).not.toContain('During from Ada');
		} finally {
			await cluster.start();
		}
		const want = ['Before', 'During from Ada', 'During from Bo'];
		await until(() => names(ada.doc).join() === want.join() && names(bo.doc).join() === want.join(), 30_000, 'the refused edits to arrive once resent');
		expect(names(await storedDocIn(url, map.id))).toEqual(want);
	});

	it('starts an instance while Redis is away, and joins it to the others once Redis is there', async () => {
		const { start } = await service();
		const a = await start();
		const map = await createMapHttp(a.base, 'Late Redis');
		const ada = client(a, map.id, map.editKey, 'Ada');
		await until(() => ada.synced, 15_000, 'Ada to sync');
		await redis.stop();
		let restarted = false;
		cleanup.push(() => (restarted ? undefined : redis.start()));
		const b = await start();
		expect((await fetch(`${b.base}/readyz`)).status).toBe(503);
		const bo = client(b, map.id, map.editKey, 'Bo');
		await until(() => bo.synced, 15_000, 'Bo to sync from the store while Redis is away');
		addComponent(ada.doc, { name: 'From Ada' });
		addComponent(bo.doc, { name: 'From Bo' });
		await redis.start();
		restarted = true;
		await until(() => names(ada.doc).length === 2 && names(bo.doc).length === 2, 20_000, 'both edits on both instances once Redis is there');
		addComponent(ada.doc, { name: 'After' });
		await until(() => names(bo.doc).includes('After'), 10_000, 'edits to cross');
	});

	it('holds a lock and a timer set on one instance for participants on the other', async () => {
		const { a, b } = await pair();
		const map = await createMapHttp(a.base, 'Locks across');
		const facilitator = client(a, map.id, map.facilitatorKey, 'Sam');
		await until(() => facilitator.synced, 15_000, 'the facilitator to sync');
		const locked = addComponent(facilitator.doc, { name: 'Payments', evolution: 0.3, visibility: 0.7 });
		const free = addComponent(facilitator.doc, { name: 'Web', evolution: 0.6, visibility: 0.4 });
		lockElements(facilitator.doc, [locked], undefined, 'Sam');
		startTimer(facilitator.doc, 5 * 60_000);
		const pat = await rawClient(`ws://127.0.0.1:${b.port}/collab`, map.id, map.editKey, 'Pat');
		cleanup.push(() => pat.close());
		await until(() => readWorkshop(pat.doc).locked.includes(locked) && readWorkshop(pat.doc).timer !== null, 10_000, 'the lock and timer on the other instance');
		pat.sendUpdate(capture(pat.doc, () => moveComponent(pat.doc, locked as ComponentId, { evolution: 0.9, visibility: 0.1 })));
		await until(() => pat.denied.length > 0, 10_000, 'the move of the locked component to be refused');
		expect(pat.denied[0]).toBe(REFUSED.locked('Payments'));
		// An unlocked component still moves, from a fresh copy, and reaches the facilitator on the first instance.
		const pat2 = await rawClient(`ws://127.0.0.1:${b.port}/collab`, map.id, map.editKey, 'Pat');
		cleanup.push(() => pat2.close());
		pat2.sendUpdate(capture(pat2.doc, () => moveComponent(pat2.doc, free as ComponentId, { evolution: 0.8, visibility: 0.2 })));
		await until(() => readSnapshot(facilitator.doc).components.find((c) => c.id === free)?.evolution === 0.8, 10_000, 'the free move to cross');
		expect(readSnapshot(facilitator.doc).components.find((c) => c.id === locked)).toMatchObject({ evolution: 0.3, visibility: 0.7 });
	});
});

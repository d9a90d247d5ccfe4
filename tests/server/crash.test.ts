// The built server killed with SIGKILL at seeded random moments while four real y-websocket clients
// keep adding and moving components (also while it is down): after each kill the stored map holds
// every update any client had received, and at the end the clients, a fresh client and the stored
// map agree, with every component added exactly once and every last move kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot, type ComponentId, type Point } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp, startCollab, tempDataDir, until } from '../helpers/collab.js';
import { freePort, hasPending, liveClient, missingFromStore, readStoredDoc, seeded, ServerRunner, sleep, stateVector, syncedClient } from '../helpers/faults.js';

/**
 * Seeds run in CI; each kills the server KILLS times. Seed 1009 found a client sent, on joining, an
 * edit the server had not stored yet (server/collab/connection.ts; the slow-disk test pins it).
 */
const SEEDS = [7, 1009];
const KILLS = 4;
const CLIENTS = 4;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Editor {
	provider: WebsocketProvider;
	/** Names added, in order; the last point each own component was moved to. */
	added: string[];
	lastPoint: Map<ComponentId, Point>;
	stop(): void;
}

/** A client that adds a uniquely named component or moves one of its own every 5–35 ms. */
function startEditor(provider: WebsocketProvider, who: number, random: () => number): Editor {
	const added: string[] = [];
	const lastPoint = new Map<ComponentId, Point>();
	const own: ComponentId[] = [];
	const point = (): Point => ({ evolution: Math.round(random() * 1000) / 1000, visibility: Math.round(random() * 1000) / 1000 });
	let timer: ReturnType<typeof setTimeout> | null = null;
	const step = () => {
		if (own.length === 0 || random() < 0.6) {
			const name = `c${who}-${added.length}`;
			const at = point();
			const id = addComponent(provider.doc, { name, ...at });
			added.push(name);
			own.push(id);
			lastPoint.set(id, at);
		} else {
			const id = own[Math.floor(random() * own.length)];
			const at = point();
			moveComponent(provider.doc, id, at);
			lastPoint.set(id, at);
		}
		timer = setTimeout(step, 5 + random() * 30);
	};
	step();
	return { provider, added, lastPoint, stop: () => timer && clearTimeout(timer) };
}

describe('crash', () => {
	it('sends a joining client an edit only once it is stored', async () => {
		// A slow disk: every append waits a second before it is written. A client that joins meanwhile
		// must not be sent the edit yet, or a crash in that window loses an edit someone has seen.
		const s = await startCollab();
		cleanup.push(() => s.close());
		const { id, keys } = await s.app.createMap({ title: 'Slow disk' });
		const store = s.app.store;
		const append = store.appendUpdate.bind(store);
		store.appendUpdate = async (mapId, update) => {
			await sleep(1000);
			return append(mapId, update);
		};
		// No edit journal either: every append takes the slow path.
		store.appendDurable = () => null;
		const writer = await connectClient(s.url, id, keys.participant);
		cleanup.push(() => writer.destroy());
		const added = addComponent(writer.doc, { name: 'Seen once stored' });
		const room = await s.app.rooms.open(id);
		await until(() => readSnapshot(room.doc).components.length === 1, 3000, 'the edit reaches the server, which is still storing it');
		const joiner = liveClient(s.url, id, keys.participant, 'Joiner');
		cleanup.push(() => joiner.destroy());
		let storedWhenSeen: Promise<string[]> | null = null;
		joiner.doc.on('update', () => {
			if (storedWhenSeen || !readSnapshot(joiner.doc).components.some((c) => c.id === added)) return;
			// The store reads synchronously: this is what was stored at the moment the joiner saw the edit.
			storedWhenSeen = store.loadDoc(id).then((stored) => {
				const doc = new Y.Doc();
				stored.updates.forEach((u) => Y.applyUpdate(doc, u));
				return readSnapshot(doc).components.map((c) => c.id);
			});
		});
		await until(() => storedWhenSeen !== null, 5000, 'the joiner sees the edit');
		expect(await storedWhenSeen).toContain(added);
	});

	it.each(SEEDS)('keeps every received update through SIGKILLs at random moments (seed %i)', async (seed) => {
		const random = seeded(seed);
		const dataDir = tempDataDir('stackmap-crash-');
		cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
		const server = new ServerRunner(dataDir, await freePort());
		cleanup.push(() => server.stop('SIGKILL'));
		const first = await server.start();
		const map = await createMapHttp(first.base, 'Crash');
		const url = `ws://127.0.0.1:${first.port}/collab`;

		const editors: Editor[] = [];
		for (let i = 0; i < CLIENTS; i++) {
			const provider = liveClient(url, map.id, map.editKey, `Client ${i}`);
			cleanup.push(() => provider.destroy());
			editors.push(startEditor(provider, i, seeded(seed * 100 + i)));
		}
		const context = (what: string) => `seed ${seed}, ${what}`;
		// y-websocket warns when the server refuses an update (the map page would reload the map).
		const warnings: string[] = [];
		const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')));
		cleanup.push(() => warn.mockRestore());

		for (let kill = 0; kill < KILLS; kill++) {
			// Some kills land while clients are still resyncing after the last restart, most later.
			await sleep(random() < 0.3 ? 10 + random() * 90 : 150 + random() * 650);
			await server.stop('SIGKILL');
			await sleep(20);
			const stored = await readStoredDoc(dataDir, map.id);
			const storedNames = new Set(readSnapshot(stored).components.map((c) => c.name));
			for (const [i, editor] of editors.entries()) {
				const doc = editor.provider.doc;
				expect(missingFromStore(stored, doc), context(`kill ${kill}, client ${i}: updates received but not stored`)).toEqual([]);
				const othersSeen = readSnapshot(doc)
					.components.map((c) => c.name)
					.filter((name) => !name.startsWith(`c${i}-`));
				expect(othersSeen.filter((name) => !storedNames.has(name)), context(`kill ${kill}, client ${i}: components seen but not stored`)).toEqual([]);
			}
			stored.destroy();
			await sleep(random() * 300); // clients keep editing while the server is down
			await server.start();
		}

		for (const editor of editors) editor.stop();
		const verifier = await syncedClient(url, map.id, map.viewKey);
		cleanup.push(() => verifier.destroy());
		const target = () => stateVector(verifier.doc);
		await until(
			() => editors.every((e) => e.provider.synced && stateVector(e.provider.doc) === target()),
			30_000,
			context('every client and a fresh client converged')
		);

		const snapshot = readSnapshot(verifier.doc);
		const names = snapshot.components.map((c) => c.name).sort();
		const expected = editors.flatMap((e) => e.added).sort();
		expect(names, context('each added component exactly once')).toEqual(expected);
		for (const editor of editors) {
			for (const [id, at] of editor.lastPoint) {
				const c = snapshot.components.find((x) => x.id === id);
				expect({ evolution: c?.evolution, visibility: c?.visibility }, context(`last move of ${c?.name}`)).toEqual(at);
			}
			expect(readSnapshot(editor.provider.doc), context('client snapshot')).toEqual(snapshot);
			expect(hasPending(editor.provider.doc), context('client waits on nothing')).toBe(false);
		}

		expect(await server.stop('SIGTERM'), context('graceful exit code')).toBe(0);
		const stored = await readStoredDoc(dataDir, map.id);
		expect(readSnapshot(stored), context('stored map')).toEqual(snapshot);
		expect(stateVector(stored), context('stored state vector')).toBe(target());
		expect(server.unexpectedExits, context('server exits nobody asked for')).toEqual([]);
		expect(server.errors(), context('server errors')).toEqual([]);
		expect(warnings, context('changes the server refused')).toEqual([]);
	}, 180_000);
});

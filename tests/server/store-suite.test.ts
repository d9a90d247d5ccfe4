// One body of store tests run against both MapStore implementations: the embedded SQLite file and
// a real PostgreSQL (a throwaway cluster, tests/helpers/postgres.ts). Whatever rooms and routes
// rely on must hold for both.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as Y from 'yjs';
import { addComponent, moveComponent, readSnapshot } from '../../src/lib/map/index.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import type { MapRecord, MapStore } from '../../server/store/types.js';
import { tempDataDir } from '../helpers/collab.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

/** Opens a fresh, empty store; `reopen` opens the same data again after close. */
interface Backend {
	name: string;
	setup(): Promise<void>;
	teardown(): Promise<void>;
	fresh(): Promise<{ open(): Promise<MapStore> }>;
}

let cluster: TestPostgres | null = null;

const backends: Backend[] = [
	{
		name: 'SQLite',
		async setup() {},
		async teardown() {},
		async fresh() {
			const file = join(tempDataDir(), 'stackmap.db');
			return { open: async () => openSqliteStore(file) };
		}
	},
	{
		name: 'PostgreSQL',
		async setup() {
			cluster = await startPostgres();
		},
		async teardown() {
			await cluster?.close();
			cluster = null;
		},
		async fresh() {
			const url = await cluster!.createDatabase();
			return { open: () => openPostgresStore(url, { poolSize: 4 }) };
		}
	}
];

function record(id: string, over: Partial<MapRecord> = {}): MapRecord {
	return {
		id,
		title: `Map ${id}`,
		createdAt: 1_700_000_000_000,
		updatedAt: 1_700_000_000_000,
		visibility: 'private',
		keyHashes: { facilitator: new Uint8Array(32).fill(1), participant: new Uint8Array(32).fill(2), viewer: new Uint8Array(32).fill(3) },
		...over
	};
}

const bytes = (...xs: number[]) => new Uint8Array(xs);

/** A document built by real edits, with each update as the room would append it. */
function editedDoc(n: number, name = 'Component'): { doc: Y.Doc; updates: Uint8Array[] } {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const id = addComponent(doc, { name });
	for (let i = 0; i < n; i++) moveComponent(doc, id, { evolution: i / n, visibility: 0.5 });
	return { doc, updates };
}

function docFrom(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc;
}

describe.each(backends)('$name store', (backend) => {
	const open: MapStore[] = [];
	beforeAll(() => backend.setup());
	afterAll(() => backend.teardown());
	afterEach(async () => {
		for (const s of open.splice(0)) await s.close();
	});
	async function store(): Promise<{ store: MapStore; reopen(): Promise<MapStore> }> {
		const data = await backend.fresh();
		const s = await data.open();
		open.push(s);
		return {
			store: s,
			async reopen() {
				const again = await data.open();
				open.push(again);
				return again;
			}
		};
	}

	it('creates a map and reads its record back; an unknown id is null, a duplicate is refused', async () => {
		const { store: s } = await store();
		const r = record('AAAAAAAAAAAA', { title: 'Council stack', visibility: 'unlisted' });
		await s.createMap(r);
		expect(await s.getMap('AAAAAAAAAAAA')).toEqual(r);
		expect(await s.getMap('BBBBBBBBBBBB')).toBeNull();
		await expect(s.createMap(r)).rejects.toThrow();
	});

	it("rotates one role's key hash and leaves the others", async () => {
		const { store: s } = await store();
		await s.createMap(record('m1'));
		const fresh = new Uint8Array(32).fill(9);
		await s.setKeyHash('m1', 'participant', fresh);
		const got = (await s.getMap('m1'))!;
		expect(got.keyHashes.participant).toEqual(fresh);
		expect(got.keyHashes.facilitator).toEqual(new Uint8Array(32).fill(1));
		expect(got.keyHashes.viewer).toEqual(new Uint8Array(32).fill(3));
	});

	it('touches a map: the time always, the title only when given', async () => {
		const { store: s } = await store();
		await s.createMap(record('m1'));
		await s.touchMap('m1', { title: 'Renamed', updatedAt: 1_800_000_000_000 });
		expect(await s.getMap('m1')).toMatchObject({ title: 'Renamed', updatedAt: 1_800_000_000_000 });
		await s.touchMap('m1', { updatedAt: 1_800_000_000_500 });
		expect(await s.getMap('m1')).toMatchObject({ title: 'Renamed', updatedAt: 1_800_000_000_500 });
	});

	it('loads nothing for a map without updates, then every update in the order appended', async () => {
		const { store: s } = await store();
		expect(await s.loadDoc('m1')).toEqual({ updates: [], lastSeq: 0 });
		const seqs = [];
		for (let i = 1; i <= 5; i++) seqs.push(await s.appendUpdate('m1', bytes(i, i)));
		for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
		const doc = await s.loadDoc('m1');
		expect(doc.updates).toEqual([1, 2, 3, 4, 5].map((i) => bytes(i, i)));
		expect(doc.lastSeq).toBe(seqs[4]);
		expect(await s.countUpdates('m1')).toBe(5);
	});

	it('rebuilds a document edited many times, update by update', async () => {
		const { store: s } = await store();
		const { doc, updates } = editedDoc(300);
		for (const u of updates) await s.appendUpdate('m1', u);
		const loaded = docFrom((await s.loadDoc('m1')).updates);
		expect(readSnapshot(loaded)).toEqual(readSnapshot(doc));
	});

	it('compacts: the state first, then only the updates after it', async () => {
		const { store: s } = await store();
		const { doc, updates } = editedDoc(50);
		let upto = 0;
		for (const u of updates) upto = await s.appendUpdate('m1', u);
		await s.compact('m1', Y.encodeStateAsUpdate(doc), upto);
		expect(await s.countUpdates('m1')).toBe(0);
		const after = editedDoc(0, 'Later');
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(after.doc));
		const later = await s.appendUpdate('m1', Y.encodeStateAsUpdate(after.doc));
		expect(later).toBeGreaterThan(upto);
		const loaded = await s.loadDoc('m1');
		expect(loaded.updates).toHaveLength(2);
		expect(loaded.lastSeq).toBe(later);
		expect(readSnapshot(docFrom(loaded.updates))).toEqual(readSnapshot(doc));
		expect(await s.countUpdates('m1')).toBe(1);
	});

	it('keeps updates appended while a compaction runs, and never shows a half-compacted map', async () => {
		const { store: s } = await store();
		const { doc, updates } = editedDoc(200);
		let upto = 0;
		for (const u of updates) upto = await s.appendUpdate('m1', u);
		const want = readSnapshot(doc);
		// Readers during the compaction see the whole document, before or after it, never a part.
		const reads = Array.from({ length: 10 }, () => s.loadDoc('m1'));
		const compacted = s.compact('m1', Y.encodeStateAsUpdate(doc), upto);
		const extra = editedDoc(0, 'During');
		const during = s.appendUpdate('m1', Y.encodeStateAsUpdate(extra.doc));
		const moreReads = Array.from({ length: 10 }, () => s.loadDoc('m1'));
		await compacted;
		const seq = await during;
		expect(seq).toBeGreaterThan(upto);
		for (const r of [...(await Promise.all(reads)), ...(await Promise.all(moreReads))]) {
			expect(readSnapshot(docFrom(r.updates)).components.filter((c) => c.name === 'Component')).toEqual(want.components);
		}
		const final = docFrom((await s.loadDoc('m1')).updates);
		expect(readSnapshot(final).components.map((c) => c.name).sort()).toEqual(['Component', 'During']);
		expect(await s.countUpdates('m1')).toBe(1);
	});

	it('counts updates per map and lists the maps past a threshold', async () => {
		const { store: s } = await store();
		for (let i = 0; i < 7; i++) await s.appendUpdate('busy', bytes(i));
		for (let i = 0; i < 3; i++) await s.appendUpdate('calm', bytes(i));
		expect(await s.countUpdates('busy')).toBe(7);
		expect(await s.countUpdates('calm')).toBe(3);
		expect(await s.countUpdates('none')).toBe(0);
		expect((await s.mapsNeedingCompaction(5)).sort()).toEqual(['busy']);
		expect((await s.mapsNeedingCompaction(2)).sort()).toEqual(['busy', 'calm']);
		await s.compact('busy', bytes(99), (await s.loadDoc('busy')).lastSeq);
		expect(await s.mapsNeedingCompaction(2)).toEqual(['calm']);
	});

	it('keeps two interleaved maps apart, each in its own order', async () => {
		const { store: s } = await store();
		for (let i = 0; i < 20; i++) {
			await s.appendUpdate('a', bytes(1, i));
			await s.appendUpdate('b', bytes(2, i));
		}
		await s.compact('a', bytes(7), (await s.loadDoc('a')).lastSeq);
		await s.appendUpdate('a', bytes(1, 99));
		expect((await s.loadDoc('a')).updates).toEqual([bytes(7), bytes(1, 99)]);
		expect((await s.loadDoc('b')).updates).toEqual(Array.from({ length: 20 }, (_, i) => bytes(2, i)));
	});

	it('stores updates of several megabytes byte for byte', async () => {
		const { store: s } = await store();
		const big = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
		const sizes = [3 << 20, 1, 5 << 20];
		const all = sizes.map((n, i) => big(n, i));
		const seqs = await Promise.all(all.map((u) => s.appendUpdate('big', u)));
		expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
		const loaded = await s.loadDoc('big');
		expect(loaded.updates.map((u) => u.byteLength)).toEqual(sizes);
		for (let i = 0; i < all.length; i++) expect(Buffer.compare(Buffer.from(loaded.updates[i]), Buffer.from(all[i]))).toBe(0);
	});

	it('keeps call order for appends made at once, across maps', async () => {
		const { store: s } = await store();
		const calls = Array.from({ length: 600 }, (_, i) => ({ map: `m${i % 3}`, data: bytes(i & 0xff, i >> 8) }));
		const seqs = await Promise.all(calls.map((c) => s.appendUpdate(c.map, c.data)));
		for (const map of ['m0', 'm1', 'm2']) {
			const mine = calls.map((c, i) => ({ ...c, seq: seqs[i] })).filter((c) => c.map === map);
			for (let i = 1; i < mine.length; i++) expect(mine[i].seq).toBeGreaterThan(mine[i - 1].seq);
			const loaded = await s.loadDoc(map);
			expect(loaded.updates).toEqual(mine.map((c) => c.data));
			expect(loaded.lastSeq).toBe(mine[mine.length - 1].seq);
		}
	});

	it('reads its own appends: a load, count or compaction right after an append not yet awaited includes it', async () => {
		const { store: s } = await store();
		const appended = s.appendUpdate('m1', bytes(1));
		expect((await s.loadDoc('m1')).updates).toEqual([bytes(1)]);
		const more = [s.appendUpdate('m1', bytes(2)), s.appendUpdate('m2', bytes(3))];
		expect(await s.countUpdates('m1')).toBe(2);
		expect((await s.mapsNeedingCompaction(0)).sort()).toEqual(['m1', 'm2']);
		const last = await more[0];
		await s.compact('m1', bytes(12), last);
		expect(await s.loadDoc('m1')).toEqual({ updates: [bytes(12)], lastSeq: last });
		expect(await appended).toBeLessThan(last);
	});

	it('keeps records, states and updates through closing and reopening', async () => {
		const { store: s, reopen } = await store();
		await s.createMap(record('m1', { title: 'Kept' }));
		await s.appendUpdate('m1', bytes(1));
		const upto = await s.appendUpdate('m1', bytes(2));
		await s.compact('m1', bytes(12), upto);
		const last = await s.appendUpdate('m1', bytes(3));
		await s.close();
		const again = await reopen();
		expect(await again.getMap('m1')).toMatchObject({ title: 'Kept' });
		expect(await again.loadDoc('m1')).toEqual({ updates: [bytes(12), bytes(3)], lastSeq: last });
		expect(await again.appendUpdate('m1', bytes(4))).toBeGreaterThan(last);
	});
});

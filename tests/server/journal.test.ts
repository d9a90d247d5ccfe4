// The edit journal in front of SQLite: an append is durable (journaled) before the store resolves
// it and before SQLite commits it, survives the process being killed in between, is replayed once
// (never twice, never past a compaction), and a torn tail from a kill mid-write is dropped.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { crc32 } from 'node:zlib';
import { Journal, decodeRecords, encodeRecord } from '../../server/store/journal.js';
import { openSqliteStore, type SqliteStore } from '../../server/store/sqlite.js';
import { tempDataDir, until } from '../helpers/collab.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

function dir(): string {
	const d = tempDataDir('stackmap-journal-');
	cleanup.push(() => rmSync(d, { recursive: true, force: true }));
	return d;
}

function open(file: string, options: Parameters<typeof openSqliteStore>[1] = {}): SqliteStore {
	const store = openSqliteStore(file, { checkpointMs: 0, ...options });
	cleanup.push(() => store.close());
	return store;
}

/** The rows SQLite itself holds for a map, read on a connection of its own. */
function committedSeqs(file: string, mapId: string): number[] {
	const db = new Database(file, { readonly: true });
	try {
		return (db.prepare('SELECT seq FROM map_updates WHERE map_id = ? ORDER BY seq').pluck().all(mapId) as number[]);
	} finally {
		db.close();
	}
}

/** An update setting key `name` in a fresh document's map "m". */
function update(name: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('m').set(name, name);
	return Y.encodeStateAsUpdate(doc);
}

function names(updates: readonly Uint8Array[]): string[] {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return [...doc.getMap('m').keys()].sort();
}

describe('journal records', () => {
	it('reads back exactly the whole records of any prefix of the file', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ seq: fc.integer({ min: 1, max: 2 ** 48 - 1 }), mapId: fc.string({ maxLength: 20 }), data: fc.uint8Array({ maxLength: 300 }) }), { maxLength: 8 }),
				fc.nat(),
				(records, cut) => {
					const encoded = records.map((r) => encodeRecord(r.seq, r.mapId, r.data));
					const file = Buffer.concat(encoded);
					const at = file.length === 0 ? 0 : cut % (file.length + 1);
					let whole = 0;
					for (let end = 0, i = 0; i < encoded.length; i++) if ((end += encoded[i].length) <= at) whole = i + 1;
					const read = decodeRecords(file.subarray(0, at));
					expect(read.map((r) => ({ seq: r.seq, mapId: r.mapId, data: [...r.data] }))).toEqual(
						records.slice(0, whole).map((r) => ({ seq: r.seq, mapId: r.mapId, data: [...r.data] }))
					);
				}
			),
			{ numRuns: 300 }
		);
	});

	it("checks each record with zlib's CRC-32 of its payload, short or long (files from earlier versions replay)", () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 20 }), (data, mapId) => {
				const record = encodeRecord(7, mapId, data);
				expect(record.readUInt32LE(4)).toBe(crc32(record.subarray(8)));
			}),
			{ numRuns: 200 }
		);
	});

	it('appends records of several maps, and one larger than its buffer, and reads them back in order', () => {
		const file = join(dir(), 'edits.journal');
		const journal = new Journal(file);
		const big = new Uint8Array(200_000).map((_, i) => i % 251);
		const written = [
			{ seq: 1, mapId: 'map-a', data: new Uint8Array([1, 2, 3]) },
			{ seq: 2, mapId: 'map-b', data: new Uint8Array([4]) },
			{ seq: 3, mapId: 'map-b', data: big },
			{ seq: 4, mapId: 'map-a', data: new Uint8Array([5, 6]) }
		];
		for (const r of written) journal.append(r.seq, r.mapId, r.data);
		journal.close();
		const reopened = new Journal(file);
		const read = reopened.read();
		reopened.close();
		expect(read.map((r) => ({ seq: r.seq, mapId: r.mapId, data: [...r.data] }))).toEqual(written.map((r) => ({ ...r, data: [...r.data] })));
		expect(statSync(file).size).toBe(written.reduce((n, r) => n + 8 + 8 + r.mapId.length + r.data.length, 0));
	});

	it('stops at a damaged record', () => {
		const a = encodeRecord(1, 'map', new Uint8Array([1, 2, 3]));
		const b = encodeRecord(2, 'map', new Uint8Array([4, 5, 6]));
		const damaged = Buffer.from(b);
		damaged[damaged.length - 1] ^= 0xff;
		expect(decodeRecords(Buffer.concat([a, damaged, a])).map((r) => r.seq)).toEqual([1]);
	});
});

describe('the store with its journal', () => {
	it('resolves an append once journaled, and commits it to SQLite after, in one group', async () => {
		const file = join(dir(), 'stackmap.db');
		const store = open(file);
		const seqs = await Promise.all(['a', 'b', 'c'].map((n) => store.appendUpdate('m', update(n))));
		expect(seqs).toEqual([1, 2, 3]);
		// Resolved, but SQLite has not been written yet: the journal holds them.
		expect(committedSeqs(file, 'm')).toEqual([]);
		expect(statSync(`${file}-edits`).size).toBeGreaterThan(0);
		// Not at the end of this turn either (the server is still sending), but a few ms later.
		await new Promise((r) => setImmediate(r));
		expect(committedSeqs(file, 'm')).toEqual([]);
		await until(() => committedSeqs(file, 'm').length > 0, 2000);
		expect(committedSeqs(file, 'm')).toEqual([1, 2, 3]);
		expect(names((await store.loadDoc('m')).updates)).toEqual(['a', 'b', 'c']);
	});

	it('commits at the end of the turn when asked to (journaledCommitMs 0)', async () => {
		const file = join(dir(), 'stackmap.db');
		const store = open(file, { journaledCommitMs: 0 });
		await Promise.all(['a', 'b'].map((n) => store.appendUpdate('m', update(n))));
		expect(committedSeqs(file, 'm')).toEqual([]);
		await new Promise((r) => setImmediate(r));
		expect(committedSeqs(file, 'm')).toEqual([1, 2]);
	});

	it('reads its own journaled appends before they are committed', async () => {
		const store = open(join(dir(), 'stackmap.db'));
		void store.appendUpdate('m', update('x'));
		const stored = await store.loadDoc('m');
		expect(names(stored.updates)).toEqual(['x']);
		expect(stored.lastSeq).toBe(1);
	});

	it('keeps appends journaled by a process killed before its commit', async () => {
		const file = join(dir(), 'stackmap.db');
		// The built store in a child process: 50 appends, then SIGKILL in the same turn (no commit).
		const built = resolve('dist/server/store/sqlite.js');
		const script = `
			import { openSqliteStore } from ${JSON.stringify(built)};
			import * as Y from 'yjs';
			const store = openSqliteStore(${JSON.stringify(file)}, { checkpointMs: 0 });
			for (let i = 0; i < 50; i++) {
				const doc = new Y.Doc();
				doc.getMap('m').set('k' + i, i);
				store.appendUpdate('m', Y.encodeStateAsUpdate(doc));
			}
			process.kill(process.pid, 'SIGKILL');
		`;
		const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: resolve('.'), encoding: 'utf8' });
		expect(child.signal, child.stderr).toBe('SIGKILL');
		expect(committedSeqs(file, 'm')).toEqual([]);
		const store = open(file);
		const stored = await store.loadDoc('m');
		expect(names(stored.updates)).toHaveLength(50);
		expect(stored.lastSeq).toBe(50);
		// Replayed once: the journal is empty again and new appends carry on after them.
		expect(statSync(`${file}-edits`).size).toBe(0);
		expect(await store.appendUpdate('m', update('next'))).toBe(51);
	});

	it('replays only what SQLite lacks: not committed rows again, not what a compaction folded in, not a torn tail', async () => {
		const file = join(dir(), 'stackmap.db');
		const first = open(file);
		const u = ['a', 'b', 'c', 'd'].map(update);
		await first.appendUpdate('m', u[0]);
		await first.appendUpdate('m', u[1]);
		await first.appendUpdate('m', u[2]);
		const doc = new Y.Doc();
		for (const x of u.slice(0, 2)) Y.applyUpdate(doc, x);
		await first.compact('m', Y.encodeStateAsUpdate(doc), 2);
		await first.close();
		// As if the process died with these still in the journal: 1–2 compacted, 3 committed, 4 not,
		// and half of a fifth record it was writing.
		const torn = encodeRecord(5, 'm', update('e'));
		writeFileSync(
			`${file}-edits`,
			Buffer.concat([encodeRecord(1, 'm', u[0]), encodeRecord(2, 'm', u[1]), encodeRecord(3, 'm', u[2]), encodeRecord(4, 'm', u[3]), torn.subarray(0, 20)])
		);
		const store = open(file);
		expect(committedSeqs(file, 'm')).toEqual([3, 4]);
		const stored = await store.loadDoc('m');
		expect(names(stored.updates)).toEqual(['a', 'b', 'c', 'd']);
		expect(stored.updates).toHaveLength(3); // the state, then 3 and 4
		expect(await store.appendUpdate('m', update('f'))).toBe(5);
	});

	it('keeps journaled appends when SQLite refuses the commit, reports it, and commits them once it can', async () => {
		const file = join(dir(), 'stackmap.db');
		const errors: unknown[] = [];
		const store = open(file, { onError: (err) => errors.push(err) });
		store.db.exec(`CREATE TRIGGER no_room BEFORE INSERT ON map_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
		await store.appendUpdate('m', update('a'));
		await store.appendUpdate('m', update('b'));
		await until(() => errors.length > 0, 2000, 'the failed commit is reported');
		expect(String(errors[0])).toContain('disk full');
		expect(committedSeqs(file, 'm')).toEqual([]);
		store.db.exec('DROP TRIGGER no_room');
		await until(() => committedSeqs(file, 'm').length === 2, 5000, 'the retry commits them');
		expect(names((await store.loadDoc('m')).updates)).toEqual(['a', 'b']);
	});

	it('is not used with synchronous FULL: appends resolve once committed', async () => {
		const file = join(dir(), 'stackmap.db');
		const store = open(file, { synchronous: 'FULL' });
		expect(await store.appendUpdate('m', update('a'))).toBe(1);
		expect(committedSeqs(file, 'm')).toEqual([1]);
		expect(existsSync(`${file}-edits`)).toBe(false);
	});
});

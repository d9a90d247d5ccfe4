// What only the PostgreSQL store has: versioned migrations (safe when two processes start at once),
// a bounded pool, and refusals with a clear message while the server is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeDatabaseUrl, openPostgresStore } from '../../server/store/postgres.js';
import { MIGRATIONS, migrate } from '../../server/store/postgres-migrations.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { tempDataDir } from '../helpers/collab.js';
import { FaultProxy } from '../helpers/fault-proxy.js';
import { seeded } from '../helpers/seeded.js';
import { loadConfig } from '../../server/config.js';
import * as Y from 'yjs';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';

const run = promisify(execFile);

let cluster: TestPostgres;
beforeAll(async () => {
	cluster = await startPostgres();
});
afterAll(() => cluster?.close());

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<T>(sql)).rows;
	} finally {
		await client.end();
	}
}

describe('PostgreSQL store migrations', () => {
	it('runs each migration once when several processes start together, and nothing on the next start', async () => {
		const url = await cluster.createDatabase();
		const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { poolSize: 2 })));
		const rows = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
		expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
		await stores[0].appendUpdate('m1', new Uint8Array([1]));
		expect((await stores[2].loadDoc('m1')).updates).toEqual([new Uint8Array([1])]);
		expect(await migrate(stores[1].pool)).toEqual([]);
		for (const s of stores) await s.close();
	});

	it('rolls back a failing migration, names it, and leaves it to run again', async () => {
		const url = await cluster.createDatabase();
		const pool = new pg.Pool({ connectionString: url, max: 1 });
		const broken = [...MIGRATIONS, { version: 999, name: 'a broken one', sql: 'CREATE TABLE half (x int); SELECT no_such_function();' }];
		await expect(migrate(pool, broken)).rejects.toThrow(/migration 999 \(a broken one\) failed: .*no_such_function/);
		const versions = (await pool.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
		expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
		expect((await pool.query(`SELECT to_regclass('half') AS t`)).rows[0].t).toBeNull();
		await pool.end();
	});

	it('refuses to open with a clear message when the database cannot be reached', async () => {
		await expect(openPostgresStore('postgres://nobody@127.0.0.1:1/none', { connectTimeoutMs: 1000 })).rejects.toThrow(
			/^PostgreSQL store: could not prepare the schema: /
		);
	});
});

describe('PostgreSQL store', () => {
	it('uses at most poolSize connections however many reads wait', async () => {
		const url = await cluster.createDatabase();
		const store = await openPostgresStore(url, { poolSize: 2 });
		for (let i = 0; i < 20; i++) await store.appendUpdate(`m${i}`, new Uint8Array([i]));
		const loads = await Promise.all(Array.from({ length: 60 }, (_, i) => store.loadDoc(`m${i % 20}`)));
		expect(loads.every((l) => l.updates.length === 1)).toBe(true);
		const name = new URL(url).pathname.slice(1);
		const open = await query<{ n: string }>(url, `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
		expect(Number(open[0].n)).toBeLessThanOrEqual(2);
		await store.close();
	});

	it('refuses edits with a clear message while PostgreSQL is down, and takes them again once it is back', async () => {
		const url = await cluster.createDatabase();
		// Idle connections the stop cuts are reported here, not thrown into the process.
		const dropped: unknown[] = [];
		const store = await openPostgresStore(url, { poolSize: 2, connectTimeoutMs: 2000, onError: (e) => dropped.push(e) });
		const before = await store.appendUpdate('m1', new Uint8Array([1]));
		expect(await store.ready()).toBe(true);
		await cluster.stop();
		try {
			await expect(store.appendUpdate('m1', new Uint8Array([2]))).rejects.toThrow(/^PostgreSQL store: could not append to map m1: /);
			await expect(store.loadDoc('m1')).rejects.toThrow(/^PostgreSQL store: could not load map m1: /);
			expect(await store.ready()).toBe(false);
		} finally {
			await cluster.start();
		}
		expect(await store.ready()).toBe(true);
		expect(dropped.every((e) => e instanceof Error && e.message.startsWith('PostgreSQL store: '))).toBe(true);
		const after = await store.appendUpdate('m1', new Uint8Array([3]));
		expect(after).toBeGreaterThan(before);
		// The refused edit is not there: nothing was accepted and then lost.
		expect((await store.loadDoc('m1')).updates).toEqual([new Uint8Array([1]), new Uint8Array([3])]);
		await store.close();
	});

	it('comes back whole from pg_dump and pg_restore into another database (docs/deploy.md)', async () => {
		const url = await cluster.createDatabase();
		const store = await openPostgresStore(url);
		await store.createMap({
			id: 'm1',
			title: 'Backed up',
			createdAt: 1,
			updatedAt: 2,
			visibility: 'private',
			keyHashes: { facilitator: new Uint8Array(32).fill(1), participant: new Uint8Array(32).fill(2), viewer: new Uint8Array(32).fill(3) }
		});
		for (let i = 0; i < 5; i++) await store.appendUpdate('m1', new Uint8Array([i]));
		await store.compact('m1', new Uint8Array([42]), 3);
		const before = await store.loadDoc('m1');
		await store.close();

		const dump = join(tempDataDir(), 'docs.dump');
		await run(cluster.tool('pg_dump'), ['--format=custom', `--file=${dump}`, url]);
		const copy = await cluster.createDatabase();
		await run(cluster.tool('pg_restore'), ['--no-owner', `--dbname=${copy}`, dump]);

		const restored = await openPostgresStore(copy);
		expect(await restored.loadDoc('m1')).toEqual(before);
		expect(await restored.getMap('m1')).toMatchObject({ title: 'Backed up' });
		expect(await migrate(restored.pool)).toEqual([]);
		expect(await restored.appendUpdate('m1', new Uint8Array([9]))).toBeGreaterThan(before.lastSeq);
		await restored.close();
	});

	it('refuses an edit with a clear message when PostgreSQL stops answering mid-connection, then carries on', async () => {
		const url = new URL(await cluster.createDatabase());
		const proxy = await FaultProxy.start({ target: () => Number(url.port), random: seeded(24) });
		const viaProxy = new URL(url);
		viaProxy.port = String(proxy.port);
		const store = await openPostgresStore(viaProxy.toString(), { poolSize: 1, queryTimeoutMs: 1000, onError: () => undefined });
		try {
			await store.appendUpdate('m1', new Uint8Array([1]));
			// The network holds every byte for a minute: the query times out rather than hanging the room.
			proxy.delayMs = [60_000, 60_000];
			await expect(store.appendUpdate('m1', new Uint8Array([2]))).rejects.toThrow(/^PostgreSQL store: could not append to map m1: .*timeout/i);
			proxy.delayMs = [0, 0];
			proxy.cut('drop');
			await store.appendUpdate('m1', new Uint8Array([3]));
			// A timed-out commit may still have happened (its bytes were on their way): a client resending it is harmless to Yjs.
			const stored = (await store.loadDoc('m1')).updates.map((u) => u[0]);
			expect(stored.filter((b) => b !== 2)).toEqual([1, 3]);
		} finally {
			await store.close();
			await proxy.close();
		}
	});
});

describe('DATABASE_URL', () => {
	it.each([
		[{}, null, 10],
		[{ DATABASE_URL: 'postgres://u:p@db:5432/stackmap', STACKMAP_DATABASE_POOL: '4' }, 'postgres://u:p@db:5432/stackmap', 4],
		[{ DATABASE_URL: 'postgresql://db/stackmap', STACKMAP_DATABASE_POOL: '0' }, 'postgresql://db/stackmap', 1]
	])('%o gives documents in %s with a pool of %i', (env, url, pool) => {
		const config = loadConfig(env as NodeJS.ProcessEnv);
		expect(config.databaseUrl).toBe(url);
		expect(config.databasePool).toBe(pool);
	});

	it.each([
		['postgres://stackmap:secret@db.internal:5432/stackmap', 'postgres://stackmap@db.internal:5432/stackmap'],
		['postgresql://db/stackmap?sslmode=verify-full&password=secret', 'postgresql://db/stackmap'],
		['postgres://stackmap:secret@[db', 'postgres (unparsable URL)']
	])('logs %s as %s, never a password', (url, shown) => {
		expect(describeDatabaseUrl(url)).toBe(shown);
	});

	it('stops the start on a URL that is not PostgreSQL, rather than quietly using SQLite', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://db/stackmap' })).toThrow('DATABASE_URL must be a postgres:// or postgresql:// URL');
	});

	it('keeps every instance’s updates when each compacts from its own copy (sharedWriters)', async () => {
		const url = await cluster.createDatabase();
		const [one, two] = await Promise.all([1, 2].map(() => openPostgresStore(url, { poolSize: 2, sharedWriters: true })));
		// Two instances' copies of one map; each has stored edits the other has not received yet.
		const a = new Y.Doc();
		const b = new Y.Doc();
		const logged = (doc: Y.Doc, store: typeof one) => {
			const seqs: Promise<number>[] = [];
			doc.on('update', (u: Uint8Array) => seqs.push(store.appendUpdate('m', u)));
			return seqs;
		};
		const aSeqs = logged(a, one);
		const bSeqs = logged(b, two);
		for (let i = 0; i < 5; i++) addComponent(b, { name: `B${i}` });
		const bLast = Math.max(...(await Promise.all(bSeqs)));
		for (let i = 0; i < 5; i++) addComponent(a, { name: `A${i}` });
		const aLast = Math.max(...(await Promise.all(aSeqs)));
		expect(bLast).toBeLessThan(aLast);
		// A compacts up to its last seq from a copy without B's edits, which are stored below it.
		await one.compact('m', Y.encodeStateAsUpdate(a), aLast);
		// B compacts later from its own, older point: nothing goes backwards.
		await two.compact('m', Y.encodeStateAsUpdate(b), 3);
		const loaded = new Y.Doc();
		for (const u of (await two.loadDoc('m')).updates) Y.applyUpdate(loaded, u);
		expect(readSnapshot(loaded).components.map((c) => c.name).sort()).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'B0', 'B1', 'B2', 'B3', 'B4']);
		expect(await one.countUpdates('m')).toBe(0);
		await Promise.all([one.close(), two.close()]);
	});

	it('appends batches to many maps from two processes at once without deadlock, numbers in order per map', async () => {
		const url = await cluster.createDatabase();
		const [one, two] = await Promise.all([1, 2].map(() => openPostgresStore(url, { poolSize: 4 })));
		const maps = Array.from({ length: 30 }, (_, i) => `m${String(i).padStart(2, '0')}`);
		// Each store gets its appends in the opposite map order, many at once, so batches overlap.
		const rounds = 20;
		const issued: Promise<number>[][] = [[], []];
		for (let r = 0; r < rounds; r++) {
			for (const id of maps) issued[0].push(one.appendUpdate(id, new Uint8Array([0, r])));
			for (const id of [...maps].reverse()) issued[1].push(two.appendUpdate(id, new Uint8Array([1, r])));
		}
		const [a, b] = await Promise.all(issued.map((list) => Promise.all(list)));
		expect(a).toHaveLength(rounds * maps.length);
		expect(b).toHaveLength(rounds * maps.length);
		for (const id of maps) {
			const loaded = await one.loadDoc(id);
			expect(loaded.updates).toHaveLength(rounds * 2);
			// Each process's own appends to a map keep their order.
			for (const who of [0, 1]) expect(loaded.updates.filter((u) => u[0] === who).map((u) => u[1])).toEqual(Array.from({ length: rounds }, (_, r) => r));
		}
		await Promise.all([one.close(), two.close()]);
	});
});

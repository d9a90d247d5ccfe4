// Both metadata databases for one test file: a module's tests run once on SQLite (a temp file) and
// once on PostgreSQL (a throwaway cluster, started on first use, a fresh database per open()), so
// the one test suite holds the two implementations to the same promises.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { PostgresSql } from '../../server/db/postgres-sql.js';
import { prepareSqliteSchema } from '../../server/db/schema.js';
import type { Dialect, Sql } from '../../server/db/sql.js';
import { SqliteSql } from '../../server/db/sqlite-sql.js';
import { PostgresStore } from '../../server/store/postgres.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { MapStore } from '../../server/store/types.js';
import { startPostgres, type TestPostgres } from './postgres.js';

export interface OpenedDatabase {
	/** The metadata tables, schema prepared. */
	readonly sql: Sql;
	/** The map records and documents in the same database (maps the metadata refers to). */
	readonly store: MapStore;
	close(): Promise<void>;
}

export interface DialectUnderTest {
	readonly dialect: Dialect;
	/** A new, empty database. */
	open(): Promise<OpenedDatabase>;
}

/** SQLite and PostgreSQL, for `describe.each(sqlDialects())('on $dialect', …)`; call at the top of a test file. */
export function sqlDialects(): DialectUnderTest[] {
	let cluster: Promise<TestPostgres> | null = null;
	const dirs: string[] = [];
	afterAll(async () => {
		if (cluster) await (await cluster).close();
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});
	return [
		{
			dialect: 'sqlite',
			async open() {
				const dir = mkdtempSync(join(tmpdir(), 'stackmap-sql-'));
				dirs.push(dir);
				const store = openSqliteStore(join(dir, 'stackmap.db'), { checkpointMs: 0 });
				const sql = new SqliteSql(store.db);
				await prepareSqliteSchema(sql);
				return { sql, store, close: () => store.close() };
			}
		},
		{
			dialect: 'postgres',
			async open() {
				cluster ??= startPostgres();
				const url = await (await cluster).createDatabase();
				const store = new PostgresStore(url, { poolSize: 4 });
				// Opening the store runs the migrations.
				await store.open();
				const sql = new PostgresSql(store.pool);
				return { sql, store, close: () => store.close() };
			}
		}
	];
}

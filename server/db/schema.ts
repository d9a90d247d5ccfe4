// The metadata tables' schema on SQLite: each module's idempotent steps, run in order on every
// start (CREATE … IF NOT EXISTS, added columns). PostgreSQL's are the numbered migrations
// (store/postgres-migrations.ts), which PostgresStore.open runs under an advisory lock.
import { createAuthSchema } from '../auth/schema.js';
import { createCatalogueSources } from '../catalogue/schema.js';
import { historySqliteSchema } from '../workshop/history.js';
import { linksSqliteSchema } from '../workshop/links.js';
import { snapshotsSqliteSchema } from '../workshop/snapshots.js';
import type { Sql } from './sql.js';
import type { SqliteSql } from './sqlite-sql.js';

/** A module's SQLite tables, created or brought up to date (must be idempotent). */
export type SqliteSchemaStep = (sql: Sql) => Promise<void>;

/** In order: a table referenced by another's foreign key comes first. */
const SQLITE_STEPS: readonly SqliteSchemaStep[] = [createCatalogueSources, createAuthSchema, linksSqliteSchema, snapshotsSqliteSchema, historySqliteSchema];

/** Bring the metadata schema on SQLite up to date. */
export async function prepareSqliteSchema(sql: SqliteSql): Promise<void> {
	for (const step of SQLITE_STEPS) await step(sql);
}

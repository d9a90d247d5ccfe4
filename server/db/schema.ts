// The metadata tables' schema on either database. PostgreSQL: the numbered migrations
// (store/postgres-migrations.ts), run once under an advisory lock. SQLite: each module's
// idempotent steps, run in order on every start (CREATE … IF NOT EXISTS, added columns).
import { createAuthSchema } from '../auth/schema.js';
import { createCatalogueSources } from '../catalogue/schema.js';
import { migrate } from '../store/postgres-migrations.js';
import { historySqliteSchema } from '../workshop/history.js';
import { linksSqliteSchema } from '../workshop/links.js';
import { snapshotsSqliteSchema } from '../workshop/snapshots.js';
import { PostgresSql } from './postgres-sql.js';
import type { Sql } from './sql.js';

/** A module's SQLite tables, created or brought up to date (must be idempotent). */
export type SqliteSchemaStep = (sql: Sql) => Promise<void>;

/** In order: a table referenced by another's foreign key comes first. */
const SQLITE_STEPS: readonly SqliteSchemaStep[] = [createCatalogueSources, createAuthSchema, linksSqliteSchema, snapshotsSqliteSchema, historySqliteSchema];

/** Bring the metadata schema up to date. */
export async function prepareSchema(sql: Sql): Promise<void> {
	if (sql instanceof PostgresSql) {
		await migrate(sql.pool);
		return;
	}
	for (const step of SQLITE_STEPS) await step(sql);
}

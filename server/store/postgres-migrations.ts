// The PostgreSQL store's schema as numbered migrations, run in order on start and recorded in
// schema_migrations. An advisory lock makes a second process starting at the same time wait, then
// find them done. Never edit a migration that has shipped: add the next one.
import type pg from 'pg';

export interface Migration {
	readonly version: number;
	readonly name: string;
	readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'maps and their documents',
		// map_docs has no foreign key to maps: with DATABASE_URL the map records stay in SQLite
		// beside the catalogue that joins them, and only documents live here (docs/deploy.md).
		sql: `
CREATE TABLE maps (
	id text PRIMARY KEY,
	title text NOT NULL DEFAULT '',
	created_at bigint NOT NULL,
	updated_at bigint NOT NULL,
	visibility text NOT NULL DEFAULT 'private',
	facilitator_hash bytea NOT NULL,
	participant_hash bytea NOT NULL,
	viewer_hash bytea NOT NULL
);
CREATE TABLE map_docs (
	map_id text PRIMARY KEY,
	last_seq bigint NOT NULL DEFAULT 0,
	state bytea,
	upto_seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE map_updates (
	map_id text NOT NULL,
	seq bigint NOT NULL,
	data bytea NOT NULL,
	PRIMARY KEY (map_id, seq)
);`
	}
];

/** Any constant shared by every Stackmap process: the key of the migrations' advisory lock. */
const LOCK_KEY = 0x5374_6b6d;

/** Bring the schema up to date; returns the versions applied now (none when it was current). */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
	const client = await pool.connect();
	const applied: number[] = [];
	try {
		await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
		try {
			await client.query(
				'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())'
			);
			const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
			const done = new Set(rows.map((r) => r.version));
			for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
				if (done.has(m.version)) continue;
				await client.query('BEGIN');
				try {
					await client.query(m.sql);
					await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
					await client.query('COMMIT');
				} catch (err) {
					await client.query('ROLLBACK').catch(() => undefined);
					throw new Error(`migration ${m.version} (${m.name}) failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
				}
				applied.push(m.version);
			}
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
		}
		client.release();
	} catch (err) {
		client.release(true);
		throw err;
	}
	return applied;
}

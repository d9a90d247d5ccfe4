// `stackmap move-to-postgres`: everything a SQLite data folder holds, copied into an empty
// PostgreSQL database in one transaction: map records and documents, organisations and publication
// settings, workshops' links, snapshots and history, accounts. The search index is not copied: the
// server rebuilds it from the published maps on its first start. Nothing is removed from the file.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { PostgresSql } from '../db/postgres-sql.js';
import { prepareSqliteSchema } from '../db/schema.js';
import type { Param, Sql } from '../db/sql.js';
import { SqliteSql } from '../db/sqlite-sql.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';

/** In an order that satisfies the foreign keys; sign-ins under way (auth_flows) are not worth keeping. */
const TABLES = [
	'maps',
	'organisations',
	'map_meta',
	'map_shares',
	'organisation_tokens',
	'organisation_audit',
	'map_shared_links',
	'map_snapshots',
	'map_history',
	'users',
	'sessions',
	'map_owners',
	'organisation_domains',
	'organisation_people'
] as const;

/** Tables whose ids PostgreSQL generates: the next id follows the copied ones. */
const IDENTITY_TABLES = ['organisations', 'organisation_tokens', 'organisation_audit', 'users'] as const;

const BATCH = 500;

export interface MoveReport {
	/** Rows copied per table. */
	readonly rows: Readonly<Record<string, number>>;
	/** Map documents copied (maps whose documents were in PostgreSQL already are not counted). */
	readonly documents: number;
}

/** Refuses, saying why, when the database holds maps already or the file is not a Stackmap store. */
export async function moveToPostgres(dbFile: string, url: string): Promise<MoveReport> {
	if (!existsSync(dbFile)) throw new Error(`no Stackmap database at ${dbFile}`);
	// Opening the store replays edits still only in its journal; the schema steps add columns older files lack.
	const sqlite = openSqliteStore(dbFile, { checkpointMs: 0 });
	const postgres = await openPostgresStore(url, { poolSize: 2 }).catch(async (err) => {
		await sqlite.close();
		throw err;
	});
	try {
		const from = new SqliteSql(sqlite.db);
		await prepareSqliteSchema(from);
		const to = new PostgresSql(postgres.pool);
		const held = await to.get<{ n: number }>('SELECT count(*) AS n FROM maps');
		if (held!.n > 0) throw new Error(`the PostgreSQL database holds ${held!.n} maps already: move into an empty database`);
		const rows: Record<string, number> = {};
		let documents = 0;
		await to.tx(async (t) => {
			for (const table of TABLES) rows[table] = await copyTable(sqlite.db, t, table);
			for (const table of IDENTITY_TABLES) {
				await t.run(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`);
			}
			for (const { id } of sqlite.db.prepare('SELECT id FROM maps ORDER BY id').all() as { id: string }[]) {
				const stored = await sqlite.loadDoc(id);
				if (stored.updates.length === 0) continue;
				// Documents already in PostgreSQL (a server run with DATABASE_URL before) are kept as they are.
				if (await t.get('SELECT 1 AS x FROM map_docs WHERE map_id = ?', [id])) continue;
				const state = Y.mergeUpdates(stored.updates);
				await t.run('INSERT INTO map_docs (map_id, last_seq, state, upto_seq) VALUES (?, 1, ?, 1)', [id, state]);
				documents++;
			}
		});
		return { rows, documents };
	} finally {
		await postgres.close();
		await sqlite.close();
	}
}

/** Copy the columns both databases have, in batches of multi-row INSERTs. */
async function copyTable(db: Database.Database, to: Sql, table: string): Promise<number> {
	if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)) return 0;
	const source = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
	const target = new Set(
		(await to.all<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`, [table])).map(
			(c) => c.column_name
		)
	);
	const columns = source.filter((c) => target.has(c));
	const list = columns.join(', ');
	const row = `(${columns.map(() => '?').join(', ')})`;
	let batch: Param[][] = [];
	let copied = 0;
	const flush = async () => {
		if (batch.length === 0) return;
		await to.run(`INSERT INTO ${table} (${list}) VALUES ${batch.map(() => row).join(', ')}`, batch.flat());
		copied += batch.length;
		batch = [];
	};
	for (const r of db.prepare(`SELECT ${list} FROM ${table}`).raw().iterate() as Iterable<Param[]>) {
		batch.push(r);
		if (batch.length === BATCH) await flush();
	}
	await flush();
	return copied;
}

/**
 * With DATABASE_URL: stop the start when the database holds no maps but the data folder's SQLite
 * file does (a service moving to PostgreSQL, or one from before records moved there), rather than
 * serve an empty catalogue whose links all answer "not found".
 */
export async function refuseDataLeftBehind(dbFile: string, sql: Sql): Promise<void> {
	if (!existsSync(dbFile)) return;
	const held = await sql.get<{ n: number }>('SELECT count(*) AS n FROM maps');
	if (held!.n > 0) return;
	const db = new Database(dbFile, { readonly: true, fileMustExist: true });
	let left = 0;
	try {
		if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'maps'`).get()) left = (db.prepare('SELECT count(*) AS n FROM maps').get() as { n: number }).n;
	} finally {
		db.close();
	}
	if (left > 0) {
		throw new Error(
			`${dbFile} holds ${left} maps and the PostgreSQL database none: stop, run \`stackmap move-to-postgres --data ${dirname(dbFile)}\` with this DATABASE_URL, then start again (docs/deploy.md)`
		);
	}
}

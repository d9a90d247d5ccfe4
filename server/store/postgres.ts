// The PostgreSQL store (DATABASE_URL): maps and their documents on node-postgres. An update is
// committed before appendUpdate resolves, so a room broadcasts only durable edits. Appends are
// group-committed, one batch at a time, so they reach the table in call order.
import pg from 'pg';
import * as Y from 'yjs';
import type { MapRecord, MapStore, Role, StoredDoc, Visibility } from './types.js';
import { describeError, logEvent } from '../log.js';
import { migrate } from './postgres-migrations.js';

export interface PostgresStoreOptions {
	/** Connections in the pool (default 10). */
	poolSize?: number;
	/** Give up connecting after this many ms (default 5000): an unreachable server refuses edits rather than hanging them. */
	connectTimeoutMs?: number;
	/** Give up on a query after this many ms (default 15000): a database that stops answering mid-query refuses the edit. */
	queryTimeoutMs?: number;
	/** Told of errors no caller waits for (an idle connection dropped by the server). */
	onError?: (err: unknown) => void;
	/**
	 * Other instances write the same maps (REDIS_URL): a compaction then merges what is stored with
	 * the state it is given (which are Yjs updates), as that state may lack another instance's updates.
	 */
	sharedWriters?: boolean;
}

interface Pending {
	id: string;
	data: Buffer;
	resolve: (seq: number) => void;
	reject: (err: unknown) => void;
}

interface MapRow {
	id: string;
	title: string;
	created_at: string;
	updated_at: string;
	visibility: string;
	facilitator_hash: Buffer;
	participant_hash: Buffer;
	viewer_hash: Buffer;
}

const HASH_COLUMN: Record<Role, string> = {
	facilitator: 'facilitator_hash',
	participant: 'participant_hash',
	viewer: 'viewer_hash'
};

/** A batch of appends stops growing past this many bytes (a few large pastes must not make one huge statement). */
const BATCH_BYTES = 8 << 20;

/**
 * A batch's appends, to any number of maps, in one statement (one round trip however many maps):
 * each map's row in map_docs is locked, in map id order (two processes cannot deadlock), while
 * its counter moves on, so its sequence numbers follow commit order even with several writers.
 */
const APPEND = `
WITH input AS (
	SELECT u.map_id, u.data, u.ord FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(map_id, data, ord)
),
counts AS (
	SELECT map_id, count(*) AS n FROM input GROUP BY map_id
),
docs AS (
	INSERT INTO map_docs (map_id, last_seq)
	SELECT map_id, n FROM counts ORDER BY map_id
	ON CONFLICT (map_id) DO UPDATE SET last_seq = map_docs.last_seq + excluded.last_seq
	RETURNING map_id, last_seq
)
INSERT INTO map_updates (map_id, seq, data)
SELECT i.map_id, d.last_seq - c.n + row_number() OVER (PARTITION BY i.map_id ORDER BY i.ord), i.data
FROM input i JOIN docs d ON d.map_id = i.map_id JOIN counts c ON c.map_id = i.map_id
RETURNING map_id, seq`;

/** The compacted state then every later update, read in one statement (one snapshot: a compaction cannot fall in between). */
const LOAD = `
SELECT 0 AS part, upto_seq AS seq, state AS data FROM map_docs WHERE map_id = $1 AND state IS NOT NULL
UNION ALL
SELECT 1, seq, data FROM map_updates
WHERE map_id = $1 AND seq > coalesce((SELECT upto_seq FROM map_docs WHERE map_id = $1), 0)
ORDER BY part, seq`;

/** Connect to `url` (postgres://…), run the migrations, and return the store once it can serve. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
	const store = new PostgresStore(url, options);
	try {
		await store.open();
	} catch (err) {
		await store.close().catch(() => undefined);
		throw err;
	}
	return store;
}

/** The database a postgres:// URL names, without its password (for logs). */
export function describeDatabaseUrl(url: string): string {
	try {
		const u = new URL(url);
		u.password = '';
		return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
	} catch {
		return 'postgres (unparsable URL)';
	}
}

export class PostgresStore implements MapStore {
	readonly pool: pg.Pool;
	private readonly onError: (err: unknown) => void;
	private queue: Pending[] = [];
	private writing = false;
	/** The last append asked for: appends settle in order, so awaiting it awaits them all. */
	private tail: Promise<unknown> = Promise.resolve();
	private schema: Promise<void> | null = null;
	private closed = false;
	private readonly sharedWriters: boolean;

	constructor(url: string, options: PostgresStoreOptions = {}) {
		this.sharedWriters = options.sharedWriters ?? false;
		this.onError = options.onError ?? ((err) => logEvent('store error', { store: 'postgres', error: describeError(err) }));
		this.pool = new pg.Pool({
			connectionString: url,
			max: options.poolSize ?? 10,
			connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
			query_timeout: options.queryTimeoutMs ?? 15_000,
			// Notice a peer gone without a word (a failed-over database) on idle connections too.
			keepAlive: true
		});
		// An idle connection the server drops (a restart) must not take the process down.
		this.pool.on('error', (err) => this.onError(failure('idle connection lost', err)));
	}

	/** Run the migrations (once; again after a failure). */
	open(): Promise<void> {
		this.schema ??= migrate(this.pool).then(
			() => undefined,
			(err) => {
				this.schema = null;
				throw failure('could not prepare the schema', err);
			}
		);
		return this.schema;
	}

	/** True when the database answers a query now (/readyz). */
	async ready(): Promise<boolean> {
		try {
			await this.open();
			await this.pool.query('SELECT 1');
			return true;
		} catch {
			return false;
		}
	}

	async createMap(record: MapRecord): Promise<void> {
		await this.run(`create map ${record.id}`, () =>
			this.pool.query(
				`INSERT INTO maps (id, title, created_at, updated_at, visibility, facilitator_hash, participant_hash, viewer_hash)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				[
					record.id,
					record.title,
					record.createdAt,
					record.updatedAt,
					record.visibility,
					Buffer.from(record.keyHashes.facilitator),
					Buffer.from(record.keyHashes.participant),
					Buffer.from(record.keyHashes.viewer)
				]
			)
		);
	}

	async getMap(id: string): Promise<MapRecord | null> {
		const { rows } = await this.run(`read map ${id}`, () => this.pool.query<MapRow>('SELECT * FROM maps WHERE id = $1', [id]));
		const row = rows[0];
		if (!row) return null;
		return {
			id: row.id,
			title: row.title,
			createdAt: Number(row.created_at),
			updatedAt: Number(row.updated_at),
			visibility: row.visibility as Visibility,
			keyHashes: {
				facilitator: new Uint8Array(row.facilitator_hash),
				participant: new Uint8Array(row.participant_hash),
				viewer: new Uint8Array(row.viewer_hash)
			}
		};
	}

	async setKeyHash(id: string, role: Role, hash: Uint8Array): Promise<void> {
		await this.run(`rotate a key of map ${id}`, () => this.pool.query(`UPDATE maps SET ${HASH_COLUMN[role]} = $1 WHERE id = $2`, [Buffer.from(hash), id]));
	}

	async touchMap(id: string, fields: { title?: string; updatedAt: number }): Promise<void> {
		await this.run(`touch map ${id}`, () =>
			this.pool.query('UPDATE maps SET title = coalesce($2, title), updated_at = $3 WHERE id = $1', [id, fields.title ?? null, fields.updatedAt])
		);
	}

	async loadDoc(id: string): Promise<StoredDoc> {
		await this.settled();
		const { rows } = await this.run(`load map ${id}`, () => this.pool.query<{ seq: string; data: Buffer }>(LOAD, [id]));
		return { updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)), lastSeq: rows.length > 0 ? Number(rows[rows.length - 1].seq) : 0 };
	}

	/** Resolves with the update's sequence number once its transaction is committed. */
	appendUpdate(id: string, update: Uint8Array): Promise<number> {
		if (this.closed) return Promise.reject(new Error(`PostgreSQL store: cannot append to map ${id}: the store is closed`));
		const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
		const appended = new Promise<number>((resolve, reject) => this.queue.push({ id, data, resolve, reject }));
		this.tail = appended.catch(() => undefined);
		this.writeNext();
		return appended;
	}

	/** Write what is queued as one transaction, unless a batch is being written (the next one follows it). */
	private writeNext(): void {
		if (this.writing || this.queue.length === 0) return;
		let bytes = 0;
		let n = 0;
		while (n < this.queue.length && (n === 0 || bytes + this.queue[n].data.byteLength <= BATCH_BYTES)) bytes += this.queue[n++].data.byteLength;
		const batch = this.queue.splice(0, n);
		this.writing = true;
		this.writeBatch(batch).finally(() => {
			this.writing = false;
			this.writeNext();
		});
	}

	private async writeBatch(batch: Pending[]): Promise<void> {
		const maps = new Set(batch.map((p) => p.id));
		const what = maps.size === 1 ? `append to map ${batch[0].id}` : `append to ${maps.size} maps`;
		let rows: { map_id: string; seq: string }[];
		try {
			await this.open();
			({ rows } = await this.pool.query<{ map_id: string; seq: string }>(APPEND, [batch.map((p) => p.id), batch.map((p) => p.data)]));
		} catch (err) {
			const refused = failure(`could not ${what}`, err);
			for (const p of batch) p.reject(refused);
			return;
		}
		// Each map's numbers, lowest first, go to its appends in the order they were asked for.
		const seqs = new Map<string, number[]>();
		for (const r of rows) {
			const list = seqs.get(r.map_id);
			if (list) list.push(Number(r.seq));
			else seqs.set(r.map_id, [Number(r.seq)]);
		}
		for (const list of seqs.values()) list.sort((x, y) => x - y);
		const next = new Map<string, number>();
		for (const p of batch) {
			const i = next.get(p.id) ?? 0;
			next.set(p.id, i + 1);
			p.resolve(seqs.get(p.id)![i]);
		}
	}

	/**
	 * Replace the log up to `uptoSeq` by `state`, under the map's row lock (appends wait, so no update
	 * at or below it is still in flight); a compaction that would go backwards does nothing. With
	 * sharedWriters, each instance compacts from its own copy, which may lack another's latest
	 * updates: the new state is then `state` merged with what is stored up to `uptoSeq`.
	 */
	async compact(id: string, state: Uint8Array, uptoSeq: number): Promise<void> {
		await this.settled();
		await this.run(`compact map ${id}`, () =>
			this.transaction(async (client) => {
				const { rows: doc } = await client.query<{ upto_seq: string | null; state: Buffer | null }>(
					'SELECT upto_seq, state FROM map_docs WHERE map_id = $1 FOR UPDATE',
					[id]
				);
				const from = Number(doc[0]?.upto_seq ?? 0);
				if (from >= uptoSeq) return;
				const folded = this.sharedWriters ? await this.fold(client, id, state, doc[0]?.state ?? null, from, uptoSeq) : state;
				await client.query(
					`INSERT INTO map_docs (map_id, last_seq, state, upto_seq) VALUES ($1, $3, $2, $3)
					 ON CONFLICT (map_id) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq,
					   last_seq = greatest(map_docs.last_seq, excluded.upto_seq)`,
					[id, Buffer.from(folded.buffer, folded.byteOffset, folded.byteLength), uptoSeq]
				);
				await client.query('DELETE FROM map_updates WHERE map_id = $1 AND seq <= $2', [id, uptoSeq]);
			})
		);
	}

	/** `state` merged with the stored state and the updates in (from, upto]: whatever any copy lacked is kept. */
	private async fold(client: pg.PoolClient, id: string, state: Uint8Array, stored: Buffer | null, from: number, upto: number): Promise<Uint8Array> {
		const { rows } = await client.query<{ data: Buffer }>('SELECT data FROM map_updates WHERE map_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq', [id, from, upto]);
		const merged = new Y.Doc();
		merged.transact(() => {
			Y.applyUpdate(merged, state);
			if (stored) Y.applyUpdate(merged, stored);
			for (const r of rows) Y.applyUpdate(merged, r.data);
		});
		const folded = Y.encodeStateAsUpdate(merged);
		merged.destroy();
		return folded;
	}

	/** The sequence number of the last update stored for a map (0 when none): the catalogue's staleness check. */
	async lastSeq(id: string): Promise<number> {
		await this.settled();
		const { rows } = await this.run(`read the last update of map ${id}`, () =>
			this.pool.query<{ last_seq: string }>('SELECT last_seq FROM map_docs WHERE map_id = $1', [id])
		);
		return rows.length > 0 ? Number(rows[0].last_seq) : 0;
	}

		async countUpdates(id: string): Promise<number> {
		await this.settled();
		const { rows } = await this.run(`count updates of map ${id}`, () => this.pool.query<{ n: string }>('SELECT count(*) AS n FROM map_updates WHERE map_id = $1', [id]));
		return Number(rows[0].n);
	}

	async mapsNeedingCompaction(threshold: number): Promise<string[]> {
		await this.settled();
		const { rows } = await this.run('list maps needing compaction', () =>
			this.pool.query<{ map_id: string }>('SELECT map_id FROM map_updates GROUP BY map_id HAVING count(*) > $1 ORDER BY map_id', [threshold])
		);
		return rows.map((r) => r.map_id);
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.settled();
		await this.pool.end();
	}

	/** Resolves once every append asked for so far has settled (a read then sees them, as SQLite's does). */
	private async settled(): Promise<void> {
		await this.tail;
	}

	/** Run `op` after the migrations; its failure becomes one that says what was being done. */
	private async run<T>(what: string, op: () => Promise<T>): Promise<T> {
		try {
			await this.open();
			return await op();
		} catch (err) {
			throw failure(`could not ${what}`, err);
		}
	}

	private async transaction(body: (client: pg.PoolClient) => Promise<void>): Promise<void> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			await body(client);
			await client.query('COMMIT');
			client.release();
		} catch (err) {
			await client.query('ROLLBACK').catch(() => undefined);
			// A connection that failed mid-transaction is not handed out again.
			client.release(err instanceof Error ? err : true);
			throw err;
		}
	}
}

/** An error saying what the store was doing and why PostgreSQL refused (the original kept as cause). */
function failure(what: string, err: unknown): Error {
	if (err instanceof Error && err.message.startsWith('PostgreSQL store: ')) return err;
	const reason = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
	return new Error(`PostgreSQL store: ${what}: ${reason}`, { cause: err });
}

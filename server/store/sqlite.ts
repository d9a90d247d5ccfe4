// The embedded default store: one SQLite file in WAL mode through better-sqlite3. An update is
// durable before appendUpdate resolves and before the room broadcasts it: written to the edit
// journal (journal.ts, one write()) and committed to SQLite `journaledCommitMs` (10 ms by default)
// after the first edit of a group, with every edit journaled meanwhile; without the journal
// (synchronous=FULL), committed first, grouped with the other edits of that turn of the event loop.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MapRecord, MapStore, Role, StoredDoc, Visibility } from './types.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { Journal } from './journal.js';
import { describeError, logEvent } from '../log.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS maps (
	id TEXT PRIMARY KEY,
	title TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	visibility TEXT NOT NULL DEFAULT 'private',
	facilitator_hash BLOB NOT NULL,
	participant_hash BLOB NOT NULL,
	viewer_hash BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS map_updates (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	map_id TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS map_updates_by_map ON map_updates (map_id, seq);
CREATE TABLE IF NOT EXISTS map_state (
	map_id TEXT PRIMARY KEY,
	state BLOB NOT NULL,
	upto_seq INTEGER NOT NULL
);
`;

interface MapRow {
	id: string;
	title: string;
	created_at: number;
	updated_at: number;
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

export interface SqliteStoreOptions {
	/** `synchronous` pragma: NORMAL (default) survives a process kill; FULL also an OS crash. */
	synchronous?: 'NORMAL' | 'FULL';
	/** Checkpoint the WAL from a worker thread every this many ms (default 1000); 0 leaves it to SQLite, on the main thread. */
	checkpointMs?: number;
	/** Stop the checkpoint worker after this many ms without writes (default 30 s); the next write starts it again. */
	checkpointIdleMs?: number;
	/**
	 * Make edits durable in the edit journal (`<file>-edits`) and commit them to SQLite after the
	 * broadcast (default true; never with synchronous FULL, which the journal does not match).
	 */
	journal?: boolean;
	/** Told of a failed SQLite commit of journaled edits (they stay in the journal and are retried). */
	onError?: (err: unknown) => void;
	/** Commit journaled edits this many ms after the first of a group (default 10; 0: at the end of the turn). */
	journaledCommitMs?: number;
}

/** The edit journal is emptied after a commit once it holds this many bytes. */
const JOURNAL_BYTES = 1 << 20;
/** A failed commit of journaled edits is retried after this many ms. */
const RETRY_MS = 1000;

/** Open (creating if needed) the SQLite store at `file`. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
	db.pragma('busy_timeout = 5000');
	db.exec(SCHEMA);
	const journaled = file !== ':memory:' && options.journal !== false && options.synchronous !== 'FULL';
	const store = new SqliteStore(db, journaled ? new Journal(`${file}-edits`) : null, options.onError, options.journaledCommitMs ?? JOURNALED_COMMIT_MS);
	const ms = options.checkpointMs ?? 1000;
	if (file !== ':memory:' && ms > 0) store.checkpointer = startCheckpointer(db, file, ms, options.checkpointIdleMs);
	return store;
}

/** An append this long (ms) after the previous commit is committed at once rather than grouped. */
const CALM_MS = 5;
/**
 * Journaled appends are committed this long (ms) after the first of them by default: they are
 * durable already, and a commit right after the broadcast would take the core from the people
 * just sent to. Grouping them also makes fewer commits under load.
 */
const JOURNALED_COMMIT_MS = 10;

export class SqliteStore implements MapStore {
	readonly db: Database.Database;
	/** The WAL checkpointer thread, if any (stopped on close). */
	checkpointer: Checkpointer | null = null;
	private readonly stmts;
	private readonly journal: Journal | null;
	private readonly onError: (err: unknown) => void;
	/** The next update's sequence number (assigned here, so it can be journaled before the commit). */
	private nextSeq: number;
	/** Appends waiting for the group commit (journaled ones are already durable and resolved). */
	private queued: { id: string; seq: number; data: Buffer; resolve?: (seq: number) => void; reject?: (err: unknown) => void }[] = [];
	private retry: NodeJS.Timeout | null = null;
	private touches: { id: string; title: string | null; updatedAt: number; resolve: () => void; reject: (err: unknown) => void }[] = [];
	/** A group commit is due at the end of this turn (setImmediate). */
	private commitSoon = false;
	/** The journaled appends' later commit, when one is due. */
	private commitTimer: NodeJS.Timeout | null = null;
	/** performance.now() of the last group commit. */
	private lastCommit = -Infinity;

	constructor(
		db: Database.Database,
		journal: Journal | null = null,
		onError: (err: unknown) => void = (err) => logEvent('store error', { error: describeError(err) }),
		private readonly journaledCommitMs = JOURNALED_COMMIT_MS
	) {
		this.db = db;
		this.journal = journal;
		this.onError = onError;
		this.stmts = {
			insertMap: db.prepare(
				`INSERT INTO maps (id, title, created_at, updated_at, visibility, facilitator_hash, participant_hash, viewer_hash)
				 VALUES (@id, @title, @createdAt, @updatedAt, @visibility, @facilitator, @participant, @viewer)`
			),
			getMap: db.prepare('SELECT * FROM maps WHERE id = ?'),
			touch: db.prepare('UPDATE maps SET title = coalesce(@title, title), updated_at = @updatedAt WHERE id = @id'),
			state: db.prepare('SELECT state, upto_seq FROM map_state WHERE map_id = ?'),
			updatesAfter: db.prepare('SELECT seq, data FROM map_updates WHERE map_id = ? AND seq > ? ORDER BY seq'),
			append: db.prepare('INSERT INTO map_updates (seq, map_id, data) VALUES (?, ?, ?)'),
			replay: db.prepare('INSERT OR IGNORE INTO map_updates (seq, map_id, data) VALUES (?, ?, ?)'),
			uptoSeq: db.prepare('SELECT upto_seq FROM map_state WHERE map_id = ?').pluck(),
			putState: db.prepare(
				`INSERT INTO map_state (map_id, state, upto_seq) VALUES (?, ?, ?)
				 ON CONFLICT(map_id) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq`
			),
			deleteUpTo: db.prepare('DELETE FROM map_updates WHERE map_id = ? AND seq <= ?'),
			count: db.prepare('SELECT count(*) AS n FROM map_updates WHERE map_id = ?'),
			busy: db.prepare('SELECT map_id FROM map_updates GROUP BY map_id HAVING count(*) > ?')
		};
		this.nextSeq = this.highestSeq() + 1;
		if (journal) this.replayJournal(journal);
	}

	/** The highest sequence number ever given out (rows, compacted states, AUTOINCREMENT's record). */
	private highestSeq(): number {
		const n = (sql: string) => Number(this.db.prepare(sql).pluck().get() ?? 0);
		return Math.max(
			n('SELECT max(seq) FROM map_updates'),
			n('SELECT max(upto_seq) FROM map_state'),
			n(`SELECT seq FROM sqlite_sequence WHERE name = 'map_updates'`)
		);
	}

	/**
	 * Commit what the journal holds that SQLite lacks (the process stopped before its commit), then
	 * empty it. Records already committed are ignored (same seq); ones a compaction has folded into
	 * a map's state (seq ≤ its upto_seq) are not brought back.
	 */
	private replayJournal(journal: Journal): void {
		const records = journal.read();
		if (records.length > 0) {
			this.db.transaction(() => {
				for (const r of records) {
					const upto = this.stmts.uptoSeq.get(r.mapId) as number | undefined;
					if (upto !== undefined && r.seq <= upto) continue;
					this.stmts.replay.run(r.seq, r.mapId, Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength));
				}
			})();
			for (const r of records) this.nextSeq = Math.max(this.nextSeq, r.seq + 1);
		}
		journal.clear();
	}

	async createMap(record: MapRecord): Promise<void> {
		this.stmts.insertMap.run({
			id: record.id,
			title: record.title,
			createdAt: record.createdAt,
			updatedAt: record.updatedAt,
			visibility: record.visibility,
			facilitator: Buffer.from(record.keyHashes.facilitator),
			participant: Buffer.from(record.keyHashes.participant),
			viewer: Buffer.from(record.keyHashes.viewer)
		});
	}

	async getMap(id: string): Promise<MapRecord | null> {
		const row = this.stmts.getMap.get(id) as MapRow | undefined;
		if (!row) return null;
		return {
			id: row.id,
			title: row.title,
			createdAt: row.created_at,
			updatedAt: row.updated_at,
			visibility: row.visibility as Visibility,
			keyHashes: {
				facilitator: new Uint8Array(row.facilitator_hash),
				participant: new Uint8Array(row.participant_hash),
				viewer: new Uint8Array(row.viewer_hash)
			}
		};
	}

	async setKeyHash(id: string, role: Role, hash: Uint8Array): Promise<void> {
		this.db.prepare(`UPDATE maps SET ${HASH_COLUMN[role]} = ? WHERE id = ?`).run(Buffer.from(hash), id);
	}

	/** Group-committed with the appends (200 open rooms touch their maps 200 times a second). */
	async touchMap(id: string, fields: { title?: string; updatedAt: number }): Promise<void> {
		return new Promise((resolve, reject) => {
			this.touches.push({ id, title: fields.title ?? null, updatedAt: fields.updatedAt, resolve, reject });
			this.scheduleCommit();
		});
	}

	async loadDoc(id: string): Promise<StoredDoc> {
		this.commitPending();
		const updates: Uint8Array[] = [];
		const state = this.stmts.state.get(id) as { state: Buffer; upto_seq: number } | undefined;
		let lastSeq = 0;
		if (state) {
			updates.push(new Uint8Array(state.state));
			lastSeq = state.upto_seq;
		}
		for (const row of this.stmts.updatesAfter.iterate(id, lastSeq) as Iterable<{ seq: number; data: Buffer }>) {
			updates.push(new Uint8Array(row.data));
			lastSeq = row.seq;
		}
		return { updates, lastSeq };
	}

	/**
	 * Appends are group-committed: every append queued in one turn of the event loop (many rooms'
	 * edits arrive together under load) goes into one transaction, committed right after the I/O
	 * phase, because a commit per edit costs a busy server CPU that one per turn does not. With the journal,
	 * the promise resolves once the update is journaled (the commit follows on its timer); without
	 * it, once its row is in the WAL.
	 */
	async appendUpdate(id: string, update: Uint8Array): Promise<number> {
		const journaled = this.appendDurable(id, update);
		if (journaled !== null) return journaled;
		const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
		const seq = this.nextSeq++;
		return new Promise((resolve, reject) => {
			this.queued.push({ id, seq, data, resolve, reject });
			// A lone append after a quiet spell is committed at once: waiting for the end of the I/O
			// phase would only delay a calm room's edit, with nothing to group it with.
			if (!this.commitSoon && !this.commitTimer && this.queued.length === 1 && performance.now() - this.lastCommit >= CALM_MS) this.commitQueued();
			else this.scheduleCommit();
		});
	}

	/**
	 * With the journal: journal the update (durable when this returns; throws, storing nothing, when
	 * the disk refuses it) and queue its commit. Without: null.
	 */
	appendDurable(id: string, update: Uint8Array): number | null {
		if (!this.journal) return null;
		const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
		const seq = this.nextSeq;
		this.journal.append(seq, id, data);
		this.nextSeq++;
		this.queued.push({ id, seq, data });
		this.scheduleCommit(this.journaledCommitMs > 0);
		return seq;
	}

	/** Commit what is queued at the end of this turn of the event loop, or `later` (journaled appends only). */
	private scheduleCommit(later = false): void {
		if (this.commitSoon || (later && this.commitTimer)) return;
		if (later) {
			this.commitTimer = setTimeout(() => this.commitQueued(), this.journaledCommitMs);
			return;
		}
		if (this.commitTimer) clearTimeout(this.commitTimer);
		this.commitTimer = null;
		this.commitSoon = true;
		setImmediate(() => this.commitQueued());
	}

	/** Commit what is queued now (before anything reads the updates table). */
	private commitPending(): void {
		if (this.queued.length > 0 || this.touches.length > 0) this.commitQueued();
	}

	private commitQueued(): void {
		// Everything queued goes now, whichever schedule asked (a commit that finds nothing is a no-op).
		this.commitSoon = false;
		if (this.commitTimer) clearTimeout(this.commitTimer);
		this.commitTimer = null;
		this.lastCommit = performance.now();
		const batch = this.queued;
		const touches = this.touches;
		this.queued = [];
		this.touches = [];
		if (batch.length === 0 && touches.length === 0) return;
		try {
			this.db.transaction(() => {
				for (const q of batch) this.stmts.append.run(q.seq, q.id, q.data);
				for (const t of touches) this.stmts.touch.run({ id: t.id, title: t.title, updatedAt: t.updatedAt });
			})();
		} catch (err) {
			for (const t of touches) t.reject(err);
			const journaled = batch.filter((q) => !q.reject);
			for (const q of batch) q.reject?.(err);
			if (journaled.length > 0) {
				// Durable in the journal and already sent: keep them (in order) and try again.
				this.onError(err);
				this.queued = [...journaled, ...this.queued];
				this.retry ??= setTimeout(() => {
					this.retry = null;
					this.commitQueued();
				}, RETRY_MS);
			}
			return;
		}
		for (const q of batch) q.resolve?.(q.seq);
		for (const t of touches) t.resolve();
		// Everything journaled so far is committed now: the journal can start again.
		if (this.journal && this.queued.length === 0 && this.journal.bytes >= JOURNAL_BYTES) this.journal.clear();
	}

	async compact(id: string, state: Uint8Array, uptoSeq: number): Promise<void> {
		this.commitPending();
		this.db.transaction(() => {
			this.stmts.putState.run(id, Buffer.from(state), uptoSeq);
			this.stmts.deleteUpTo.run(id, uptoSeq);
		})();
	}

	async countUpdates(id: string): Promise<number> {
		this.commitPending();
		return (this.stmts.count.get(id) as { n: number }).n;
	}

	async mapsNeedingCompaction(threshold: number): Promise<string[]> {
		this.commitPending();
		return (this.stmts.busy.all(threshold) as { map_id: string }[]).map((r) => r.map_id);
	}

	async close(): Promise<void> {
		if (this.retry) clearTimeout(this.retry);
		this.retry = null;
		if (this.db.open) this.commitQueued();
		if (this.retry) clearTimeout(this.retry);
		this.retry = null;
		// Only once all of it is in SQLite (a failed commit leaves it for the next start).
		if (this.queued.length === 0) this.journal?.clear();
		this.journal?.close();
		await this.checkpointer?.stop();
		this.checkpointer = null;
		if (this.db.open) {
			this.db.pragma('wal_checkpoint(TRUNCATE)');
			this.db.close();
		}
	}
}

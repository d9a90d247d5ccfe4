// Who changed what, when — coarse: one row per map, minute, person and element, with the kinds
// of change (add, move, edit, delete, link). Fed by the update guard's classification of each
// applied update; buffered in memory and written to its own table about once a second.
import { TOOL_KINDS, type ToolKind } from '../../src/lib/map/index.js';
import type { Classification } from '../collab/guard.js';
import type { SqliteSchemaStep } from '../db/schema.js';
import type { Param, Sql } from '../db/sql.js';
import { describeError, logEvent } from '../log.js';

export interface HistoryEntry {
	/** Start of the minute, epoch ms. */
	readonly minute: number;
	/** Display name the person joined with. */
	readonly name: string;
	/** A collection name, 'meta' (map settings; `elementId` is the setting) or 'workshop'. */
	readonly collection: string;
	readonly elementId: string;
	/** The element's name or text when it was last changed in that minute ('' if none). */
	readonly label: string;
	readonly kinds: readonly ToolKind[];
}

export interface HistoryQuery {
	/** Only entries from this minute on (epoch ms). */
	since?: number;
	/** Only this element. */
	elementId?: string;
	/** Most recent first; at most this many (default 500, at most 5000). */
	limit?: number;
}

/** map_history on SQLite (PostgreSQL's is migration 3). */
export const historySqliteSchema: SqliteSchemaStep = (sql) =>
	sql.exec(`
CREATE TABLE IF NOT EXISTS map_history (
	map_id TEXT NOT NULL,
	minute INTEGER NOT NULL,
	name TEXT NOT NULL,
	collection TEXT NOT NULL,
	element_id TEXT NOT NULL,
	label TEXT NOT NULL DEFAULT '',
	kinds INTEGER NOT NULL,
	PRIMARY KEY (map_id, minute, name, collection, element_id)
) WITHOUT ROWID;
`);

const bit = (k: ToolKind) => 1 << TOOL_KINDS.indexOf(k);
const kindsOf = (mask: number) => TOOL_KINDS.filter((k) => mask & bit(k));

/** Rows kept in memory while the database refuses them; past this, the oldest unsaved are dropped. */
const MAX_PENDING = 100_000;

interface Pending {
	key: string;
	mapId: string;
	minute: number;
	name: string;
	collection: string;
	elementId: string;
	label: string;
	kinds: number;
}

/** One upsert of `n` rows; n is a power of two up to 64, so a handful of statement texts serve every flush. */
function upsertText(n: number): string {
	const values = Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
	return `INSERT INTO map_history (map_id, minute, name, collection, element_id, label, kinds) VALUES ${values}
		ON CONFLICT (map_id, minute, name, collection, element_id)
		DO UPDATE SET kinds = map_history.kinds | excluded.kinds, label = CASE WHEN excluded.label = '' THEN map_history.label ELSE excluded.label END`;
}

export class HistoryLog {
	readonly #sql: Sql;
	readonly #flushMs: number;
	readonly #onError: (err: unknown, unsaved: number) => void;
	readonly #pending = new Map<string, Pending>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	/** The write under way: one at a time, so rows cannot be written out of order. */
	#writing: Promise<void> | null = null;
	#closed = false;

	/** `onError` hears of a write the database refused (default: logged); its rows are tried again. */
	constructor(sql: Sql, flushMs = 1000, onError?: (err: unknown, unsaved: number) => void) {
		this.#sql = sql;
		this.#flushMs = flushMs;
		this.#onError = onError ?? ((err, unsaved) => logEvent('history not saved', { rows: unsaved, error: describeError(err) }));
	}

	#add(row: Omit<Pending, 'key'>): void {
		const key = [row.mapId, row.minute, row.name, row.collection, row.elementId].join('\0');
		const had = this.#pending.get(key);
		if (had) {
			had.kinds |= row.kinds;
			if (row.label) had.label = row.label;
		} else {
			this.#pending.set(key, { key, ...row });
		}
		this.#schedule();
	}

	#schedule(): void {
		if (this.#timer || this.#closed) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.flush();
		}, this.#flushMs);
		this.#timer.unref?.();
	}

	/**
	 * Note what `name` changed in map `mapId`. `labelOf` gives an element's current name or text
	 * (after the update), used when the classification has none (a new element).
	 */
	record(mapId: string, name: string, changes: Classification, labelOf: (collection: string, id: string) => string, now = Date.now()): void {
		const minute = now - (now % 60_000);
		for (const change of changes.elements.values()) {
			let kinds = 0;
			for (const k of change.kinds) kinds |= bit(k);
			this.#add({ mapId, minute, name, collection: change.collection, elementId: change.id, label: labelOf(change.collection, change.id) || change.label, kinds });
		}
		for (const field of changes.meta) this.#add({ mapId, minute, name, collection: 'meta', elementId: field, label: '', kinds: bit('edit') });
		if (changes.workshop) this.#add({ mapId, minute, name, collection: 'workshop', elementId: '', label: '', kinds: bit('edit') });
	}

	/** Note one element change made outside a connection (a snapshot restore). */
	recordOne(mapId: string, name: string, collection: string, elementId: string, label: string, kind: ToolKind, now = Date.now()): void {
		this.#add({ mapId, minute: now - (now % 60_000), name, collection, elementId, label, kinds: bit(kind) });
	}

	/** Write everything buffered (one transaction). Never rejects: a refused write is reported and kept for the next try. */
	async flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		while (this.#writing) await this.#writing;
		if (this.#pending.size === 0) return;
		// In key order, so two instances' flushes lock shared rows in the same order (no deadlock).
		const rows = [...this.#pending.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		this.#pending.clear();
		this.#writing = this.#write(rows).finally(() => (this.#writing = null));
		await this.#writing;
	}

	async #write(rows: Pending[]): Promise<void> {
		try {
			await this.#sql.tx(async (t) => {
				for (let i = 0; i < rows.length; ) {
					let n = 64;
					while (n > rows.length - i) n /= 2;
					const params: Param[] = [];
					for (const r of rows.slice(i, i + n)) params.push(r.mapId, r.minute, r.name, r.collection, r.elementId, r.label, r.kinds);
					await t.run(upsertText(n), params);
					i += n;
				}
			});
		} catch (err) {
			this.#onError(err, rows.length);
			this.#putBack(rows);
		}
	}

	/** Rows a write lost, merged under what was noted since (which is newer). */
	#putBack(rows: Pending[]): void {
		for (const row of rows) {
			const newer = this.#pending.get(row.key);
			if (newer) {
				newer.kinds |= row.kinds;
				newer.label ||= row.label;
			} else if (this.#pending.size < MAX_PENDING) {
				this.#pending.set(row.key, row);
			}
		}
		this.#schedule();
	}

	/** A map's history, most recent minute first (writes what is buffered first). */
	async list(mapId: string, query: HistoryQuery = {}): Promise<HistoryEntry[]> {
		await this.flush();
		const limit = Math.max(1, Math.min(5000, Math.floor(query.limit ?? 500)));
		const params: Param[] = [mapId, query.since ?? 0];
		if (query.elementId !== undefined) params.push(query.elementId);
		params.push(limit);
		const rows = await this.#sql.all<{ minute: number; name: string; collection: string; element_id: string; label: string; kinds: number }>(
			`SELECT minute, name, collection, element_id, label, kinds FROM map_history
			 WHERE map_id = ? AND minute >= ?${query.elementId === undefined ? '' : ' AND element_id = ?'}
			 ORDER BY minute DESC, name, collection, element_id LIMIT ?`,
			params
		);
		return rows.map((r) => ({ minute: r.minute, name: r.name, collection: r.collection, elementId: r.element_id, label: r.label, kinds: kindsOf(r.kinds) }));
	}

	/** Write what is buffered and stop the timer; what the database still refuses is reported and dropped. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.flush();
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending.clear();
	}
}

// Who changed what, when — coarse: one row per map, minute, person and element, with the kinds
// of change (add, move, edit, delete, link). Fed by the update guard's classification of each
// applied update; buffered in memory and written to its own SQLite table about once a second.
import type Database from 'better-sqlite3';
import { TOOL_KINDS, type ToolKind } from '../../src/lib/map/index.js';
import type { Classification } from '../collab/guard.js';

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

const SCHEMA = `
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
`;

const bit = (k: ToolKind) => 1 << TOOL_KINDS.indexOf(k);
const kindsOf = (mask: number) => TOOL_KINDS.filter((k) => mask & bit(k));

interface Pending {
	mapId: string;
	minute: number;
	name: string;
	collection: string;
	elementId: string;
	label: string;
	kinds: number;
}

export class HistoryLog {
	private readonly db: Database.Database;
	private readonly pending = new Map<string, Pending>();
	private timer: ReturnType<typeof setTimeout> | null = null;
	private readonly stmts;

	constructor(db: Database.Database, private readonly flushMs = 1000) {
		this.db = db;
		db.exec(SCHEMA);
		this.stmts = {
			upsert: db.prepare(
				`INSERT INTO map_history (map_id, minute, name, collection, element_id, label, kinds)
				 VALUES (@mapId, @minute, @name, @collection, @elementId, @label, @kinds)
				 ON CONFLICT (map_id, minute, name, collection, element_id)
				 DO UPDATE SET kinds = kinds | excluded.kinds, label = CASE WHEN excluded.label = '' THEN label ELSE excluded.label END`
			),
			list: db.prepare(
				`SELECT minute, name, collection, element_id, label, kinds FROM map_history
				 WHERE map_id = @mapId AND minute >= @since AND (@elementId IS NULL OR element_id = @elementId)
				 ORDER BY minute DESC, name, collection, element_id LIMIT @limit`
			),
			clear: db.prepare('DELETE FROM map_history WHERE map_id = ?')
		};
	}

	private add(mapId: string, minute: number, name: string, collection: string, elementId: string, label: string, kinds: number): void {
		const key = [mapId, minute, name, collection, elementId].join('\0');
		const row = this.pending.get(key);
		if (row) {
			row.kinds |= kinds;
			if (label) row.label = label;
		} else {
			this.pending.set(key, { mapId, minute, name, collection, elementId, label, kinds });
		}
		if (!this.timer) {
			this.timer = setTimeout(() => this.flush(), this.flushMs);
			this.timer.unref?.();
		}
	}

	/**
	 * Note what `name` changed in map `mapId`. `labelOf` gives an element's current name or text
	 * (after the update), used when the classification has none (a new element).
	 */
	record(mapId: string, name: string, changes: Classification, labelOf: (collection: string, id: string) => string, now = Date.now()): void {
		const minute = now - (now % 60_000);
		for (const change of changes.elements.values()) {
			let mask = 0;
			for (const k of change.kinds) mask |= bit(k);
			this.add(mapId, minute, name, change.collection, change.id, labelOf(change.collection, change.id) || change.label, mask);
		}
		for (const field of changes.meta) this.add(mapId, minute, name, 'meta', field, '', bit('edit'));
		if (changes.workshop) this.add(mapId, minute, name, 'workshop', '', '', bit('edit'));
	}

	/** Note one element change made outside a connection (a snapshot restore). */
	recordOne(mapId: string, name: string, collection: string, elementId: string, label: string, kind: ToolKind, now = Date.now()): void {
		this.add(mapId, now - (now % 60_000), name, collection, elementId, label, bit(kind));
	}

	/** Write everything buffered (one transaction). */
	flush(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		if (this.pending.size === 0 || !this.db.open) return;
		const rows = [...this.pending.values()];
		this.pending.clear();
		this.db.transaction(() => {
			for (const row of rows) this.stmts.upsert.run(row);
		})();
	}

	/** A map's history, most recent minute first (flushes what is buffered first). */
	list(mapId: string, query: HistoryQuery = {}): HistoryEntry[] {
		this.flush();
		const limit = Math.max(1, Math.min(5000, Math.floor(query.limit ?? 500)));
		const rows = this.stmts.list.all({ mapId, since: query.since ?? 0, elementId: query.elementId ?? null, limit }) as {
			minute: number;
			name: string;
			collection: string;
			element_id: string;
			label: string;
			kinds: number;
		}[];
		return rows.map((r) => ({ minute: r.minute, name: r.name, collection: r.collection, elementId: r.element_id, label: r.label, kinds: kindsOf(r.kinds) }));
	}

	close(): void {
		this.flush();
	}
}

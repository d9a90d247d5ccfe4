// Named snapshots of a map ("start", "agreed"): the MapSnapshot JSON saved in its own SQLite
// table next to the map, listed newest first, read back whole for viewing or restoring.
import type Database from 'better-sqlite3';
import { newId, type MapSnapshot } from '../../src/lib/map/index.js';

export interface SnapshotInfo {
	readonly id: string;
	readonly name: string;
	/** Epoch ms. */
	readonly createdAt: number;
	/** Display name of who saved it ('' if not given). */
	readonly createdBy: string;
	/** Number of components in it, for lists. */
	readonly components: number;
}

/** Most snapshots one map keeps. */
export const MAX_SNAPSHOTS_PER_MAP = 200;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS map_snapshots (
	id TEXT PRIMARY KEY,
	map_id TEXT NOT NULL,
	name TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	components INTEGER NOT NULL,
	data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS map_snapshots_by_map ON map_snapshots (map_id, created_at);
`;

interface Row {
	id: string;
	name: string;
	created_at: number;
	created_by: string;
	components: number;
}

const info = (r: Row): SnapshotInfo => ({ id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by, components: r.components });

export class SnapshotLimitError extends Error {
	override name = 'SnapshotLimitError';
}

export class SnapshotStore {
	private readonly stmts;

	constructor(db: Database.Database) {
		db.exec(SCHEMA);
		this.stmts = {
			insert: db.prepare(
				'INSERT INTO map_snapshots (id, map_id, name, created_at, created_by, components, data) VALUES (?, ?, ?, ?, ?, ?, ?)'
			),
			count: db.prepare('SELECT count(*) AS n FROM map_snapshots WHERE map_id = ?'),
			list: db.prepare('SELECT id, name, created_at, created_by, components FROM map_snapshots WHERE map_id = ? ORDER BY created_at DESC, rowid DESC'),
			get: db.prepare('SELECT id, name, created_at, created_by, components, data FROM map_snapshots WHERE map_id = ? AND id = ?'),
			remove: db.prepare('DELETE FROM map_snapshots WHERE map_id = ? AND id = ?')
		};
	}

	/** Save `snapshot` of map `mapId` as `name`. Throws SnapshotLimitError past MAX_SNAPSHOTS_PER_MAP. */
	save(mapId: string, name: string, snapshot: MapSnapshot, createdBy = '', now = Date.now()): SnapshotInfo {
		const n = (this.stmts.count.get(mapId) as { n: number }).n;
		if (n >= MAX_SNAPSHOTS_PER_MAP) throw new SnapshotLimitError(`A map keeps at most ${MAX_SNAPSHOTS_PER_MAP} snapshots: delete some first.`);
		const row: Row = { id: newId(12), name, created_at: now, created_by: createdBy, components: snapshot.components.length };
		this.stmts.insert.run(row.id, mapId, row.name, row.created_at, row.created_by, row.components, JSON.stringify(snapshot));
		return info(row);
	}

	/** A map's snapshots, newest first (without their content). */
	list(mapId: string): SnapshotInfo[] {
		return (this.stmts.list.all(mapId) as Row[]).map(info);
	}

	/** One snapshot with its content, or null. */
	get(mapId: string, id: string): { info: SnapshotInfo; snapshot: MapSnapshot } | null {
		const row = this.stmts.get.get(mapId, id) as (Row & { data: string }) | undefined;
		return row ? { info: info(row), snapshot: JSON.parse(row.data) as MapSnapshot } : null;
	}

	/** Delete one snapshot; false if there was none. */
	remove(mapId: string, id: string): boolean {
		return this.stmts.remove.run(mapId, id).changes > 0;
	}
}

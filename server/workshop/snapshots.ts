// Named snapshots of a map ("start", "agreed"): the MapSnapshot JSON saved in its own table next
// to the map, listed newest first, read back whole for viewing or restoring.
import { newId, type MapSnapshot } from '../../src/lib/map/index.js';
import type { SqliteSchemaStep } from '../db/schema.js';
import { forUpdate, type Sql } from '../db/sql.js';

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

/** What a save past the limit is told. */
export const SNAPSHOT_LIMIT = `A map keeps at most ${MAX_SNAPSHOTS_PER_MAP} snapshots: delete some first.`;

/** map_snapshots on SQLite (PostgreSQL's is migration 3). */
export const snapshotsSqliteSchema: SqliteSchemaStep = (sql) =>
	sql.exec(`
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
`);

interface Row {
	id: string;
	name: string;
	created_at: number;
	created_by: string;
	components: number;
}

const COLUMNS = 'id, name, created_at, created_by, components';

const info = (r: Row): SnapshotInfo => ({ id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by, components: r.components });

export class SnapshotLimitError extends Error {
	override name = 'SnapshotLimitError';
}

export class SnapshotStore {
	readonly #sql: Sql;

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	/** Save `snapshot` of map `mapId` as `name`. Rejects with SnapshotLimitError past MAX_SNAPSHOTS_PER_MAP. */
	save(mapId: string, name: string, snapshot: MapSnapshot, createdBy = '', now = Date.now()): Promise<SnapshotInfo> {
		const data = JSON.stringify(snapshot);
		return this.#sql.tx(async (t) => {
			// The map's row, locked, keeps another instance's save of the same map waiting until this
			// one commits, so both cannot count 199 and insert (SQLite's write lock does it already).
			await t.get(`SELECT id FROM maps WHERE id = ?${forUpdate(t)}`, [mapId]);
			const seen = await t.get<{ n: number; latest: number | null }>('SELECT count(*) AS n, max(created_at) AS latest FROM map_snapshots WHERE map_id = ?', [
				mapId
			]);
			if (seen!.n >= MAX_SNAPSHOTS_PER_MAP) throw new SnapshotLimitError(SNAPSHOT_LIMIT);
			// Strictly after the map's last one, so "newest first" is the order they were saved in
			// (a restore's backup and the next save can fall in the same millisecond).
			const createdAt = seen!.latest !== null && seen!.latest >= now ? seen!.latest + 1 : now;
			const row: Row = { id: newId(12), name, created_at: createdAt, created_by: createdBy, components: snapshot.components.length };
			await t.run('INSERT INTO map_snapshots (id, map_id, name, created_at, created_by, components, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [
				row.id,
				mapId,
				row.name,
				row.created_at,
				row.created_by,
				row.components,
				data
			]);
			return info(row);
		});
	}

	/** A map's snapshots, newest first (without their content). */
	async list(mapId: string): Promise<SnapshotInfo[]> {
		return (await this.#sql.all<Row>(`SELECT ${COLUMNS} FROM map_snapshots WHERE map_id = ? ORDER BY created_at DESC, id DESC`, [mapId])).map(info);
	}

	/** One snapshot with its content, or null. */
	async get(mapId: string, id: string): Promise<{ info: SnapshotInfo; snapshot: MapSnapshot } | null> {
		const row = await this.#sql.get<Row & { data: string }>(`SELECT ${COLUMNS}, data FROM map_snapshots WHERE map_id = ? AND id = ?`, [mapId, id]);
		return row ? { info: info(row), snapshot: JSON.parse(row.data) as MapSnapshot } : null;
	}

	/** Delete one snapshot; false if there was none. */
	async remove(mapId: string, id: string): Promise<boolean> {
		return (await this.#sql.run('DELETE FROM map_snapshots WHERE map_id = ? AND id = ?', [mapId, id])).changes > 0;
	}
}

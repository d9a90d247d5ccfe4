// Who created a map while signed in. Kept beside the map record, not in its Yjs document: the
// owner may open the map as facilitator without a link.
import type Database from 'better-sqlite3';

/** A map in someone's "My maps". */
export interface OwnedMap {
	id: string;
	title: string;
	createdAt: number;
	/** The last change to the map, ms since the epoch. */
	updatedAt: number;
}

export class Owners {
	constructor(private readonly db: Database.Database) {}

	/** Record the owner of a new map (the first owner stays). */
	claim(mapId: string, userId: number, now = Date.now()): void {
		this.db.prepare('INSERT OR IGNORE INTO map_owners (map_id, user_id, created_at) VALUES (?, ?, ?)').run(mapId, userId, now);
	}

	owns(mapId: string, userId: number): boolean {
		return this.db.prepare('SELECT 1 FROM map_owners WHERE map_id = ? AND user_id = ?').get(mapId, userId) !== undefined;
	}

	/** A user's maps, most recently changed first. */
	mapsOf(userId: number): OwnedMap[] {
		return this.db
			.prepare(
				`SELECT m.id, m.title, m.created_at AS createdAt, m.updated_at AS updatedAt FROM map_owners o JOIN maps m ON m.id = o.map_id
				WHERE o.user_id = ? ORDER BY m.updated_at DESC, m.id`
			)
			.all(userId) as OwnedMap[];
	}
}

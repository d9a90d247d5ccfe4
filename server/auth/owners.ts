// Who created a map while signed in, and the organisation it belongs to if its owner chose one.
// Kept beside the map record, not in its Yjs document: the owner (and, when it belongs to one,
// that organisation's members) may open the map as facilitator without a link.
import type Database from 'better-sqlite3';

/** A map in someone's "My maps". */
export interface OwnedMap {
	id: string;
	title: string;
	createdAt: number;
	/** The last change to the map, ms since the epoch. */
	updatedAt: number;
	/** The organisation its owner said it belongs to, or null. */
	orgId: number | null;
}

/** A map owned by one of an organisation's people. */
export interface MemberMap extends OwnedMap {
	ownerId: number;
	visibility: string;
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
				`SELECT m.id, m.title, m.created_at AS createdAt, m.updated_at AS updatedAt, o.org_id AS orgId FROM map_owners o JOIN maps m ON m.id = o.map_id
				WHERE o.user_id = ? ORDER BY m.updated_at DESC, m.id`
			)
			.all(userId) as OwnedMap[];
	}

	/** The organisation map `mapId` belongs to, or null (also for a map no one owns). */
	orgOf(mapId: string): number | null {
		return (this.db.prepare('SELECT org_id FROM map_owners WHERE map_id = ?').get(mapId) as { org_id: number | null } | undefined)?.org_id ?? null;
	}

	/** Say which organisation the map belongs to (null for none); the caller checked that `userId` owns it. */
	setOrg(mapId: string, userId: number, orgId: number | null): void {
		this.db.prepare('UPDATE map_owners SET org_id = ? WHERE map_id = ? AND user_id = ?').run(orgId, mapId, userId);
	}

	/** Ids of the maps their owners gave to organisation `orgId`. */
	givenTo(orgId: number): string[] {
		return (this.db.prepare('SELECT map_id FROM map_owners WHERE org_id = ?').all(orgId) as { map_id: string }[]).map((r) => r.map_id);
	}

	/** The maps owned by any of `userIds`, most recently changed first. */
	mapsOfUsers(userIds: readonly number[]): MemberMap[] {
		return this.db
			.prepare(
				`SELECT m.id, m.title, m.created_at AS createdAt, m.updated_at AS updatedAt, o.org_id AS orgId, o.user_id AS ownerId, m.visibility
				FROM map_owners o JOIN maps m ON m.id = o.map_id WHERE o.user_id IN (SELECT value FROM json_each(?)) ORDER BY m.updated_at DESC, m.id`
			)
			.all(JSON.stringify(userIds)) as MemberMap[];
	}
}

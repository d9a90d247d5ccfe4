// Who created a map while signed in, and the organisation it belongs to if its owner chose one.
// Kept beside the map record, not in its Yjs document: the owner (and, when it belongs to one,
// that organisation's members) may open the map as facilitator without a link.
import type { Sql } from '../db/sql.js';

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
	constructor(private readonly sql: Sql) {}

	/** Record the owner of a new map (the first owner stays). */
	async claim(mapId: string, userId: number, now = Date.now()): Promise<void> {
		await this.sql.run('INSERT INTO map_owners (map_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT (map_id) DO NOTHING', [mapId, userId, now]);
	}

	async owns(mapId: string, userId: number): Promise<boolean> {
		return (await this.sql.get('SELECT 1 AS one FROM map_owners WHERE map_id = ? AND user_id = ?', [mapId, userId])) !== undefined;
	}

	/** A user's maps, most recently changed first. */
	async mapsOf(userId: number): Promise<OwnedMap[]> {
		return this.sql.all<OwnedMap>(
			`SELECT m.id, m.title, m.created_at AS "createdAt", m.updated_at AS "updatedAt", o.org_id AS "orgId" FROM map_owners o JOIN maps m ON m.id = o.map_id
			WHERE o.user_id = ? ORDER BY m.updated_at DESC, m.id`,
			[userId]
		);
	}

	/** The organisation map `mapId` belongs to, or null (also for a map no one owns). */
	async orgOf(mapId: string): Promise<number | null> {
		return (await this.sql.get<{ org_id: number | null }>('SELECT org_id FROM map_owners WHERE map_id = ?', [mapId]))?.org_id ?? null;
	}

	/** Say which organisation the map belongs to (null for none); the caller checked that `userId` owns it. */
	async setOrg(mapId: string, userId: number, orgId: number | null): Promise<void> {
		await this.sql.run('UPDATE map_owners SET org_id = ? WHERE map_id = ? AND user_id = ?', [orgId, mapId, userId]);
	}

	/** Ids of the maps their owners gave to organisation `orgId`. */
	async givenTo(orgId: number): Promise<string[]> {
		return (await this.sql.all<{ map_id: string }>('SELECT map_id FROM map_owners WHERE org_id = ?', [orgId])).map((r) => r.map_id);
	}

	/** The maps owned by any of `userIds`, most recently changed first. */
	async mapsOfUsers(userIds: readonly number[]): Promise<MemberMap[]> {
		if (userIds.length === 0) return [];
		// The ids go as one JSON array, so the statement's text is the same for any number of them.
		const ids =
			this.sql.dialect === 'postgres' ? 'SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(? AS json))' : 'SELECT value FROM json_each(?)';
		return this.sql.all<MemberMap>(
			`SELECT m.id, m.title, m.created_at AS "createdAt", m.updated_at AS "updatedAt", o.org_id AS "orgId", o.user_id AS "ownerId", m.visibility
			FROM map_owners o JOIN maps m ON m.id = o.map_id WHERE o.user_id IN (${ids}) ORDER BY m.updated_at DESC, m.id`,
			[JSON.stringify(userIds)]
		);
	}
}

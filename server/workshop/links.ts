// The edit and view keys of a map, kept so a facilitator can copy those links again from any
// device. They are sealed (AES-256-GCM) under a key derived from the facilitator key, which the
// server never stores: the database alone gives no link away (only key hashes and sealed bytes).
import type Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The links a facilitator can see again; null when unknown (sealed before this existed, or lost). */
export interface SharedKeys {
	readonly participant: string | null;
	readonly viewer: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS map_shared_links (
	map_id TEXT PRIMARY KEY,
	iv BLOB NOT NULL,
	sealed BLOB NOT NULL
);
`;

const NONE: SharedKeys = { participant: null, viewer: null };

/** The sealing key: HKDF-SHA-256 of the facilitator key, salted with the map id (not the stored SHA-256). */
function sealingKey(mapId: string, facilitatorKey: string): Buffer {
	return Buffer.from(hkdfSync('sha256', facilitatorKey, mapId, 'stackmap shared links v1', 32));
}

export class LinkVault {
	readonly #put: Database.Statement<[string, Buffer, Buffer]>;
	readonly #get: Database.Statement<[string], { iv: Buffer; sealed: Buffer }>;
	readonly #drop: Database.Statement<[string]>;

	constructor(db: Database.Database) {
		db.exec(SCHEMA);
		this.#put = db.prepare('INSERT INTO map_shared_links (map_id, iv, sealed) VALUES (?, ?, ?) ON CONFLICT (map_id) DO UPDATE SET iv = excluded.iv, sealed = excluded.sealed');
		this.#get = db.prepare('SELECT iv, sealed FROM map_shared_links WHERE map_id = ?');
		this.#drop = db.prepare('DELETE FROM map_shared_links WHERE map_id = ?');
	}

	/** Keep `keys` for `mapId`, readable only with `facilitatorKey` (replaces what was kept). */
	seal(mapId: string, facilitatorKey: string, keys: SharedKeys): void {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', sealingKey(mapId, facilitatorKey), iv);
		cipher.setAAD(Buffer.from(mapId, 'utf8'));
		const body = Buffer.concat([cipher.update(JSON.stringify(keys), 'utf8'), cipher.final(), cipher.getAuthTag()]);
		this.#put.run(mapId, iv, body);
	}

	/** The keys kept for `mapId`, or nulls when none are kept or `facilitatorKey` does not open them. */
	open(mapId: string, facilitatorKey: string): SharedKeys {
		const row = this.#get.get(mapId);
		if (!row || row.sealed.length < 16) return NONE;
		try {
			const decipher = createDecipheriv('aes-256-gcm', sealingKey(mapId, facilitatorKey), row.iv);
			decipher.setAAD(Buffer.from(mapId, 'utf8'));
			decipher.setAuthTag(row.sealed.subarray(row.sealed.length - 16));
			const text = Buffer.concat([decipher.update(row.sealed.subarray(0, row.sealed.length - 16)), decipher.final()]).toString('utf8');
			const parsed = JSON.parse(text) as Partial<SharedKeys>;
			return { participant: typeof parsed.participant === 'string' ? parsed.participant : null, viewer: typeof parsed.viewer === 'string' ? parsed.viewer : null };
		} catch {
			return NONE;
		}
	}

	/** Forget what is kept for `mapId` (when it can no longer be kept in step). */
	drop(mapId: string): void {
		this.#drop.run(mapId);
	}
}

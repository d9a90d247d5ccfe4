// The edit and view keys of a map, kept so a facilitator can copy those links again from any
// device. They are sealed (AES-256-GCM) under a key derived from the facilitator key, which the
// server never stores: the database alone gives no link away (only key hashes and sealed bytes).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SqliteSchemaStep } from '../db/schema.js';
import type { Sql } from '../db/sql.js';

/** The links a facilitator can see again; null when unknown (sealed before this existed, or lost). */
export interface SharedKeys {
	readonly participant: string | null;
	readonly viewer: string | null;
}

/** map_shared_links on SQLite (PostgreSQL's is migration 3). */
export const linksSqliteSchema: SqliteSchemaStep = (sql) =>
	sql.exec(`
CREATE TABLE IF NOT EXISTS map_shared_links (
	map_id TEXT PRIMARY KEY,
	iv BLOB NOT NULL,
	sealed BLOB NOT NULL
);
`);

const NONE: SharedKeys = { participant: null, viewer: null };

/** The sealing key: HKDF-SHA-256 of the facilitator key, salted with the map id (not the stored SHA-256). */
function sealingKey(mapId: string, facilitatorKey: string): Buffer {
	return Buffer.from(hkdfSync('sha256', facilitatorKey, mapId, 'stackmap shared links v1', 32));
}

export class LinkVault {
	readonly #sql: Sql;

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	/** Keep `keys` for `mapId`, readable only with `facilitatorKey` (replaces what was kept). */
	async seal(mapId: string, facilitatorKey: string, keys: SharedKeys): Promise<void> {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', sealingKey(mapId, facilitatorKey), iv);
		cipher.setAAD(Buffer.from(mapId, 'utf8'));
		const body = Buffer.concat([cipher.update(JSON.stringify(keys), 'utf8'), cipher.final(), cipher.getAuthTag()]);
		await this.#sql.run(
			'INSERT INTO map_shared_links (map_id, iv, sealed) VALUES (?, ?, ?) ON CONFLICT (map_id) DO UPDATE SET iv = excluded.iv, sealed = excluded.sealed',
			[mapId, iv, body]
		);
	}

	/** The keys kept for `mapId`, or nulls when none are kept or `facilitatorKey` does not open them. */
	async open(mapId: string, facilitatorKey: string): Promise<SharedKeys> {
		const row = await this.#sql.get<{ iv: Uint8Array; sealed: Uint8Array }>('SELECT iv, sealed FROM map_shared_links WHERE map_id = ?', [mapId]);
		if (!row || row.sealed.length < 16) return NONE;
		try {
			const sealed = Buffer.from(row.sealed);
			const decipher = createDecipheriv('aes-256-gcm', sealingKey(mapId, facilitatorKey), row.iv);
			decipher.setAAD(Buffer.from(mapId, 'utf8'));
			decipher.setAuthTag(sealed.subarray(sealed.length - 16));
			const text = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
			const parsed = JSON.parse(text) as Partial<SharedKeys>;
			return { participant: typeof parsed.participant === 'string' ? parsed.participant : null, viewer: typeof parsed.viewer === 'string' ? parsed.viewer : null };
		} catch {
			return NONE;
		}
	}

	/** Forget what is kept for `mapId` (when it can no longer be kept in step). */
	async drop(mapId: string): Promise<void> {
		await this.#sql.run('DELETE FROM map_shared_links WHERE map_id = ?', [mapId]);
	}
}

// The storage interface rooms and the HTTP API use. SQLite (sqlite.ts) and PostgreSQL (postgres.ts)
// implement the same promises; rooms and routes do not know which one they have.
import type { Visibility } from '../../src/lib/catalogue/visibility.js';
import type { Role } from '../../src/lib/map/workshop.js';

export type { Role, Visibility };

export interface MapRecord {
	readonly id: string;
	readonly title: string;
	readonly createdAt: number;
	readonly updatedAt: number;
	readonly visibility: Visibility;
	/** SHA-256 of each role's link key; keys themselves are never stored. */
	readonly keyHashes: Readonly<Record<Role, Uint8Array>>;
}

export interface StoredDoc {
	/** The compacted state (if any) followed by every update appended since, in order. */
	readonly updates: Uint8Array[];
	/** The sequence number of the last update returned (0 when none). */
	readonly lastSeq: number;
}

export interface MapStore {
	createMap(record: MapRecord): Promise<void>;
	getMap(id: string): Promise<MapRecord | null>;
	/** Replace the hashes of one role's key (link rotation). */
	setKeyHash(id: string, role: Role, hash: Uint8Array): Promise<void>;
	/** Keep the catalogue-facing fields in step with the document (title, last change). */
	touchMap(id: string, fields: { title?: string; updatedAt: number }): Promise<void>;
	loadDoc(id: string): Promise<StoredDoc>;
	/** Durably append one Yjs update; resolves with its sequence number once it is on disk. */
	appendUpdate(id: string, update: Uint8Array): Promise<number>;
	/**
	 * Durably append one Yjs update at once (no promise, no wait) and return its sequence number, or
	 * null when this store cannot (then use appendUpdate). Throws when the disk refuses it.
	 */
	appendDurable?(id: string, update: Uint8Array): number | null;
	/** Replace the state and every update with seq ≤ uptoSeq by one compacted state, atomically. */
	compact(id: string, state: Uint8Array, uptoSeq: number): Promise<void>;
	/** How many updates are logged for a map since its last compaction. */
	countUpdates(id: string): Promise<number>;
	/** Maps with more than `threshold` logged updates (candidates for compaction). */
	mapsNeedingCompaction(threshold: number): Promise<string[]>;
	/** Prepare the store (a database server's migrations); rejects, saying why, when it cannot serve. */
	open?(): Promise<void>;
	/** Whether the store answers a query now (/readyz); a store without it answers in process. */
	ready?(): Promise<boolean>;
	close(): Promise<void>;
}

// Facilitation on the server: link rotation (old sockets closed at once), the edit and view links
// a facilitator can copy again, named snapshots (save, restore into the live room), and the change
// history. Routes reach it as `stackmap().workshops`.
import * as Y from 'yjs';
import { loadSnapshot, readSnapshot, restoreSnapshot, type MapSnapshot } from '../../src/lib/map/index.js';
import { hashKey, newKey } from '../access.js';
import { Connection } from '../collab/connection.js';
import { elementLabel } from '../collab/guard.js';
import type { Rooms } from '../collab/rooms.js';
import { MapTooBigError, newMapRefusal, type MapLimits } from '../collab/size.js';
import type { Sql } from '../db/sql.js';
import type { MapStore, Role } from '../store/types.js';
import { HistoryLog } from './history.js';
import { LinkVault, type SharedKeys } from './links.js';
import { MAX_SNAPSHOTS_PER_MAP, SNAPSHOT_LIMIT, SnapshotLimitError, SnapshotStore, type SnapshotInfo } from './snapshots.js';

export { HistoryLog, type HistoryEntry, type HistoryQuery } from './history.js';
export { SnapshotStore, SnapshotLimitError, type SnapshotInfo } from './snapshots.js';
export { LinkVault, type SharedKeys } from './links.js';

export interface RestoreOutcome {
	readonly restored: SnapshotInfo;
	/** The map as it was just before, saved automatically so a restore can itself be undone. */
	readonly backup: SnapshotInfo;
	readonly added: number;
	readonly updated: number;
	readonly deleted: number;
}

export interface Workshops {
	readonly snapshots: SnapshotStore;
	readonly history: HistoryLog;
	/** The edit and view keys, sealed under the facilitator key (see links.ts). */
	readonly links: LinkVault;
	/**
	 * Give `role`'s link a new key and return it. The old key stops working at once: new joins and
	 * HTTP requests with it get 403, and open sockets that joined with it are closed (4403).
	 * `facilitatorKey`, the caller's, keeps the sealed edit and view keys in step; without it
	 * (or with a key that is not the facilitator's) they are forgotten.
	 */
	rotateLink(mapId: string, role: Role, facilitatorKey?: string): Promise<string>;
	/** The current edit and view keys for whoever holds the facilitator key (nulls when unknown). */
	sharedKeys(mapId: string, facilitatorKey: string): Promise<SharedKeys>;
	/** Open sockets on the map per link they joined with (public viewers, without a key, are not counted). */
	connected(mapId: string): Promise<Record<Role, number>>;
	/**
	 * Close (4403) the open sockets that joined `mapId` without a key, as the public: for when the
	 * map stops being public (back to private, or details withheld). Returns how many were closed.
	 */
	revokePublic(mapId: string): Promise<number>;
	/** Close (4403) the open sockets that joined `mapId` under one of `joinHashes` (signed-in people no longer let in). Returns how many. */
	revokeJoins(mapId: string, joinHashes: readonly Uint8Array[]): Promise<number>;
	/** Save the map as it is now under `name`. */
	saveSnapshot(mapId: string, name: string, by: string): Promise<SnapshotInfo>;
	/**
	 * Make the live map match snapshot `snapshotId` (one transaction, seen by everyone), after
	 * saving the current map as a backup snapshot. Null when there is no such snapshot; rejects
	 * with MapTooBigError (nothing changed) when the snapshot is over the map size limits (they
	 * were lowered since it was saved).
	 */
	restore(mapId: string, snapshotId: string, by: string): Promise<RestoreOutcome | null>;
	/** Write the buffered history; resolves when it is stored (or reported as refused). */
	close(): Promise<void>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The origin of a server-side restore's transaction (history and logs can tell it apart). */
export class RestoreOrigin {
	constructor(readonly by: string) {}
}

export function createWorkshops(sql: Sql, store: MapStore, rooms: Rooms, limits?: MapLimits): Workshops {
	const snapshots = new SnapshotStore(sql);
	const history = new HistoryLog(sql);
	const links = new LinkVault(sql);

	async function current(mapId: string): Promise<MapSnapshot> {
		const open = await rooms.peek(mapId);
		if (open && !open.closed) return readSnapshot(open.doc);
		const stored = await store.loadDoc(mapId);
		const doc = new Y.Doc();
		doc.transact(() => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
		const snapshot = readSnapshot(doc);
		doc.destroy();
		return snapshot;
	}

	return {
		snapshots,
		history,
		links,
		async rotateLink(mapId, role, facilitatorKey) {
			const record = await store.getMap(mapId);
			if (!record) throw new Error(`no map ${mapId}`);
			const old = record.keyHashes[role];
			const key = newKey();
			const sealer = facilitatorKey && sameBytes(hashKey(facilitatorKey), record.keyHashes.facilitator) ? facilitatorKey : null;
			const kept = sealer ? await links.open(mapId, sealer) : null;
			await store.setKeyHash(mapId, role, hashKey(key));
			if (!kept) await links.drop(mapId);
			else if (role === 'facilitator') await links.seal(mapId, key, kept);
			else await links.seal(mapId, sealer!, { ...kept, [role]: key });
			// On every instance: a link rotated here closes its sockets there too.
			await rooms.revoke(mapId, { keyHash: Buffer.from(old).toString('base64') });
			return key;
		},
		async sharedKeys(mapId, facilitatorKey) {
			const record = await store.getMap(mapId);
			if (!record || !sameBytes(hashKey(facilitatorKey), record.keyHashes.facilitator)) return { participant: null, viewer: null };
			return links.open(mapId, facilitatorKey);
		},
		async connected(mapId) {
			const counts: Record<Role, number> = { facilitator: 0, participant: 0, viewer: 0 };
			const record = await store.getMap(mapId);
			if (!record) return counts;
			const room = await rooms.peek(mapId);
			for (const peer of room && !room.closed ? room.peers : []) {
				if (!(peer instanceof Connection) || !peer.keyHash || peer.ws.readyState !== peer.ws.OPEN) continue;
				const role = (['facilitator', 'participant', 'viewer'] as const).find((r) => sameBytes(peer.keyHash!, record.keyHashes[r]));
				if (role) counts[role]++;
			}
			// And the other instances' sockets through the same links.
			const elsewhere = await rooms.peersElsewhere(mapId);
			for (const role of ['facilitator', 'participant', 'viewer'] as const) counts[role] += elsewhere[Buffer.from(record.keyHashes[role]).toString('base64')] ?? 0;
			return counts;
		},
		revokePublic(mapId) {
			return rooms.revoke(mapId, { public: true });
		},
		revokeJoins(mapId, joinHashes) {
			return rooms.revoke(mapId, { joins: joinHashes.map((h) => Buffer.from(h).toString('base64')) });
		},
		async saveSnapshot(mapId, name, by) {
			return snapshots.save(mapId, name, await current(mapId), by);
		},
		async restore(mapId, snapshotId, by) {
			const saved = await snapshots.get(mapId, snapshotId);
			if (!saved) return null;
			if (limits) {
				// As a new map would be: a restore must not leave a map nobody can add to.
				const probe = new Y.Doc();
				loadSnapshot(probe, saved.snapshot);
				const refusal = newMapRefusal(probe, limits);
				probe.destroy();
				if (refusal) throw new MapTooBigError(refusal);
			}
			const room = await rooms.open(mapId);
			try {
				// A full list refuses before anything changes (the backup could not be kept).
				if ((await snapshots.list(mapId)).length >= MAX_SNAPSHOTS_PER_MAP) throw new SnapshotLimitError(SNAPSHOT_LIMIT);
				// Read and restored with no await between: an edit arriving meanwhile is in the backup, not overwritten unseen.
				const before = readSnapshot(room.doc);
				const result = restoreSnapshot(room.doc, saved.snapshot, new RestoreOrigin(by));
				let backup: SnapshotInfo;
				try {
					backup = await snapshots.save(mapId, `Before restoring “${saved.info.name}”`.slice(0, 100), before, by);
				} catch (err) {
					// No backup, no restore: the map goes back as it was.
					restoreSnapshot(room.doc, before, new RestoreOrigin(by));
					throw err;
				}
				const labelBefore = (collection: string, id: string) => {
					const item = (before[collection as keyof MapSnapshot] as unknown as { id: string; name?: string; text?: string }[]).find((e) => e.id === id);
					return item?.name ?? item?.text ?? '';
				};
				const note = (refs: typeof result.added, kind: 'add' | 'edit' | 'delete') => {
					for (const ref of refs) history.recordOne(mapId, by, ref.collection, ref.id, elementLabel(room.doc, ref.collection, ref.id) || labelBefore(ref.collection, ref.id), kind);
				};
				note(result.added, 'add');
				note(result.updated, 'edit');
				note(result.deleted, 'delete');
				if (result.metaChanged) history.recordOne(mapId, by, 'meta', 'restore', saved.info.name, 'edit');
				await room.whenStored();
				return { restored: saved.info, backup, added: result.added.length, updated: result.updated.length, deleted: result.deleted.length };
			} finally {
				rooms.released(room);
			}
		},
		close() {
			return history.close();
		}
	};
}

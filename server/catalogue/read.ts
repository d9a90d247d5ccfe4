// The current snapshot of a map for the catalogue: the open room's document when it is loaded
// (it holds edits not yet compacted), else the document rebuilt from storage.
import * as Y from 'yjs';
import { readSnapshot, type MapSnapshot } from '../../src/lib/map/index.js';
import type { Rooms } from '../collab/rooms.js';
import type { MapStore } from '../store/types.js';

/** A function giving a map's current snapshot. */
export type SnapshotReader = (id: string) => Promise<MapSnapshot>;

export function snapshotReader(store: MapStore, rooms: Rooms): SnapshotReader {
	return async (id) => {
		const open = await rooms.peek(id);
		if (open && !open.closed) return readSnapshot(open.doc);
		const stored = await store.loadDoc(id);
		const doc = new Y.Doc();
		doc.transact(() => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
		const snapshot = readSnapshot(doc);
		doc.destroy();
		return snapshot;
	};
}

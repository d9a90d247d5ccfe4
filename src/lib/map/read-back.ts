// A snapshot as a document would hold it, for code that has a snapshot and no document (imports).
import * as Y from 'yjs';
import { loadSnapshot } from './commands.js';
import { readSnapshot } from './read.js';
import type { MapSnapshot } from './types.js';

/**
 * `snapshot` loaded into a fresh document and read back: defaults filled in, elements in order,
 * deep-frozen. Throws SnapshotError (as loadSnapshot) when it is not valid.
 */
export function readBack(snapshot: MapSnapshot): MapSnapshot {
	const doc = new Y.Doc();
	try {
		loadSnapshot(doc, snapshot);
		return readSnapshot(doc);
	} finally {
		doc.destroy();
	}
}

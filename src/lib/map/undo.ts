// Per-user undo: a Y.UndoManager over every shared type of a map that tracks only the changes
// made with one origin, so undo never reverts a collaborator's edit.
import * as Y from 'yjs';
import { COLLECTIONS, collection, metaMap } from './schema.js';

export type UndoManager = Y.UndoManager;

/** An undo manager for the edits `origin` makes on `doc`. Each command is its own step. */
export function createUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
	return new Y.UndoManager([metaMap(doc), ...COLLECTIONS.map((name) => collection(doc, name))], {
		trackedOrigins: new Set([origin]),
		captureTimeout: 0
	});
}

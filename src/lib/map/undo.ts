// Per-user undo: a Y.UndoManager over every shared type of a map that tracks only the changes
// made with one origin, so undo never reverts a collaborator's edit. The history is bounded: a
// step keeps every value it overwrote alive (so it can be restored), and a workshop runs for hours.
import * as Y from 'yjs';
import { COLLECTIONS, collection, metaMap } from './schema.js';

export type UndoManager = Y.UndoManager;

/**
 * Undo steps kept per person; the oldest goes when another is added. As many as a spreadsheet keeps:
 * further back, a map has its named snapshots and change history (docs/workshops.md).
 */
export const UNDO_LIMIT = 100;

type Step = Y.UndoManager['undoStack'][number];

/** An undo manager for the edits `origin` makes on `doc`. Each command is its own step. */
export function createUndoManager(doc: Y.Doc, origin: unknown, limit = UNDO_LIMIT): Y.UndoManager {
	const undo = new Y.UndoManager([metaMap(doc), ...COLLECTIONS.map((name) => collection(doc, name))], {
		trackedOrigins: new Set([origin]),
		captureTimeout: 0
	});
	const finished: Step[] = [];
	const dropped: Step[] = [];
	undo.on('stack-item-added', (event: { type: 'undo' | 'redo' }) => {
		if (event.type !== 'undo') return;
		const stack = undo.undoStack;
		const pending = finished.length + dropped.length > 0;
		// The step before the new one is complete (a drag's writes merge into one step until its drop).
		if (stack.length >= 2) finished.push(stack[stack.length - 2]);
		if (stack.length > limit) dropped.push(...stack.splice(0, stack.length - limit));
		// Released once the transaction that added the step is cleaned up: Yjs is still tidying the
		// store for it while this event runs. Once per transaction: pending steps are already waiting.
		if (!pending && finished.length + dropped.length > 0) {
			doc.once('afterTransactionCleanup', () => {
				const steps = finished.splice(0);
				const gone = dropped.splice(0);
				doc.transact((tr) => {
					for (const step of steps) if (!gone.includes(step)) release(undo, tr, step, true);
					for (const step of gone) release(undo, tr, step, false);
				}, RELEASE);
			});
		}
	});
	return undo;
}

/** Origin of the (empty) transaction that releases kept values: no undo manager tracks it. */
const RELEASE = Symbol('undo history released');

/**
 * Stop keeping values a step overwrote, and collect them as Yjs collects any deleted value (what the
 * document holds for everyone is unchanged). `within`: only those the step itself wrote and then
 * overwrote (a drag's positions between its start and its drop), which undoing it never restores;
 * otherwise all of them (a step dropped from the history). A step's items are released, not their
 * parents, which a newer step may still keep.
 */
function release(undo: Y.UndoManager, tr: Y.Transaction, step: Step, within: boolean): void {
	const doc = tr.doc;
	const inScope = (item: Y.Item) => undo.scope.some((type) => type instanceof Y.Doc || Y.isParentOf(type, item));
	if (within) {
		// Walk the step's own insertions (split at their edges: Yjs merges one person's successive
		// values of a key into one struct, the value from before the step included).
		Y.iterateDeletedStructs(tr, step.insertions, (struct) => {
			if (struct instanceof Y.Item && struct.deleted && Y.isDeleted(step.deletions, struct.id) && inScope(struct)) struct.keep = false;
		});
	} else {
		Y.iterateDeletedStructs(tr, step.deletions, (struct) => {
			if (struct instanceof Y.Item && inScope(struct)) struct.keep = false;
		});
	}
	if (doc.gc) Y.tryGc(step.deletions, doc.store, doc.gcFilter);
}

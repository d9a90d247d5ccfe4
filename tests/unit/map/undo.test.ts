// Per-user undo keeps a bounded history: the oldest steps go, the values they overwrote stop being
// kept alive, and nothing anyone sees changes.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UNDO_LIMIT, addComponent, createUndoManager, initMap, moveComponent, readSnapshot, type ComponentId } from '../../../src/lib/map/index.js';

/**
 * Overwritten values whose content is still held (kept for an undo), across the whole store. Counted
 * in values, not structs: Yjs merges one person's successive values of a key into one struct.
 */
function keptContent(doc: Y.Doc): number {
	let n = 0;
	doc.store.clients.forEach((structs) => {
		for (const s of structs) if (s instanceof Y.Item && s.deleted && !(s.content instanceof Y.ContentDeleted)) n += s.length;
	});
	return n;
}

function setup(limit?: number) {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Undo' });
	const me = { user: 'me' };
	const id = addComponent(doc, { name: 'CRM', evolution: 0, visibility: 0.5 }, me);
	const undo = createUndoManager(doc, me, limit);
	const move = (k: number) => moveComponent(doc, id, { evolution: k / 1000, visibility: 0.5 }, me);
	return { doc, id, undo, move };
}

const evolutionOf = (doc: Y.Doc, id: ComponentId) => readSnapshot(doc).components.find((c) => c.id === id)!.evolution;

describe('createUndoManager', () => {
	it('keeps the last `limit` steps: they undo and redo, the older ones are gone', () => {
		const { doc, id, undo, move } = setup(3);
		for (let k = 1; k <= 6; k++) move(k);
		expect(undo.undoStack).toHaveLength(3);
		undo.undo();
		undo.undo();
		undo.undo();
		expect(evolutionOf(doc, id)).toBe(0.003);
		expect(undo.canUndo()).toBe(false);
		undo.redo();
		undo.redo();
		expect(evolutionOf(doc, id)).toBe(0.005);
	});

	it('stops keeping what the dropped steps overwrote, so memory stays bounded in a long session', () => {
		const bounded = setup(10);
		const unbounded = setup(100_000);
		for (let k = 1; k <= 2000; k++) {
			bounded.move(k);
			unbounded.move(k);
		}
		// Without a bound every overwritten position stays; with one, about one per kept step.
		expect(keptContent(unbounded.doc)).toBeGreaterThanOrEqual(2000);
		expect(keptContent(bounded.doc)).toBeLessThanOrEqual(12);
		expect(Y.encodeStateAsUpdate(bounded.doc).byteLength).toBeLessThan(Y.encodeStateAsUpdate(unbounded.doc).byteLength / 10);
	});

	it('changes nothing a collaborator sees: a peer synced from the trimmed copy reads the same map', () => {
		const { doc, undo, move } = setup(5);
		const peer = new Y.Doc();
		doc.on('update', (u: Uint8Array) => Y.applyUpdate(peer, u));
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		for (let k = 1; k <= 50; k++) move(k);
		const late = new Y.Doc();
		Y.applyUpdate(late, Y.encodeStateAsUpdate(doc));
		expect(readSnapshot(peer)).toEqual(readSnapshot(doc));
		expect(readSnapshot(late)).toEqual(readSnapshot(doc));
		undo.undo();
		expect(readSnapshot(peer)).toEqual(readSnapshot(doc));
		expect(readSnapshot(doc).components[0].evolution).toBe(0.049);
	});

	it('defaults to a generous history', () => {
		expect(UNDO_LIMIT).toBeGreaterThanOrEqual(100);
		const { undo, move } = setup();
		for (let k = 1; k <= UNDO_LIMIT + 20; k++) move(k);
		expect(undo.undoStack).toHaveLength(UNDO_LIMIT);
	});
});

describe('a drag as one undo step', () => {
	it('keeps only the position from before the drag once the next step begins, and still undoes to it', () => {
		const doc = new Y.Doc();
		initMap(doc, { title: 'Drag' });
		const me = { user: 'me' };
		const a = addComponent(doc, { name: 'A', evolution: 0.1, visibility: 0.5 }, me);
		const b = addComponent(doc, { name: 'B', evolution: 0.9, visibility: 0.5 }, me);
		const undo = createUndoManager(doc, me);
		// A drag: its writes merge into one step until the drop (as EditorController does).
		undo.stopCapturing();
		undo.captureTimeout = Number.MAX_SAFE_INTEGER;
		for (let k = 1; k <= 200; k++) moveComponent(doc, a, { evolution: 0.1 + k / 1000, visibility: 0.5 }, me);
		undo.captureTimeout = 0;
		undo.stopCapturing();
		expect(keptContent(doc)).toBeGreaterThanOrEqual(200);
		moveComponent(doc, b, { evolution: 0.8, visibility: 0.5 }, me);
		// The drag's 199 in-between positions are released; its starting position and B's stay.
		expect(keptContent(doc)).toBeLessThanOrEqual(2);
		undo.undo();
		undo.undo();
		expect(evolutionOf(doc, a)).toBe(0.1);
		expect(evolutionOf(doc, b)).toBe(0.9);
		undo.redo();
		expect(evolutionOf(doc, a)).toBeCloseTo(0.3, 10);
	});
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, deleteComponent, initMap, readSnapshot, renameComponent, type ComponentId } from '../../../src/lib/map/index.js';
import { splitUpdate } from '../../../src/lib/collab/split.js';

/** Structs in a v1 update. */
const structs = (u: Uint8Array) => Y.decodeUpdate(u).structs.length;

function captured(doc: Y.Doc, write: () => void): Uint8Array {
	let update: Uint8Array | undefined;
	const on = (u: Uint8Array) => (update = u);
	doc.on('update', on);
	write();
	doc.off('update', on);
	return update!;
}

describe('splitUpdate', () => {
	it('leaves an update within the bound as it is', () => {
		const doc = new Y.Doc();
		const u = captured(doc, () => initMap(doc, { title: 'Small' }));
		expect(splitUpdate(u, 1000)).toEqual([u]);
	});

	it('splits one large transaction into pieces that rebuild the same map in order', () => {
		const doc = new Y.Doc();
		initMap(doc, { title: 'Big' });
		const ids: ComponentId[] = [];
		for (let i = 0; i < 50; i++) ids.push(addComponent(doc, { name: `C${i}`, evolution: i / 50, visibility: 0.5 }));
		const base = Y.encodeStateAsUpdate(doc);
		// One transaction that adds, renames and deletes: the delete set must travel too.
		const u = captured(doc, () =>
			doc.transact(() => {
				for (let i = 0; i < 300; i++) addComponent(doc, { name: `New ${i}`, evolution: 0.3, visibility: 0.3 });
				for (const id of ids.slice(0, 10)) deleteComponent(doc, id);
				renameComponent(doc, ids[20], 'Renamed');
			})
		);
		const pieces = splitUpdate(u, 100);
		expect(pieces.length).toBeGreaterThan(3);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, base);
		for (const piece of pieces) {
			expect(structs(piece)).toBeLessThanOrEqual(100);
			Y.applyUpdate(copy, piece);
			expect(copy.store.pendingStructs).toBeNull();
		}
		expect(readSnapshot(copy)).toEqual(readSnapshot(doc));
	});

	it('returns bytes it cannot read unchanged', () => {
		const junk = new Uint8Array([5, 200, 1, 2]);
		expect(splitUpdate(junk, 1)).toEqual([junk]);
	});
});

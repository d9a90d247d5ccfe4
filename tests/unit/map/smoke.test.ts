import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, addLink, deleteComponent, initMap, readSnapshot } from '../../../src/lib/map/index.js';

describe('model smoke', () => {
	it('adds, links and deletes', () => {
		const doc = new Y.Doc();
		initMap(doc, { title: 'T' });
		const a = addComponent(doc, { name: 'A', evolution: 0.2, visibility: 0.9 });
		const b = addComponent(doc, { name: 'B' });
		addLink(doc, { from: a, to: b });
		const s1 = readSnapshot(doc);
		expect(s1.components.map((c) => c.name)).toEqual(['A', 'B']);
		expect(s1.links).toHaveLength(1);
		expect(readSnapshot(doc)).toBe(s1);
		deleteComponent(doc, b);
		const s2 = readSnapshot(doc);
		expect(s2.links).toHaveLength(0);
		expect(s2.components[0]).toBe(s1.components[0]);
	});
});

// Padlocks on locked elements: one per locked element that is drawn, at its top-right, carrying who
// locked it; none for ids no longer on the map.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, addNote, initMap, lockElements, readSnapshot, readWorkshop } from '../../../src/lib/map/index.js';
import { buildScene } from '../../../src/lib/render/index.js';
import { locksOn } from '../../../src/lib/editor/overlay.js';

describe('locksOn', () => {
	it('puts a padlock on each locked element, with who locked it', () => {
		const doc = new Y.Doc();
		initMap(doc);
		const c = addComponent(doc, { name: 'Payments', evolution: 0.5, visibility: 0.5 });
		const n = addNote(doc, { text: 'Ask Sam', evolution: 0.2, visibility: 0.8 });
		addComponent(doc, { name: 'Open', evolution: 0.8, visibility: 0.2 });
		lockElements(doc, [c, n, 'gone'], undefined, 'Sam');
		const map = readSnapshot(doc);
		const scene = buildScene(map, { width: 1000, height: 800 });
		const marks = locksOn(scene, map, readWorkshop(doc));
		expect(marks.map((m) => `${m.id} ${m.by}`).sort()).toEqual([`${c} Sam`, `${n} Sam`].sort());
		const symbol = scene.components.find((k) => k.id === c)!;
		const mark = marks.find((m) => m.id === c)!;
		expect(mark.x).toBeGreaterThan(symbol.x);
		expect(mark.y).toBeLessThan(symbol.y);
	});
});

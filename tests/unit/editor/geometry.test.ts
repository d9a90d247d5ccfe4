// Editor geometry on real scenes: px ↔ map, hit-testing, rubber band, Tab order, value chain.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, addLink, addNote, initMap, readSnapshot } from '../../../src/lib/map/index.js';
import { buildScene } from '../../../src/lib/render/index.js';
import { firstInTabOrder, hitTest, inRubberBand, insidePlot, nudge, segmentDistance, tabOrder, toMapPoint, toPixels, valueChain } from '../../../src/lib/editor/geometry.js';

function map() {
	const doc = new Y.Doc();
	initMap(doc);
	const user = addComponent(doc, { name: 'Resident', kind: 'anchor', evolution: 0.5, visibility: 0.95 });
	const web = addComponent(doc, { name: 'Website', evolution: 0.6, visibility: 0.8 });
	const crm = addComponent(doc, { name: 'CRM', evolution: 0.4, visibility: 0.5 });
	const host = addComponent(doc, { name: 'Hosting', evolution: 0.9, visibility: 0.1 });
	const other = addComponent(doc, { name: 'Other', evolution: 0.1, visibility: 0.5 });
	addLink(doc, { from: user, to: web });
	addLink(doc, { from: web, to: crm });
	addLink(doc, { from: crm, to: host });
	addNote(doc, { text: 'A note', evolution: 0.2, visibility: 0.2 });
	return { snapshot: readSnapshot(doc), ids: { user, web, crm, host, other } };
}

describe('editor geometry', () => {
	const plot = { x: 50, y: 40, width: 1000, height: 600 };
	it.each([
		[50, 640, { evolution: 0, visibility: 0 }],
		[1050, 40, { evolution: 1, visibility: 1 }],
		[550, 340, { evolution: 0.5, visibility: 0.5 }],
		[-100, 2000, { evolution: 0, visibility: 0 }]
	])('maps px (%d, %d) to %o', (x, y, p) => {
		expect(toMapPoint(plot, x, y)).toEqual(p);
	});

	it('round-trips map points through pixels', () => {
		const px = toPixels(plot, { evolution: 0.25, visibility: 0.75 });
		expect(toMapPoint(plot, px.x, px.y)).toEqual({ evolution: 0.25, visibility: 0.75 });
	});

	it('nudges inside the map', () => {
		expect(nudge({ evolution: 0.995, visibility: 0.5 }, 1, 0)).toEqual({ evolution: 1, visibility: 0.5 });
		expect(nudge({ evolution: 0.5, visibility: 0.5 }, -1, 1, true)).toEqual({ evolution: 0.45, visibility: 0.55 });
	});

	it('measures distance to a segment', () => {
		expect(segmentDistance({ x1: 0, y1: 0, x2: 10, y2: 0 }, 5, 3)).toBe(3);
		expect(segmentDistance({ x1: 0, y1: 0, x2: 10, y2: 0 }, 13, 4)).toBe(5);
	});

	it('hits components within 12 px, links along their length, and nothing in empty space', () => {
		const { snapshot, ids } = map();
		const scene = buildScene(snapshot);
		const crm = scene.components.find((c) => c.id === ids.crm)!;
		expect(hitTest(scene, crm.x + 10, crm.y)).toEqual({ collection: 'components', id: ids.crm });
		const link = scene.links.find((l) => l.id === snapshot.links[2].id)!;
		expect(hitTest(scene, (link.x1 + link.x2) / 2, (link.y1 + link.y2) / 2)).toEqual({ collection: 'links', id: link.id });
		const note = scene.notes[0];
		expect(hitTest(scene, note.text.bounds.x + 5, note.text.bounds.y + 5)).toEqual({ collection: 'notes', id: note.id });
		expect(hitTest(scene, scene.plot.x + 5, scene.plot.y + scene.plot.height - 5)).toBeNull();
	});

	it('selects by rubber band', () => {
		const { snapshot, ids } = map();
		const scene = buildScene(snapshot);
		const p = scene.plot;
		// The left half, middle band: CRM (0.4, 0.5) and Other (0.1, 0.5).
		const refs = inRubberBand(scene, p.x + p.width * 0.45, p.y + p.height * 0.4, p.x, p.y + p.height * 0.6);
		expect(refs.map((r) => r.id).sort()).toEqual([ids.crm, ids.other].sort());
	});

	it('tabs down the value chain: anchors first, then by visibility, left to right', () => {
		const { snapshot, ids } = map();
		expect(tabOrder(snapshot).slice(0, 5).map((r) => r.id)).toEqual([ids.user, ids.web, ids.other, ids.crm, ids.host]);
	});

	it.each([
		['a map with a user need', () => map().snapshot],
		['components only, two in the top row', () => {
			const doc = new Y.Doc();
			initMap(doc);
			addComponent(doc, { name: 'Right', evolution: 0.7, visibility: 0.8 });
			addComponent(doc, { name: 'Left', evolution: 0.2, visibility: 0.8 });
			addComponent(doc, { name: 'Low', evolution: 0.1, visibility: 0.1 });
			return readSnapshot(doc);
		}],
		['a note alone', () => {
			const doc = new Y.Doc();
			initMap(doc);
			addNote(doc, { text: 'Only me', evolution: 0.5, visibility: 0.5 });
			return readSnapshot(doc);
		}],
		['an empty map', () => {
			const doc = new Y.Doc();
			initMap(doc);
			return readSnapshot(doc);
		}]
	])('enters the Tab order at its first element (%s)', (_, make) => {
		const snapshot = make();
		expect(firstInTabOrder(snapshot)).toEqual(tabOrder(snapshot)[0] ?? null);
	});

	it('follows the value chain transitively', () => {
		const { snapshot, ids } = map();
		const chain = valueChain(snapshot, ids.web);
		expect([...chain.elements].sort()).toEqual([ids.web, ids.crm, ids.host].sort());
		expect(chain.links.size).toBe(2);
	});
});

describe('insidePlot', () => {
	const plot = { x: 40, y: 20, width: 200, height: 100 };
	it.each([
		[140, 70, true],
		[40, 20, true],
		[240, 120, true],
		[10, 70, false],
		[140, 5, false],
		[250, 130, false]
	])('(%i, %i) inside: %s', (x, y, inside) => {
		expect(insidePlot(plot, x, y)).toBe(inside);
	});
});

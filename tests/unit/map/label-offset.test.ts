// setLabelOffset / resetLabel: a placed label is stored pinned, survives JSON and OWM round trips,
// and reset gives it back to automatic placement.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ModelError,
	addComponent,
	createUndoManager,
	initMap,
	loadSnapshot,
	readSnapshot,
	resetLabel,
	setLabelOffset,
	updateComponent,
	validateSnapshot,
	type MapSnapshot
} from '../../../src/lib/map/index.js';
import { parseMapJson, writeMapText } from '../../../src/lib/formats/index.js';
import { parseOwm, printOwm, reconcile } from '../../../src/lib/formats/owm/index.js';

function mapWithLabel(): { doc: Y.Doc; id: ReturnType<typeof addComponent> } {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Labels' });
	const id = addComponent(doc, { name: 'Case management', evolution: 0.4, visibility: 0.6 });
	return { doc, id };
}

const component = (map: MapSnapshot) => map.components[0];

describe('setLabelOffset', () => {
	it('stores the offset pinned, leaving the component where it is', () => {
		const { doc, id } = mapWithLabel();
		setLabelOffset(doc, id, { x: 12, y: -30 });
		const c = component(readSnapshot(doc));
		expect(c.label).toEqual({ x: 12, y: -30 });
		expect(c.labelPinned).toBe(true);
		expect([c.evolution, c.visibility]).toEqual([0.4, 0.6]);
	});

	it('refuses an offset that is not finite and writes nothing', () => {
		const { doc, id } = mapWithLabel();
		expect(() => setLabelOffset(doc, id, { x: Number.NaN, y: 0 })).toThrow(ModelError);
		expect(component(readSnapshot(doc)).label).toBeNull();
	});

	it('is one undo step', () => {
		const { doc, id } = mapWithLabel();
		const origin = { user: 'a' };
		const undo = createUndoManager(doc, origin);
		setLabelOffset(doc, id, { x: 5, y: 5 }, origin);
		undo.undo();
		const c = component(readSnapshot(doc));
		expect(c.label).toBeNull();
		expect(c.labelPinned).toBeUndefined();
	});
});

describe('resetLabel', () => {
	it('removes the offset and the pin', () => {
		const { doc, id } = mapWithLabel();
		setLabelOffset(doc, id, { x: 12, y: -30 });
		resetLabel(doc, id);
		const c = component(readSnapshot(doc));
		expect(c.label).toBeNull();
		expect(c.labelPinned).toBeUndefined();
		expect(JSON.stringify(c)).not.toContain('labelPinned');
	});

	it('leaves an offset given without a pin as a hint (not pinned)', () => {
		const { doc, id } = mapWithLabel();
		updateComponent(doc, id, { label: { x: 1, y: 2 } });
		expect(component(readSnapshot(doc)).labelPinned).toBeUndefined();
		updateComponent(doc, id, { labelPinned: false });
		expect(component(readSnapshot(doc)).labelPinned).toBeUndefined();
	});
});

describe('a pinned label round trip', () => {
	it('survives JSON export and import', () => {
		const { doc, id } = mapWithLabel();
		setLabelOffset(doc, id, { x: 7, y: -8 });
		const parsed = parseMapJson(writeMapText(readSnapshot(doc), 'json'));
		expect(parsed.errors).toEqual([]);
		expect(component(parsed.map)).toMatchObject({ label: { x: 7, y: -8 }, labelPinned: true });
		const copy = new Y.Doc();
		loadSnapshot(copy, parsed.map);
		expect(component(readSnapshot(copy)).labelPinned).toBe(true);
	});

	it('refuses a pin that is not true or false in a snapshot', () => {
		const { doc, id } = mapWithLabel();
		setLabelOffset(doc, id, { x: 7, y: -8 });
		const bad = JSON.parse(JSON.stringify(readSnapshot(doc)));
		bad.components[0].labelPinned = 'yes';
		expect(validateSnapshot(bad).map((p) => p.field)).toEqual(['labelPinned']);
	});

	it('survives OWM export and import: label [x, y] plus the pin in a stackmap comment', () => {
		const { doc, id } = mapWithLabel();
		setLabelOffset(doc, id, { x: 7, y: -8 });
		const text = printOwm(readSnapshot(doc));
		expect(text).toContain('component Case management [0.6, 0.4] label [7, -8]');
		expect(text).toContain('// stackmap: {"component":"Case management","labelPinned":true}');
		const back = parseOwm(text);
		expect(component(back.map)).toMatchObject({ label: { x: 7, y: -8 }, labelPinned: true });
		expect(printOwm(back.map)).toBe(text);
	});

	it('reads an OWM label without a stackmap comment as a hint', () => {
		const back = parseOwm('component A [0.5, 0.5] label [3, 4]\n');
		expect(component(back.map).label).toEqual({ x: 3, y: 4 });
		expect(component(back.map).labelPinned).toBeUndefined();
	});

	it('keeps the pin through a text-view edit, and drops it when the comment goes', () => {
		const { doc, id } = mapWithLabel();
		setLabelOffset(doc, id, { x: 7, y: -8 });
		const text = printOwm(readSnapshot(doc));
		reconcile(doc, parseOwm(text.replace('label [7, -8]', 'label [9, -8]')).map);
		expect(component(readSnapshot(doc))).toMatchObject({ label: { x: 9, y: -8 }, labelPinned: true });
		reconcile(doc, parseOwm(text.replace(/\/\/ stackmap: .*\n/, '')).map);
		expect(component(readSnapshot(doc)).labelPinned).toBeUndefined();
	});
});

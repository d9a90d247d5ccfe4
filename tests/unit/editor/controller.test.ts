// The editor's verbs driven headless, as a user would: add, drag (throttled, one undo step,
// Esc cancels), nudge, link, rename, delete, the panels' edits, undo only one's own changes.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, initMap, readSnapshot, readWorkshop, type ToolKind, type WorkshopState } from '../../../src/lib/map/index.js';
import { EditorController, DRAG_WRITE_INTERVAL } from '../../../src/lib/editor/controller.js';
import type { Facilitation } from '../../../src/lib/editor/permissions.js';

function setup() {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Editor' });
	let t = 1000;
	const ed = new EditorController(doc, { now: () => t });
	return { doc, ed, tick: (ms: number) => (t += ms) };
}

describe('EditorController', () => {
	it('adds a component where asked and selects it', () => {
		const { ed } = setup();
		const id = ed.addComponentAt({ evolution: 0.3, visibility: 0.7 }, { name: 'CRM' });
		expect(ed.map.components[0]).toMatchObject({ id, name: 'CRM', evolution: 0.3, visibility: 0.7 });
		expect(ed.selection).toEqual([{ collection: 'components', id }]);
	});

	it('writes a drag at most every 100 ms and commits the drop as one undo step', () => {
		const { doc, ed, tick } = setup();
		const id = ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'A' });
		let writes = 0;
		doc.on('update', () => writes++);
		ed.beginDrag({ collection: 'components', id });
		for (let i = 1; i <= 60; i++) {
			tick(1000 / 60);
			ed.dragBy(i / 200, -i / 400);
		}
		ed.endDrag();
		// 60 frames over 1 s: about 10 throttled writes plus the final commit.
		expect(writes).toBeLessThanOrEqual(1000 / DRAG_WRITE_INTERVAL + 1);
		expect(writes).toBeGreaterThanOrEqual(5);
		expect(ed.map.components[0]).toMatchObject({ evolution: 0.8, visibility: 0.35 });
		ed.undo.undo();
		expect(ed.map.components[0]).toMatchObject({ evolution: 0.5, visibility: 0.5 });
		ed.undo.undo();
		expect(ed.map.components).toEqual([]);
	});

	it('writes a held-still drag from its timer only a full interval after the last write', () => {
		const { doc, ed, tick } = setup();
		const id = ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'A' });
		let writes = 0;
		doc.on('update', () => writes++);
		ed.beginDrag({ collection: 'components', id });
		tick(10);
		ed.dragBy(0.1, 0);
		// The timer fires in the drag's first frames: nothing is written yet.
		ed.flushDragIfDue();
		tick(DRAG_WRITE_INTERVAL - 20);
		ed.flushDragIfDue();
		expect(writes).toBe(0);
		// The pointer has stopped: the timer writes once the interval is up, and only once.
		tick(10);
		ed.flushDragIfDue();
		expect(writes).toBe(1);
		expect(ed.map.components[0].evolution).toBeCloseTo(0.6);
		tick(DRAG_WRITE_INTERVAL);
		ed.flushDragIfDue();
		expect(writes).toBe(1);
		ed.endDrag();
	});

	it('puts everything back on Esc, even after throttled writes', () => {
		const { ed, tick } = setup();
		const a = ed.addComponentAt({ evolution: 0.2, visibility: 0.8 }, { name: 'A' });
		const b = ed.addComponentAt({ evolution: 0.4, visibility: 0.6 }, { name: 'B' });
		ed.select([{ collection: 'components', id: a }, { collection: 'components', id: b }]);
		ed.beginDrag({ collection: 'components', id: a });
		tick(150);
		ed.dragBy(0.1, 0.1);
		expect(ed.map.components[0].evolution).toBeCloseTo(0.3);
		ed.cancelDrag();
		expect(ed.map.components.map((c) => [c.evolution, c.visibility])).toEqual([[0.2, 0.8], [0.4, 0.6]]);
	});

	it('moves a whole selection together and keeps it inside the map', () => {
		const { ed, tick } = setup();
		const a = ed.addComponentAt({ evolution: 0.9, visibility: 0.5 }, { name: 'A' });
		const b = ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'B' });
		ed.select([{ collection: 'components', id: a }, { collection: 'components', id: b }]);
		ed.beginDrag({ collection: 'components', id: b });
		tick(200);
		ed.dragBy(0.2, 0);
		ed.endDrag();
		expect(ed.map.components.map((c) => c.evolution)).toEqual([1, 0.7]);
	});

	it('nudges with arrow keys, 0.01 or 0.05 with Shift', () => {
		const { ed } = setup();
		ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'A' });
		ed.nudgeSelection(1, 0);
		ed.nudgeSelection(0, -1, true);
		expect(ed.map.components[0]).toMatchObject({ evolution: 0.51, visibility: 0.45 });
	});

	it('links, renames and deletes, and refuses a link to itself', () => {
		const { ed } = setup();
		const a = ed.addComponentAt({ evolution: 0.5, visibility: 0.8 }, { name: 'A' });
		const b = ed.addComponentAt({ evolution: 0.5, visibility: 0.3 }, { name: 'B' });
		expect(ed.link(a, a)).toBeNull();
		const l = ed.link(a, b)!;
		expect(ed.link(a, b)).toBe(l);
		ed.rename({ collection: 'components', id: b }, 'Payments');
		ed.rename({ collection: 'links', id: l }, 'limited by');
		expect(ed.map.links[0]).toMatchObject({ from: a, to: b, context: 'limited by' });
		expect(ed.nameOf({ collection: 'components', id: b })).toBe('Payments');
		ed.select([{ collection: 'components', id: b }]);
		ed.deleteSelection();
		expect(ed.map.components.map((c) => c.name)).toEqual(['A']);
		expect(ed.map.links).toEqual([]);
		ed.undo.undo();
		expect(ed.map.links).toHaveLength(1);
	});

	it('undoes only its own changes, never a collaborator’s', () => {
		const { doc, ed } = setup();
		const mine = ed.addComponentAt({ evolution: 0.1, visibility: 0.1 }, { name: 'Mine' });
		addComponent(doc, { name: 'Theirs' }, { user: 'someone else' });
		ed.rename({ collection: 'components', id: mine }, 'Mine renamed');
		ed.undo.undo();
		ed.undo.undo();
		expect(readSnapshot(doc).components.map((c) => c.name)).toEqual(['Theirs']);
		ed.undo.redo();
		expect(readSnapshot(doc).components.map((c) => c.name).sort()).toEqual(['Mine', 'Theirs']);
	});

	it('drops deleted elements from the selection', () => {
		const { doc, ed } = setup();
		const a = ed.addComponentAt({ evolution: 0.1, visibility: 0.1 }, { name: 'A' });
		doc.getMap('components').delete(a);
		ed.pruneSelection();
		expect(ed.selection).toEqual([]);
	});
});

describe('naming a new element', () => {
	it('is one undo step with placing it', () => {
		const doc = new Y.Doc();
		initMap(doc);
		const ed = new EditorController(doc);
		const id = ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'New component' });
		ed.rename({ collection: 'components', id }, 'Website', true);
		ed.rename({ collection: 'components', id }, 'Council website');
		ed.undo.undo();
		expect(ed.map.components[0].name).toBe('Website');
		ed.undo.undo();
		expect(ed.map.components).toEqual([]);
	});
});

describe('the panels\' and menus\' verbs', () => {
	it('change one thing each, each its own undo step', () => {
		const { ed } = setup();
		const a = ed.addComponentAt({ evolution: 0.5, visibility: 0.8 }, { name: 'A' });
		const b = ed.addComponentAt({ evolution: 0.5, visibility: 0.3 }, { name: 'B' });
		const l = ed.link(a, b)!;
		ed.setComponentFields(a, { supplier: 'Acme', decorators: { buy: true } });
		ed.setLinkFields(l, { flow: 'forward', flowLabel: '£5' });
		ed.setMapSettings({ title: 'Renamed map' });
		expect(ed.map.components[0]).toMatchObject({ supplier: 'Acme', decorators: { buy: true, build: false } });
		expect(ed.map.links[0]).toMatchObject({ flow: 'forward', flowLabel: '£5' });
		expect(ed.map.title).toBe('Renamed map');
		ed.undo.undo();
		expect(ed.map.title).toBe('Editor');
		ed.undo.undo();
		expect(ed.map.links[0]).toMatchObject({ flow: null, flowLabel: '' });
		ed.undo.undo();
		expect(ed.map.components[0].supplier).toBe('');
	});

	it('adds an evolve move 0.2 along (at most 1) and a pipeline around a component, and removes them', () => {
		const { ed } = setup();
		const a = ed.addComponentAt({ evolution: 0.9, visibility: 0.5 }, { name: 'A' });
		const e = ed.addEvolveMove(a)!;
		ed.addPipelineTo(a);
		expect(ed.map.evolves[0]).toMatchObject({ id: e, componentId: a, evolution: 1 });
		expect(ed.map.pipelines[0]).toMatchObject({ componentId: a, start: 0.75, end: 1 });
		ed.setEvolveTarget(e, 0.95);
		expect(ed.map.evolves[0].evolution).toBe(0.95);
		ed.remove([{ collection: 'evolves', id: e }]);
		expect(ed.map.evolves).toEqual([]);
		ed.undo.undo();
		expect(ed.map.evolves).toHaveLength(1);
	});

	it('places an area around a click, or between two corners, and selects it', () => {
		const { ed } = setup();
		// Kept inside the map: a click near its left edge.
		const id = ed.addAreaAt({ evolution: 0.05, visibility: 0.5 });
		expect(ed.map.areas[0]).toMatchObject({ id, kind: 'pioneers', from: { evolution: 0, visibility: 0.6 }, to: { evolution: expect.closeTo(0.15), visibility: 0.4 } });
		expect(ed.selection).toEqual([{ collection: 'areas', id }]);
		const other = ed.addAreaBetween({ evolution: 0.2, visibility: 0.9 }, { evolution: 0.4, visibility: 0.7 });
		expect(ed.map.areas[1]).toMatchObject({ id: other, from: { evolution: 0.2, visibility: 0.9 }, to: { evolution: 0.4, visibility: 0.7 } });
		expect(ed.selection).toEqual([{ collection: 'areas', id: other }]);
	});

	it('rewrites what a component needs in one undo step', () => {
		const { ed } = setup();
		const a = ed.addComponentAt({ evolution: 0.5, visibility: 0.9 }, { name: 'A' });
		const b = ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'B' });
		const c = ed.addComponentAt({ evolution: 0.5, visibility: 0.2 }, { name: 'C' });
		const ab = ed.link(a, b)!;
		ed.setNeeds(a, { remove: [ab], add: [c] });
		expect(ed.map.links.map((l) => [l.from, l.to])).toEqual([[a, c]]);
		ed.undo.undo();
		expect(ed.map.links.map((l) => [l.from, l.to])).toEqual([[a, b]]);
	});

	it('renumbers an annotation', () => {
		const { ed } = setup();
		const id = ed.addAnnotationAt({ evolution: 0.5, visibility: 0.5 }, 'Why');
		ed.renumberAnnotation(id, 4);
		expect(ed.map.annotations[0]).toMatchObject({ number: 4, text: 'Why' });
	});

	it('tells its own drag\'s writes from everyone else\'s', () => {
		const { doc, ed, tick } = setup();
		const id = ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'A' });
		const drag: boolean[] = [];
		doc.on('update', (_u: Uint8Array, origin: unknown) => drag.push(ed.isDragWrite(origin)));
		ed.beginDrag({ collection: 'components', id });
		tick(DRAG_WRITE_INTERVAL);
		ed.dragBy(0.1, 0);
		addComponent(doc, { name: 'Theirs' }, { user: 'someone else' });
		ed.endDrag();
		ed.nudgeSelection(1, 0);
		expect(drag).toEqual([true, false, false]);
	});
});

describe('what the facilitator allows', () => {
	const workshop = (w: Partial<WorkshopState>): WorkshopState => ({ mapLocked: false, locked: [], lockedBy: {}, tools: null, timer: null, summon: null, ...w });
	const cases: [string, Facilitation | null, ToolKind, string | undefined, string | null][] = [
		['anything, outside a workshop', null, 'delete', 'x', null],
		['a facilitator anything, even on a locked map', { role: 'facilitator', workshop: () => workshop({ mapLocked: true }) }, 'move', 'x', null],
		['a participant an allowed tool', { role: 'participant', workshop: () => workshop({ tools: ['move'] }) }, 'move', 'x', null],
		['no locked element', { role: 'participant', workshop: () => workshop({ locked: ['x'] }) }, 'edit', 'x', 'Locked by the facilitator.'],
		['no element locked by someone named, saying who', { role: 'participant', workshop: () => workshop({ locked: ['x'], lockedBy: { x: 'Sam' } }) }, 'move', 'x', 'Locked by Sam (facilitator).'],
		['nothing on a locked map, whichever element', { role: 'participant', workshop: () => workshop({ mapLocked: true, locked: ['x'] }) }, 'edit', 'x', 'The facilitator has locked the map.'],
		['other elements than the locked', { role: 'participant', workshop: () => workshop({ locked: ['x'] }) }, 'edit', 'y', null],
		['nothing on a locked map', { role: 'participant', workshop: () => workshop({ mapLocked: true }) }, 'add', undefined, 'The facilitator has locked the map.'],
		['no tool turned off', { role: 'participant', workshop: () => workshop({ tools: ['move'] }) }, 'link', undefined, 'The facilitator has not allowed “link” for now.']
	];
	it.each(cases)('allows %s', (_what, facilitation, kind, id, expected) => {
		const doc = new Y.Doc();
		initMap(doc);
		expect(new EditorController(doc, { facilitation }).refusal(kind, id)).toBe(expected);
	});
});

describe('text this person wrote', () => {
	it('is told to the page field by field, named as a person would say it', () => {
		const doc = new Y.Doc();
		initMap(doc);
		const written: { what: string; text: string }[] = [];
		const ed = new EditorController(doc, { facilitation: { role: 'participant', workshop: () => readWorkshop(doc), wroteText: (t) => void written.push(t) } });
		const id = ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'Payments' });
		ed.setComponentFields(id, { supplier: 'Acme', evolution: 0.6, componentType: 'crm' });
		ed.rename({ collection: 'components', id }, 'Payments hub');
		ed.setComponentFields(id, { submapUrl: 'https://example.org/m' });
		expect(written).toEqual([
			{ what: 'the supplier of “Payments”', text: 'Acme' },
			{ what: 'the name of “Payments”', text: 'Payments hub' },
			{ what: 'the submap link of “Payments hub”', text: 'https://example.org/m' }
		]);
	});
});

// Table-driven tests of every model command and of readSnapshot.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ModelError,
	SCHEMA_VERSION,
	addAccelerator,
	addAnnotation,
	addArea,
	addComponent,
	addEvolve,
	addLink,
	addNote,
	addPipeline,
	deleteComponent,
	deleteElements,
	deleteEvolve,
	deleteLink,
	deletePipeline,
	elementRef,
	initMap,
	loadSnapshot,
	migrate,
	moveComponent,
	readSnapshot,
	renameComponent,
	setMeta,
	updateAccelerator,
	updateAnnotation,
	updateArea,
	updateComponent,
	updateEvolve,
	updateLink,
	updateNote,
	updatePipeline,
	type MapSnapshot
} from '../../../src/lib/map/index.js';

function fresh(): Y.Doc {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Test' });
	return doc;
}

function stripIds(map: MapSnapshot) {
	return JSON.parse(JSON.stringify(map));
}

describe('initMap and setMeta', () => {
	it('stamps the schema version and defaults', () => {
		const s = readSnapshot(fresh());
		expect(s.schemaVersion).toBe(SCHEMA_VERSION);
		expect(s.title).toBe('Test');
		expect(s.evolutionLabels).toEqual(['Genesis', 'Custom-built', 'Product (+rental)', 'Commodity (+utility)']);
		expect(s.valueChainLabels).toEqual({ axis: 'Value Chain', top: 'Visible', bottom: 'Invisible' });
		expect(s.components).toEqual([]);
	});

	const metaCases: [string, Parameters<typeof setMeta>[1], Partial<MapSnapshot>][] = [
		['title', { title: 'Revenues' }, { title: 'Revenues' }],
		['style', { style: 'wardley' }, { style: 'wardley' }],
		['size', { size: { width: 1100, height: 700 } }, { size: { width: 1100, height: 700 } }],
		['stage labels', { evolutionLabels: ['a', 'b', '', 'd'] }, { evolutionLabels: ['a', 'b', '', 'd'] }],
		['hide axes', { hideEvolution: true, hideValueChain: true }, { hideEvolution: true, hideValueChain: true }],
		['annotations legend', { annotationsAt: { evolution: 0.1, visibility: 0.9 } }, { annotationsAt: { evolution: 0.1, visibility: 0.9 } }],
		['value chain labels', { valueChainLabels: { axis: 'Need', top: 'Users', bottom: 'Plumbing' } }, { valueChainLabels: { axis: 'Need', top: 'Users', bottom: 'Plumbing' } }]
	];
	it.each(metaCases)('sets %s', (_name, patch, expected) => {
		const doc = fresh();
		setMeta(doc, patch);
		expect(readSnapshot(doc)).toMatchObject(expected);
	});

	it.each([
		['three stage labels', { evolutionLabels: ['a', 'b', 'c'] as unknown as [string, string, string, string] }],
		['NaN width', { size: { width: NaN, height: 1 } }],
		['non-text title', { title: 5 as unknown as string }]
	])('refuses %s', (_name, patch) => {
		expect(() => setMeta(fresh(), patch)).toThrow(ModelError);
	});
});

describe('component commands', () => {
	it('adds with defaults and every field', () => {
		const doc = fresh();
		const a = addComponent(doc, { name: 'Plain' });
		const b = addComponent(doc, {
			name: 'Full',
			kind: 'anchor',
			evolution: 0.3,
			visibility: 0.95,
			label: { x: -10, y: 4 },
			inertia: true,
			decorators: { buy: true, market: true },
			componentType: 'crm',
			product: 'Dynamics 365',
			supplier: 'Microsoft',
			lifecycle: 'live',
			notes: 'renewal 2027',
			predecessors: ['Old CRM']
		});
		const [pa, pb] = readSnapshot(doc).components;
		expect(pa).toMatchObject({ id: a, name: 'Plain', kind: 'component', evolution: 0.5, visibility: 0.5, label: null, inertia: false, pipelineId: null, lifecycle: '' });
		expect(pb).toMatchObject({
			id: b,
			kind: 'anchor',
			label: { x: -10, y: 4 },
			inertia: true,
			decorators: { build: false, buy: true, outsource: false, market: true, ecosystem: false },
			componentType: 'crm',
			product: 'Dynamics 365',
			supplier: 'Microsoft',
			lifecycle: 'live',
			notes: 'renewal 2027',
			predecessors: ['Old CRM']
		});
		expect(pb.order).toBeGreaterThan(pa.order);
	});

	const updates: [string, (doc: Y.Doc, id: ReturnType<typeof addComponent>) => void, object][] = [
		['move', (doc, id) => moveComponent(doc, id, { evolution: 0.9, visibility: 0.1 }), { evolution: 0.9, visibility: 0.1 }],
		['rename', (doc, id) => renameComponent(doc, id, 'Renamed'), { name: 'Renamed' }],
		['clear label', (doc, id) => updateComponent(doc, id, { label: null }), { label: null }],
		['set inertia', (doc, id) => updateComponent(doc, id, { inertia: true }), { inertia: true }],
		['set sourcing', (doc, id) => updateComponent(doc, id, { decorators: { outsource: true } }), { decorators: { build: false, buy: false, outsource: true, market: false, ecosystem: false } }],
		['council fields', (doc, id) => updateComponent(doc, id, { supplier: 'Capita', product: 'Academy' }), { supplier: 'Capita', product: 'Academy' }]
	];
	it.each(updates)('%s', (_name, run, expected) => {
		const doc = fresh();
		const id = addComponent(doc, { name: 'C', label: { x: 1, y: 2 } });
		run(doc, id);
		expect(readSnapshot(doc).components[0]).toMatchObject(expected);
	});

	it.each([
		['a name too long', { name: 'x'.repeat(501) }],
		['a non-finite evolution', { name: 'x', evolution: Infinity }],
		['an unknown field', { name: 'x', colour: 'red' } as never],
		['an unknown pipeline', { name: 'x', pipelineId: 'nope' } as never]
	])('refuses %s and writes nothing', (_name, input) => {
		const doc = fresh();
		expect(() => addComponent(doc, input)).toThrow(ModelError);
		expect(readSnapshot(doc).components).toEqual([]);
	});

	it('refuses to update a component that does not exist', () => {
		expect(() => renameComponent(fresh(), 'missing' as never, 'x')).toThrow(/no component/);
	});

	it('keeps <script> in a name as plain text', () => {
		const doc = fresh();
		addComponent(doc, { name: '</text><script>alert(1)</script>' });
		expect(readSnapshot(doc).components[0].name).toBe('</text><script>alert(1)</script>');
	});
});

describe('links, evolves, pipelines', () => {
	it('links components and evolved copies, refusing self and unknown ends', () => {
		const doc = fresh();
		const a = addComponent(doc, { name: 'A' });
		const b = addComponent(doc, { name: 'B' });
		const e = addEvolve(doc, { componentId: b, evolution: 0.8, name: 'B2' });
		const l1 = addLink(doc, { from: a, to: b, context: 'limited by' });
		const l2 = addLink(doc, { from: a, to: e, flow: 'both', flowLabel: '£5' });
		expect(readSnapshot(doc).links).toMatchObject([
			{ id: l1, from: a, to: b, context: 'limited by', flow: null },
			{ id: l2, from: a, to: e, flow: 'both', flowLabel: '£5' }
		]);
		expect(readSnapshot(doc).links.filter((l) => l.from === l.to)).toEqual([]);
		const self = addLink(doc, { from: a, to: a }); // an imported A->A is kept (issue 21)
		expect(readSnapshot(doc).links.filter((l) => l.from === l.to).map((l) => l.id)).toEqual([self]);
		expect(() => addLink(doc, { from: a, to: 'zzz' as never })).toThrow(ModelError);
		updateLink(doc, l1, { context: '' , flow: 'forward' });
		expect(readSnapshot(doc).links[0]).toMatchObject({ context: '', flow: 'forward' });
		deleteLink(doc, l1);
		expect(readSnapshot(doc).links.map((l) => l.id).sort()).toEqual([l2, self].sort());
		deleteEvolve(doc, e);
		expect(readSnapshot(doc).links.map((l) => l.id)).toEqual([self]);
	});

	it('updates evolves and pipelines', () => {
		const doc = fresh();
		const a = addComponent(doc, { name: 'A', visibility: 0.6 });
		const e = addEvolve(doc, { componentId: a, evolution: 0.7 });
		updateEvolve(doc, e, { evolution: 0.75, label: { x: 3, y: 3 }, decorators: { buy: true } });
		expect(readSnapshot(doc).evolves[0]).toMatchObject({ componentId: a, evolution: 0.75, name: '', label: { x: 3, y: 3 }, decorators: { buy: true } });
		const p = addPipeline(doc, { componentId: a, start: 0.2, end: 0.8 });
		updatePipeline(doc, p, { start: null, end: null });
		const child = addComponent(doc, { name: 'Child', evolution: 0.3, visibility: 0.1, pipelineId: p });
		const s = readSnapshot(doc);
		expect(s.pipelines[0]).toMatchObject({ componentId: a, start: null, end: null });
		// A pipeline child sits at its parent's visibility.
		expect(s.components.find((c) => c.id === child)).toMatchObject({ pipelineId: p, visibility: 0.6 });
		moveComponent(doc, a, { evolution: 0.5, visibility: 0.4 });
		expect(readSnapshot(doc).components.find((c) => c.id === child)!.visibility).toBe(0.4);
		deletePipeline(doc, p);
		expect(readSnapshot(doc).components.find((c) => c.id === child)).toMatchObject({ pipelineId: null, visibility: 0.4 });
	});
});

describe('notes, annotations, areas, accelerators', () => {
	it('adds and updates each', () => {
		const doc = fresh();
		const n = addNote(doc, { text: '+shared', evolution: 0.5, visibility: 0.3 });
		updateNote(doc, n, { text: 'shared by 3' });
		const an = addAnnotation(doc, { number: 1, text: 'Contract ends', positions: [{ evolution: 0.5, visibility: 0.6 }, { evolution: 0.2, visibility: 0.4 }] });
		updateAnnotation(doc, an, { number: 2 });
		const ar = addArea(doc, { kind: 'pioneers', from: { evolution: 0.1, visibility: 0.9 }, to: { evolution: 0.3, visibility: 0.7 } });
		updateArea(doc, ar, { kind: 'settlers' });
		const ac = addAccelerator(doc, { kind: 'deaccelerator', name: 'Procurement', evolution: 0.5, visibility: 0.5 });
		updateAccelerator(doc, ac, { name: 'Procurement cycle' });
		const s = readSnapshot(doc);
		expect(s.notes[0]).toMatchObject({ text: 'shared by 3', evolution: 0.5, visibility: 0.3 });
		expect(s.annotations[0]).toMatchObject({ number: 2, text: 'Contract ends', positions: [{ evolution: 0.5, visibility: 0.6 }, { evolution: 0.2, visibility: 0.4 }] });
		expect(s.areas[0]).toMatchObject({ kind: 'settlers', from: { evolution: 0.1, visibility: 0.9 } });
		expect(s.accelerators[0]).toMatchObject({ kind: 'deaccelerator', name: 'Procurement cycle' });
		expect(() => addAnnotation(doc, { number: 3, positions: [] })).toThrow(/position/);
		deleteElements(doc, [{ collection: 'notes', id: n }, { collection: 'annotations', id: an }, { collection: 'areas', id: ar }, { collection: 'accelerators', id: ac }]);
		const empty = readSnapshot(doc);
		expect([empty.notes, empty.annotations, empty.areas, empty.accelerators]).toEqual([[], [], [], []]);
	});
});

describe('deleting', () => {
	it('removes a component with its links, evolves and pipelines, freeing pipeline children', () => {
		const doc = fresh();
		const a = addComponent(doc, { name: 'A', visibility: 0.7 });
		const b = addComponent(doc, { name: 'B' });
		const c = addComponent(doc, { name: 'C' });
		const e = addEvolve(doc, { componentId: a, evolution: 0.9 });
		addLink(doc, { from: b, to: a });
		addLink(doc, { from: c, to: e });
		const keep = addLink(doc, { from: b, to: c });
		const p = addPipeline(doc, { componentId: a });
		const child = addComponent(doc, { name: 'Child', pipelineId: p });
		deleteComponent(doc, a);
		const s = readSnapshot(doc);
		expect(s.components.map((x) => x.name)).toEqual(['B', 'C', 'Child']);
		expect(s.links.map((l) => l.id)).toEqual([keep]);
		expect(s.evolves).toEqual([]);
		expect(s.pipelines).toEqual([]);
		expect(s.components.find((x) => x.id === child)).toMatchObject({ pipelineId: null, visibility: 0.7 });
	});

	it('deletes a selection in one transaction and ignores ids already gone', () => {
		const doc = fresh();
		const a = addComponent(doc, { name: 'A' });
		const b = addComponent(doc, { name: 'B' });
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		deleteElements(doc, [{ collection: 'components', id: a }, { collection: 'components', id: b }, elementRef('components', 'gone')]);
		expect(transactions).toBe(1);
		expect(readSnapshot(doc).components).toEqual([]);
	});
});

describe('readSnapshot', () => {
	it('is frozen, shares unchanged elements and drops dangling references', () => {
		const doc = fresh();
		const a = addComponent(doc, { name: 'A' });
		const b = addComponent(doc, { name: 'B' });
		addLink(doc, { from: a, to: b });
		const s1 = readSnapshot(doc);
		expect(Object.isFrozen(s1)).toBe(true);
		expect(Object.isFrozen(s1.components[0])).toBe(true);
		expect(readSnapshot(doc)).toBe(s1);
		moveComponent(doc, a, { evolution: 0.1, visibility: 0.1 });
		const s2 = readSnapshot(doc);
		expect(s2).not.toBe(s1);
		expect(s2.components[1]).toBe(s1.components[1]);
		// A link whose end vanished (as a concurrent delete can leave) is not shown.
		doc.getMap('components').delete(b);
		expect(readSnapshot(doc).links).toEqual([]);
	});

	it('round-trips through loadSnapshot into a new document', () => {
		const doc = fresh();
		const a = addComponent(doc, { name: 'A', decorators: { build: true }, label: { x: 1, y: 1 } });
		const b = addComponent(doc, { name: 'B' });
		addLink(doc, { from: a, to: b, flow: 'forward' });
		addEvolve(doc, { componentId: b, evolution: 0.9 });
		addNote(doc, { text: 'n', evolution: 0.1, visibility: 0.1 });
		setMeta(doc, { style: 'wardley', annotationsAt: { evolution: 0.2, visibility: 0.2 } });
		const copy = new Y.Doc();
		loadSnapshot(copy, readSnapshot(doc));
		expect(stripIds(readSnapshot(copy))).toEqual(stripIds(readSnapshot(doc)));
	});
});

describe('migrate', () => {
	it('stamps an empty doc, leaves a current one alone and refuses a newer one', () => {
		const doc = new Y.Doc();
		expect(migrate(doc)).toBe(true);
		expect(migrate(doc)).toBe(false);
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		expect(() => migrate(doc)).toThrow(/newer/);
	});
});

describe('positions', () => {
	it('keep a point as one field, so one person’s moves leave one tombstone, not one per move', () => {
		const doc = fresh();
		const id = addComponent(doc, { name: 'Hosting', evolution: 0.5, visibility: 0.5 });
		const note = addNote(doc, { text: 'n', evolution: 0.1, visibility: 0.2 });
		const acc = addAccelerator(doc, { kind: 'accelerator', name: 'a', evolution: 0.3, visibility: 0.4 });
		const before = Y.encodeStateAsUpdate(doc).length;
		// One element at a time, as a drag of one element writes: its overwritten values have
		// consecutive clocks and merge. (Elements written in turn, as a drag of a multiple selection
		// writes them, keep one tombstone per element per write, as two keys per element always did.)
		for (let i = 1; i <= 1000; i++) moveComponent(doc, id, { evolution: i / 2000, visibility: 1 - i / 2000 });
		for (let i = 1; i <= 1000; i++) updateNote(doc, note, { evolution: i / 4000 });
		for (let i = 1; i <= 1000; i++) updateAccelerator(doc, acc, { visibility: i / 4000 });
		// Two keys written in turn cost ~18 bytes a move for good (Yjs cannot merge their tombstones).
		expect(Y.encodeStateAsUpdate(doc).length - before).toBeLessThan(200);
		const s = readSnapshot(doc);
		expect(s.components[0]).toMatchObject({ evolution: 0.5, visibility: 0.5 });
		expect(s.notes[0]).toMatchObject({ evolution: 0.25, visibility: 0.2 });
		expect(s.accelerators[0]).toMatchObject({ evolution: 0.3, visibility: 0.25 });
		expect([...doc.getMap<Y.Map<unknown>>('components').get(id)!.keys()].filter((k) => k === 'evolution' || k === 'visibility')).toEqual([]);
	});

	it('read documents from before `at` (two fields) and rewrite them as `at` on the first move', () => {
		const doc = fresh();
		const id = addComponent(doc, { name: 'Old', evolution: 0.5, visibility: 0.5 });
		const stored = doc.getMap<Y.Map<unknown>>('components').get(id)!;
		// As an older version stored it.
		doc.transact(() => {
			stored.delete('at');
			stored.set('evolution', 0.3);
			stored.set('visibility', 0.7);
		});
		expect(readSnapshot(doc).components[0]).toMatchObject({ evolution: 0.3, visibility: 0.7 });
		updateComponent(doc, id, { evolution: 0.4 });
		expect(readSnapshot(doc).components[0]).toMatchObject({ evolution: 0.4, visibility: 0.7 });
		expect(stored.get('at')).toEqual([0.4, 0.7]);
		expect(stored.has('evolution') || stored.has('visibility')).toBe(false);
	});

	it('converge when two people move the same component at once (one move wins, whole)', () => {
		const a = fresh();
		const id = addComponent(a, { name: 'Shared', evolution: 0.5, visibility: 0.5 });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		moveComponent(a, id, { evolution: 0.1, visibility: 0.2 });
		moveComponent(b, id as never, { evolution: 0.8, visibility: 0.9 });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const pa = readSnapshot(a).components[0];
		expect(readSnapshot(b).components[0]).toEqual(pa);
		expect([[0.1, 0.2], [0.8, 0.9]]).toContainEqual([pa.evolution, pa.visibility]);
	});
});

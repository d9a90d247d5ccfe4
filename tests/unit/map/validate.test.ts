// validateSnapshot and loadSnapshot's refusal: a snapshot with anything wrong writes nothing, and
// the error names the element at fault.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	SnapshotError,
	addComponent,
	addEvolve,
	initMap,
	loadSnapshot,
	readSnapshot,
	restoreSnapshot,
	validateSnapshot,
	type CollectionName,
	type MapSnapshot
} from '../../../src/lib/map/index.js';
import { everyElement } from '../render/fixtures.js';

type Plain = Record<string, unknown>;
/** A snapshot as plain, writable data, to break. */
type Draft = { -readonly [K in keyof MapSnapshot]: K extends CollectionName ? Plain[] : unknown };
type Edit = (map: Draft) => unknown;
const base = everyElement();
const edited = (edit: Edit): MapSnapshot => {
	const map = structuredClone(base) as unknown as Draft;
	edit(map);
	return map as unknown as MapSnapshot;
};

describe('loadSnapshot refuses a snapshot with anything wrong, writing nothing', () => {
	const last = base.components.length - 1;
	const kettle = base.components[last];
	it.each<[string, Edit, RegExp]>([
		['a bad value in the last component', (m) => (m.components[last].evolution = 'far'), new RegExp(`component “${kettle.name}” \\(components\\[${last}\\], id ${kettle.id}\\): evolution must be a finite number`)],
		['a kind not in the list', (m) => (m.components[0].kind = 'castle'), /components\[0\].*kind must be one of component, anchor, submap/],
		['a lifecycle not in the list', (m) => (m.components[1].lifecycle = 'zombie'), /components\[1\].*lifecycle must be one of '', planned/],
		['a field the model does not have', (m) => (m.notes[0].colour = 'red'), /notes\[0\].*unknown field colour/],
		['a malformed id', (m) => (m.areas[0].id = '../etc'), /areas\[0\].*missing or malformed id/],
		['an id used twice', (m) => (m.notes[0].id = m.components[0].id), /notes\[0\].*repeats the id of a component/],
		['a link to nothing', (m) => (m.links[0].to = 'nothing12345'), /links\[0\].*to nothing12345 is not a component or evolve on the map/],
		['an evolve of nothing', (m) => (m.evolves[0].componentId = 'nothing12345'), /evolves\[0\].*componentId nothing12345 is not a component on the map/],
		['an annotation with no position', (m) => (m.annotations[0].positions = []), /annotations\[0\].*at least one position/],
		['a style not in the list', (m) => (m.style = 'neon'), /map settings: style must be one of plain/],
		['three stage labels', (m) => (m.evolutionLabels = ['a', 'b', 'c']), /4 stage labels/],
		['a newer schema', (m) => (m.schemaVersion = 99), /schema version 99 is newer/]
	])('%s', (_name, edit, message) => {
		const doc = new Y.Doc();
		initMap(doc, { title: 'Before' });
		addComponent(doc, { name: 'Already here' });
		const before = Y.encodeStateAsUpdate(doc);
		const snapshot = edited(edit);
		expect(() => loadSnapshot(doc, snapshot)).toThrow(SnapshotError);
		expect(() => loadSnapshot(doc, snapshot)).toThrow(message);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('lists every problem, not only the first', () => {
		const snapshot = edited((m) => {
			m.components[0].name = 42;
			m.notes[0].text = null;
			m.links[0].from = 'nothing12345';
		});
		const problems = validateSnapshot(snapshot);
		expect(problems.map((p) => [p.collection, p.index, p.field, p.kind])).toEqual([
			['components', 0, 'name', 'value'],
			['notes', 0, 'text', 'value'],
			['links', 0, 'from', 'reference']
		]);
		expect(() => loadSnapshot(new Y.Doc(), snapshot)).toThrow(/\(and 2 more problems\)$/);
	});

	it('accepts references to elements already in the document', () => {
		const doc = new Y.Doc();
		initMap(doc);
		const a = addComponent(doc, { name: 'A' });
		const e = addEvolve(doc, { componentId: a, evolution: 0.8 });
		const part = { ...base, components: [], evolves: [], pipelines: [], links: [{ id: 'l1', from: e, to: a, context: '', flow: null, flowLabel: '', order: 1 }] } as unknown as MapSnapshot;
		expect(validateSnapshot(part).map((p) => p.field)).toEqual(['from', 'to']);
		loadSnapshot(doc, part);
		expect(readSnapshot(doc).links.map((l) => [l.from, l.to])).toEqual([[e, a]]);
	});

	it('accepts every snapshot readSnapshot gives', () => {
		expect(validateSnapshot(base)).toEqual([]);
		const doc = new Y.Doc();
		loadSnapshot(doc, base);
		expect(validateSnapshot(readSnapshot(doc))).toEqual([]);
	});
});

describe('restoreSnapshot', () => {
	it('refuses a snapshot that is not valid on its own and changes nothing', () => {
		const doc = new Y.Doc();
		loadSnapshot(doc, base);
		const before = Y.encodeStateAsUpdate(doc);
		const saved = edited((m) => (m.links[0].to = 'nothing12345'));
		expect(() => restoreSnapshot(doc, saved, 'restore')).toThrow(/links\[0\]/);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});
});

// TextSync: the text view's state against real Y.Docs — edits become minimal commands, errors keep
// the map, remote changes replace an idle text and merge into an edit in progress, undo per user.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { moveComponent, readSnapshot, type ComponentId } from '../../../src/lib/map/index.js';
import { parseOwm, reconcile } from '../../../src/lib/formats/owm/index.js';
import { EditorController } from '../../../src/lib/editor/controller.js';
import { TextSync } from '../../../src/lib/editor/text-sync.js';

const TEXT = `title Tea
component Cup [0.8, 0.6]
component Water [0.6, 0.5]
component Kettle [0.4, 0.3]
Cup->Water
Water->Kettle`;

function setup() {
	const doc = new Y.Doc();
	reconcile(doc, parseOwm(TEXT).map, 'load');
	const ed = new EditorController(doc, { origin: { user: 'me' } });
	const sync = new TextSync(ed);
	const id = (name: string) => readSnapshot(doc).components.find((c) => c.name === name)!.id;
	return { doc, undo: ed.undo, sync, id };
}

function transactions(doc: Y.Doc): { count: number; fields: string[] } {
	const seen = { count: 0, fields: [] as string[] };
	doc.on('afterTransaction', (tr: Y.Transaction) => {
		if (tr.changed.size === 0) return;
		seen.count++;
		for (const [type, keys] of tr.changed) for (const k of keys) if (k !== null && type._item !== null) seen.fields.push(k); // fields of elements, not collections
	});
	return seen;
}

describe('TextSync', () => {
	it('starts with the print of the map', () => {
		const { sync } = setup();
		expect(sync.text).toContain('component Water [0.6, 0.5]');
		expect(sync.dirty).toBe(false);
	});

	it('applies one changed coordinate as one field write, undoable by this user', () => {
		const { doc, sync, undo, id } = setup();
		const before = readSnapshot(doc);
		const seen = transactions(doc);
		sync.edit(sync.text.replace('component Water [0.6, 0.5]', 'component Water [0.6, 0.9]'));
		expect(sync.apply()).toBeNull();
		expect(seen.count).toBe(1);
		// A position is one stored field (`at`, [evolution, visibility]): see src/lib/map/schema.ts.
		expect(seen.fields).toEqual(['at']);
		const after = readSnapshot(doc);
		expect(after.components.find((c) => c.id === id('Water'))!.evolution).toBe(0.9);
		for (const c of before.components.filter((c) => c.name !== 'Water')) expect(after.components.find((x) => x.id === c.id)).toBe(c);
		undo.undo();
		expect(readSnapshot(doc).components.find((c) => c.name === 'Water')!.evolution).toBe(0.5);
	});

	it('keeps the map on a syntax error and reports its line', () => {
		const { doc, sync } = setup();
		const before = readSnapshot(doc);
		sync.edit(sync.text.replace('component Kettle [0.4, 0.3]', 'component Kettle [0.4, oops]'));
		sync.apply();
		expect(sync.errors.map((e) => e.line)).toEqual([sync.text.split('\n').findIndex((l) => l.includes('oops')) + 1]);
		expect(sync.errors[0].line).toBe(5);
		expect(sync.dirty).toBe(true);
		expect(readSnapshot(doc)).toBe(before);
		// The error stays while others change the map; the text is not overwritten.
		moveComponent(doc, before.components[0].id as ComponentId, { evolution: 0.7, visibility: 0.8 }, 'remote');
		expect(sync.mapChanged(readSnapshot(doc))).toBeNull();
		expect(sync.text).toContain('oops');
		const revert = sync.revert();
		expect(revert.text).toContain('component Cup [0.8, 0.7]');
		expect(sync.dirty).toBe(false);
	});

	it('shows the fresh print when idle, and merges remote changes into an edit in progress', () => {
		const { doc, sync, id } = setup();
		moveComponent(doc, id('Cup'), { evolution: 0.65, visibility: 0.8 }, 'remote');
		expect(sync.mapChanged(readSnapshot(doc))!.text).toContain('component Cup [0.8, 0.65]');
		// The user starts typing; someone moves Kettle meanwhile.
		sync.edit(sync.text.replace('Water [0.6, 0.5]', 'Water [0.6, 0.55]'));
		moveComponent(doc, id('Kettle'), { evolution: 0.45, visibility: 0.3 }, 'remote');
		expect(sync.mapChanged(readSnapshot(doc))).toBeNull();
		const change = sync.apply();
		expect(change!.text).toContain('component Kettle [0.3, 0.45]');
		const map = readSnapshot(doc);
		expect(map.components.find((c) => c.name === 'Water')!.evolution).toBe(0.55);
		expect(map.components.find((c) => c.name === 'Kettle')!.evolution).toBe(0.45);
	});

	it('adds a typed component without disturbing the others', () => {
		const { doc, sync } = setup();
		sync.edit(`${sync.text}\ncomponent Gas [0.2, 0.9]\nKettle->Gas`);
		sync.apply();
		const map = readSnapshot(doc);
		expect(map.components.map((c) => c.name)).toEqual(['Cup', 'Water', 'Kettle', 'Gas']);
		expect(map.links).toHaveLength(3);
		// Nothing changed since: settling keeps an equivalent text (the canonical print).
		const settled = sync.settle();
		expect(settled === null || parseOwm(settled.text).errors.length === 0).toBe(true);
	});
});

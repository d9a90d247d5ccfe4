// docs/map.schema.json describes exactly what readSnapshot returns: every property of every
// element kind is in the schema, required, and nothing else is.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { addAccelerator, addAnnotation, addArea, addComponent, addEvolve, addLink, addNote, addPipeline, initMap, readSnapshot } from '../../../src/lib/map/index.js';

const schema = JSON.parse(readFileSync('docs/map.schema.json', 'utf8'));

describe('map JSON schema', () => {
	it('lists exactly the snapshot fields, top level and per element', () => {
		const doc = new Y.Doc();
		initMap(doc);
		const a = addComponent(doc, { name: 'A' });
		const b = addComponent(doc, { name: 'B' });
		addLink(doc, { from: a, to: b });
		addEvolve(doc, { componentId: a, evolution: 0.9 });
		addPipeline(doc, { componentId: b });
		addNote(doc, { text: 'n', evolution: 0, visibility: 0 });
		addAnnotation(doc, { number: 1, positions: [{ evolution: 0, visibility: 0 }] });
		addArea(doc, { kind: 'pioneers', from: { evolution: 0, visibility: 1 }, to: { evolution: 0.2, visibility: 0.8 } });
		addAccelerator(doc, { kind: 'accelerator', name: 'x', evolution: 0, visibility: 0 });
		const s = readSnapshot(doc) as unknown as Record<string, unknown>;
		expect(Object.keys(s).sort()).toEqual([...schema.required].sort());
		for (const key of ['components', 'links', 'evolves', 'pipelines', 'notes', 'annotations', 'areas', 'accelerators']) {
			const element = (s[key] as Record<string, unknown>[])[0];
			// Optional fields (a label's pin) are left out when off: JSON never carries an undefined.
			const present = Object.keys(element).filter((k) => element[k] !== undefined);
			expect(present.sort(), key).toEqual([...schema.properties[key].items.required].sort());
			for (const k of Object.keys(element)) expect(Object.keys(schema.properties[key].items.properties), key).toContain(k);
		}
	});
});

describe('emptySnapshot', () => {
	it('equals what a new document reads as', async () => {
		const { emptySnapshot } = await import('../../../src/lib/map/index.js');
		const doc = new Y.Doc();
		initMap(doc, { title: 'T' });
		expect(emptySnapshot({ title: 'T' })).toEqual(JSON.parse(JSON.stringify(readSnapshot(doc))));
	});
});

// printOwm keeps Stackmap's own `// stackmap:` lines out of the map's body: one trailer at the end.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, addLink, initMap, readSnapshot, setMeta } from '../../../../src/lib/map/index.js';
import { parseOwm, printOwm } from '../../../../src/lib/formats/owm/index.js';

function council() {
	const doc = new Y.Doc();
	initMap(doc);
	setMeta(doc, { title: 'Revenues', description: 'Draft for the LGR board' });
	const crm = addComponent(doc, { name: 'CRM', evolution: 0.6, visibility: 0.55, product: 'Dynamics 365', supplier: 'Microsoft' });
	const db = addComponent(doc, { name: 'Database', evolution: 0.8, visibility: 0.3, supplier: 'Oracle' });
	addComponent(doc, { name: 'Hosting', evolution: 0.9, visibility: 0.1 });
	addLink(doc, { from: crm, to: db });
	return readSnapshot(doc);
}

describe('printOwm trailer', () => {
	it('writes every stackmap line after the map, none between its lines', () => {
		const lines = printOwm(council()).trimEnd().split('\n');
		const first = lines.findIndex((l) => l.startsWith('// stackmap:'));
		expect(first).toBeGreaterThan(lines.findIndex((l) => l === 'CRM->Database'));
		expect(lines.slice(first).every((l) => l.startsWith('// stackmap:'))).toBe(true);
		expect(lines.slice(first)).toHaveLength(3);
		expect(lines[first - 1]).toBe('');
	});

	it('still round-trips council and map fields', () => {
		const back = parseOwm(printOwm(council()));
		expect(back.errors).toEqual([]);
		expect(back.map.description).toBe('Draft for the LGR board');
		expect(back.map.components.find((c) => c.name === 'CRM')).toMatchObject({ product: 'Dynamics 365', supplier: 'Microsoft' });
		expect(back.map.components.find((c) => c.name === 'Database')).toMatchObject({ supplier: 'Oracle' });
	});

	it('keeps the comment under each component when a name is used twice', () => {
		const doc = new Y.Doc();
		initMap(doc);
		addComponent(doc, { name: 'Portal', evolution: 0.3, visibility: 0.8, supplier: 'A' });
		addComponent(doc, { name: 'Portal', evolution: 0.7, visibility: 0.4, supplier: 'B' });
		const back = parseOwm(printOwm(readSnapshot(doc)));
		expect(back.map.components.map((c) => c.supplier)).toEqual(['A', 'B']);
	});
});

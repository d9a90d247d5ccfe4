import { describe, expect, it } from 'vitest';
import { buildSnapshot, makeComponent, makeEvolve, NO_REDACTION, redactSnapshot, SEED_COUNCILS, seedCouncilMaps, VOCABULARY } from '../../../src/lib/catalogue/index.js';
import type { ComponentId } from '../../../src/lib/map/index.js';

const map = buildSnapshot(
	{ title: 'T', description: 'D' },
	{
		components: [
			makeComponent({ id: 'a' as ComponentId, name: 'Civica OpenRevenues', componentType: 'revs-bens', product: 'OpenRevenues', supplier: 'Civica', notes: 'ends 2027', predecessors: ['Hale: Academy'] }, 1),
			makeComponent({ id: 'b' as ComponentId, name: 'Jadu CXM', componentType: 'crm', product: 'Jadu CXM', supplier: 'Jadu' }, 2),
			makeComponent({ id: 'c' as ComponentId, name: 'Verint', componentType: 'crm', product: 'Verint', supplier: 'Verint' }, 3),
			makeComponent({ id: 'd' as ComponentId, name: 'Old Access DB', product: 'Access', supplier: 'Microsoft' }, 4),
			makeComponent({ id: 'e' as ComponentId, kind: 'anchor', name: 'Pay council tax', notes: 'ESD 1' }, 5)
		],
		evolves: [{ ...makeEvolve('a' as ComponentId, 0.8, 1), name: 'OpenRevenues cloud' }]
	}
);

describe('redactSnapshot', () => {
	it('returns the map itself when nothing is withheld', () => {
		expect(redactSnapshot(map, NO_REDACTION, VOCABULARY)).toBe(map);
	});

	it.each([
		[{ products: true, suppliers: false, notes: false }, ['Revenues & benefits', 'Corporate CRM / customer case management', 'Corporate CRM / customer case management (2)', 'Old Access DB', 'Pay council tax'], ['', '', '', '', ''], ['Civica', 'Jadu', 'Verint', 'Microsoft', '']],
		[{ products: false, suppliers: true, notes: false }, ['Civica OpenRevenues', 'Jadu CXM', 'Verint', 'Old Access DB', 'Pay council tax'], ['OpenRevenues', 'Jadu CXM', 'Verint', 'Access', ''], ['', '', '', '', '']],
		[{ products: false, suppliers: false, notes: true }, ['Civica OpenRevenues', 'Jadu CXM', 'Verint', 'Old Access DB', 'Pay council tax'], ['OpenRevenues', 'Jadu CXM', 'Verint', 'Access', ''], ['Civica', 'Jadu', 'Verint', 'Microsoft', '']]
	])('withholds %j', (redaction, names, products, suppliers) => {
		const r = redactSnapshot(map, redaction, VOCABULARY);
		expect(r.components.map((c) => c.name)).toEqual(names);
		expect(r.components.map((c) => c.product)).toEqual(products);
		expect(r.components.map((c) => c.supplier)).toEqual(suppliers);
		// Free text goes with any withholding; predecessors and evolved names with products.
		expect(r.components.every((c) => c.notes === '')).toBe(true);
		expect(r.components[0].predecessors).toEqual(redaction.products ? [] : ['Hale: Academy']);
		expect(r.evolves[0].name).toBe(redaction.products ? '' : 'OpenRevenues cloud');
		expect(r.title).toBe('T');
		expect(r.description).toBe('D');
	});

	it.each(seedCouncilMaps(SEED_COUNCILS).map((s) => [s.council.id, s.map] as const))('%s: no product or supplier survives full redaction', (_, m) => {
		const r = redactSnapshot(m, { products: true, suppliers: true, notes: true }, VOCABULARY);
		const text = JSON.stringify(r.components.filter((c) => c.kind !== 'anchor'));
		// A product named exactly like its type (national services: 'IER Digital Service') is the type's name.
		const typeNames = new Set(VOCABULARY.types.map((t) => t.name.replace(/\s*\([^)]*\)/g, '')));
		for (const c of m.components.filter((x) => x.kind !== 'anchor' && x.product.length > 3 && !typeNames.has(x.product))) expect(text).not.toContain(`"${c.product}"`);
		expect(r.components.filter((c) => c.kind !== 'anchor').every((c) => c.product === '' && c.supplier === '' && c.notes === '')).toBe(true);
	});
});

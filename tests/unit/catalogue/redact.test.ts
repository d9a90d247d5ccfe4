import { describe, expect, it } from 'vitest';
import { buildSnapshot, makeComponent, makeEvolve, makeLink, NO_REDACTION, PRIVATE_CONTRACTS, publicDescription, redactSnapshot, SEED_COUNCILS, seedCouncilMaps, VOCABULARY } from '../../../src/lib/catalogue/index.js';
import type { ComponentId, MapSnapshot } from '../../../src/lib/map/index.js';

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
		// Untyped 'Old Access DB' keeps its name, less the withheld product 'Access'.
		// Verint's product is named like its supplier, which stays public.
		[{ products: true, suppliers: false, notes: false, contracts: PRIVATE_CONTRACTS }, ['Revenues & benefits', 'Corporate CRM / customer case management', 'Corporate CRM / customer case management (2)', 'Old [withheld] DB', 'Pay council tax'], ['', '', '', '', ''], ['Civica', 'Jadu', 'Verint', 'Microsoft', '']],
		// Supplier names go from names and products too ('Jadu CXM' → '[withheld] CXM').
		[{ products: false, suppliers: true, notes: false, contracts: PRIVATE_CONTRACTS }, ['[withheld] OpenRevenues', '[withheld] CXM', '[withheld]', 'Old Access DB', 'Pay council tax'], ['OpenRevenues', '[withheld] CXM', '[withheld]', 'Access', ''], ['', '', '', '', '']],
		[{ products: false, suppliers: false, notes: true, contracts: PRIVATE_CONTRACTS }, ['Civica OpenRevenues', 'Jadu CXM', 'Verint', 'Old Access DB', 'Pay council tax'], ['OpenRevenues', 'Jadu CXM', 'Verint', 'Access', ''], ['Civica', 'Jadu', 'Verint', 'Microsoft', '']]
	])('withholds %j', (redaction, names, products, suppliers) => {
		const r = redactSnapshot(map, redaction, VOCABULARY);
		expect(r.components.map((c) => c.name)).toEqual(names);
		expect(r.components.map((c) => c.product)).toEqual(products);
		expect(r.components.map((c) => c.supplier)).toEqual(suppliers);
		// Free text (notes, predecessors, the map's description) goes with any withholding; evolved names with products.
		expect(r.components.every((c) => c.notes === '' && c.predecessors.length === 0)).toBe(true);
		expect(r.evolves[0].name).toBe(redaction.products ? '' : 'OpenRevenues cloud');
		expect(r.title).toBe('T');
		expect(r.description).toBe('');
	});

	const capita = buildSnapshot(
		{ title: 'Capita One and Civica at Hale', description: 'Capita One contract £1.2m/yr', evolutionLabels: ['Genesis', 'Custom', 'CAPITA-ONE', 'Commodity'] },
		{
			components: [
				makeComponent({ id: 'a' as ComponentId, name: 'Council tax', componentType: 'revs-bens', product: 'Capita One Revenues', supplier: 'Capita One Ltd' }, 1),
				makeComponent({ id: 'b' as ComponentId, name: 'capitaone payroll (Capital letters)', product: 'Payroll', supplier: 'Zellis' }, 2),
				makeComponent({ id: 'c' as ComponentId, name: 'Civica OpenRevenues archive', product: 'Civica OpenRevenues', supplier: 'Civica' }, 3)
			],
			links: [{ ...makeLink('a' as ComponentId, 'b' as ComponentId, 1), context: 'Capita One contract £1.2m/yr', flow: 'forward', flowLabel: '£1.2m/yr to Capita' }]
		}
	);

	it('withholds link context and flow labels with any withholding', () => {
		for (const redaction of [{ products: false, suppliers: false, notes: true, contracts: PRIVATE_CONTRACTS }, { products: false, suppliers: true, notes: false, contracts: PRIVATE_CONTRACTS }]) {
			const r = redactSnapshot(capita, redaction, VOCABULARY);
			expect(r.links.map((l) => [l.context, l.flow, l.flowLabel])).toEqual([['', 'forward', '']]);
			expect(JSON.stringify(r)).not.toContain('1.2m');
		}
	});

	it('scrubs a withheld supplier typed into names, the title and labels, in any case or spacing', () => {
		const r = redactSnapshot(capita, { products: false, suppliers: true, notes: false, contracts: PRIVATE_CONTRACTS }, VOCABULARY);
		expect(r.title).toBe('[withheld] and [withheld] at Hale');
		expect(r.evolutionLabels[2]).toBe('[withheld]');
		// Whole words only: 'Capital' stays.
		expect(r.components.map((c) => [c.name, c.product])).toEqual([
			['Council tax', '[withheld] Revenues'],
			['[withheld] payroll (Capital letters)', 'Payroll'],
			['[withheld] OpenRevenues archive', '[withheld] OpenRevenues']
		]);
		expect(JSON.stringify(r)).not.toMatch(/capita\W*one|civica|zellis/i);
	});

	it('scrubs a withheld product, with and without its supplier’s name', () => {
		const r = redactSnapshot(capita, { products: true, suppliers: false, notes: false, contracts: PRIVATE_CONTRACTS }, VOCABULARY);
		expect(r.components.map((c) => c.name)).toEqual(['Revenues & benefits', 'capitaone [withheld] (Capital letters)', '[withheld] archive']);
		expect(JSON.stringify(r)).not.toMatch(/openrevenues|payroll/i);
	});

	it('renumbers ids, so an imported map’s worded ids say nothing', () => {
		const r = redactSnapshot(capita, { products: false, suppliers: false, notes: true, contracts: PRIVATE_CONTRACTS }, VOCABULARY);
		expect(r.components.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
		expect(r.links.map((l) => [l.id, l.from, l.to])).toEqual([['l1', 'c1', 'c2']]);
	});

	it('copies only the fields it knows', () => {
		const extra = { ...capita, secret: 'Capita', components: capita.components.map((c) => ({ ...c, contractValue: '£1.2m' })) } as MapSnapshot;
		const r = redactSnapshot(extra, { products: false, suppliers: false, notes: true, contracts: PRIVATE_CONTRACTS }, VOCABULARY);
		expect(JSON.stringify(r)).not.toMatch(/secret|contractValue|1\.2m/);
	});

	it('gives the catalogue the publisher’s description, scrubbed, in place of the map’s own', () => {
		expect(publicDescription(capita, NO_REDACTION, '')).toBe('Capita One contract £1.2m/yr');
		expect(publicDescription(capita, NO_REDACTION, 'Our stack')).toBe('Our stack');
		expect(publicDescription(capita, { products: false, suppliers: false, notes: true, contracts: PRIVATE_CONTRACTS }, '')).toBe('');
		expect(publicDescription(capita, { products: false, suppliers: true, notes: false, contracts: PRIVATE_CONTRACTS }, 'Revenues by Capita One')).toBe('Revenues by [withheld]');
	});

	it.each(seedCouncilMaps(SEED_COUNCILS).map((s) => [s.council.id, s.map] as const))('%s: no product or supplier survives full redaction', (_, m) => {
		const r = redactSnapshot(m, { products: true, suppliers: true, notes: true, contracts: PRIVATE_CONTRACTS }, VOCABULARY);
		const text = JSON.stringify(r.components.filter((c) => c.kind !== 'anchor'));
		// A product named exactly like its type (national services: 'IER Digital Service') is the type's name.
		const typeNames = new Set(VOCABULARY.types.map((t) => t.name.replace(/\s*\([^)]*\)/g, '')));
		for (const c of m.components.filter((x) => x.kind !== 'anchor' && x.product.length > 3 && !typeNames.has(x.product))) expect(text).not.toContain(`"${c.product}"`);
		expect(r.components.filter((c) => c.kind !== 'anchor').every((c) => c.product === '' && c.supplier === '' && c.notes === '')).toBe(true);
	});
});

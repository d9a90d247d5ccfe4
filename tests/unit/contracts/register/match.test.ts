// Matching register rows to components on constructed maps: supplier and product, supplier only,
// type only, nothing (new component or skip), and the fixture register against the fixture map.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importRegister, matchRows, normaliseSupplier, GOOD_MATCH, type RegisterRow } from '../../../../src/lib/contracts/register/index.js';
import { VOCABULARY, buildSnapshot, makeComponent } from '../../../../src/lib/catalogue/index.js';
import { readMapText } from '../../../../src/lib/formats/index.js';
import type { ComponentId, MapSnapshot } from '../../../../src/lib/map/index.js';

function row(fields: Partial<RegisterRow>): RegisterRow {
	return { source: { line: 2 }, reference: '', title: '', description: '', department: '', supplier: '', wholeLifeValue: null, annualValue: null, start: '', end: '', review: '', extension: '', route: '', buyer: '', cpv: [], notes: [], ...fields };
}

const MAP: MapSnapshot = buildSnapshot({ title: 'Constructed' }, {
	components: [
		makeComponent({ id: 'revs' as ComponentId, name: 'Revenues and benefits', componentType: 'revs-bens', product: 'One Revenues & Benefits', supplier: 'Capita' }, 1),
		makeComponent({ id: 'hr' as ComponentId, name: 'Payroll', componentType: 'hr-payroll', product: 'iTrent', supplier: 'MHR' }, 2),
		makeComponent({ id: 'planning' as ComponentId, name: 'Planning', componentType: 'planning-dm', product: '', supplier: '' }, 3),
		makeComponent({ id: 'people' as ComponentId, name: 'Residents', kind: 'anchor' }, 4)
	]
});

const match = (r: Partial<RegisterRow>) => matchRows([row(r)], MAP, VOCABULARY)[0];

describe('matchRows', () => {
	it('accepts an exact supplier and product with high confidence', () => {
		const p = match({ title: 'Revenues and benefits system', description: 'One Revenues & Benefits licences', supplier: 'Capita Business Services Ltd' });
		expect(p).toMatchObject({ action: 'accept', componentId: 'revs' });
		expect(p.confidence).toBeGreaterThan(0.8);
		expect(p.reasons).toContain('product named in the title or description');
	});

	it('proposes on the supplier alone, less sure', () => {
		const p = match({ title: 'Self-service module', supplier: 'M.H.R. International (UK) Limited' });
		expect(p).toMatchObject({ action: 'accept', componentId: 'hr', reasons: ['same supplier'] });
		expect(p.confidence).toBeGreaterThanOrEqual(GOOD_MATCH);
		expect(p.confidence).toBeLessThan(0.7);
	});

	it('proposes by component type when the supplier is unknown to the map', () => {
		const p = match({ title: 'Planning and building control back office system', supplier: 'Idox Software Ltd' });
		expect(p).toMatchObject({ action: 'accept', componentId: 'planning' });
		expect(p.reasons.join('; ')).toMatch(/looks like Planning/);
	});

	it('proposes a new component of a likely type when nothing matches a technology contract', () => {
		const p = match({ title: 'Security operations centre', description: 'Managed SIEM and security monitoring (SOC)', supplier: 'Socura Ltd' });
		expect(p).toMatchObject({ action: 'add', componentId: null, typeId: 'siem-soc' });
	});

	it('proposes a new component for an IT CPV code', () => {
		expect(match({ title: 'Widgets', supplier: 'Acme', cpv: ['48000000'] })).toMatchObject({ action: 'add' });
	});

	it('proposes skipping a contract that is not technology', () => {
		const p = match({ title: 'Grounds maintenance', description: 'Parks and open spaces', supplier: 'Glendale Grounds Management Ltd' });
		expect(p).toMatchObject({ action: 'skip', componentId: null, confidence: 0 });
	});

	it('never proposes an anchor', () => {
		const p = match({ title: 'Residents survey', supplier: 'Residents' });
		expect(p.candidates.map((c) => c.componentId)).not.toContain('people');
	});

	it.each([
		['Capita Business Services Ltd', 'capita business'],
		['CAPITA BUSINESS SERVICES LIMITED', 'capita business'],
		['Capita plc', 'capita'],
		['M.H.R. International (UK) Limited', 'mhr'],
		['Idox Software Ltd.', 'idox']
	])('normaliseSupplier(%s)', (name, normal) => {
		expect(normaliseSupplier(name)).toBe(normal);
	});
});

describe('importRegister on the fixtures', () => {
	const map = readMapText(readFileSync('tests/fixtures/contracts/northbury-map.csv', 'utf8'), { format: 'csv' }).map!;
	const name = (id: string | null) => map.components.find((c) => c.id === id)?.name;

	it('matches the CSV register rows to the map', () => {
		const r = importRegister(readFileSync('tests/fixtures/contracts/northbury-register.csv', 'utf8'), map, VOCABULARY);
		expect(r).toMatchObject({ format: 'csv', error: '', headerLine: 5 });
		const by = (ref: string) => r.proposals.find((p) => p.row.reference === ref)!;
		expect(name(by('NBC-IT-0012').componentId)).toBe('Revenues and benefits');
		expect(name(by('NBC-IT-0019').componentId)).toBe('Finance');
		expect(name(by('NBC-IT-0035').componentId)).toBe('Customer relationship management');
		expect(name(by('NBC-IT-0075').componentId)).toBe('HR and payroll');
		expect(by('NBC-IT-0066').action).toBe('add');
		expect(by('NBC-EN-0101').action).toBe('skip');
		expect(r.bad.map((b) => b.source)).toEqual([{ line: 34 }, { line: 35 }, { line: 36 }, { line: 38 }]);
	});

	it('matches the OCDS releases to the map', () => {
		const r = importRegister(readFileSync('tests/fixtures/contracts/ocds-releases.json', 'utf8'), map, VOCABULARY);
		expect(r.format).toBe('ocds');
		expect(r.proposals.map((p) => [p.action, name(p.componentId) ?? null])).toEqual([
			['accept', 'Revenues and benefits'],
			['accept', 'Contact centre'],
			['skip', null]
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	LGAM_LAYERS,
	VOCABULARY,
	createVocabulary,
	typeById,
	typePhrase,
	typesByLayer
} from '../../../src/lib/catalogue/vocabulary.js';
import { searchTypes } from '../../../src/lib/catalogue/search.js';

describe('vocabulary', () => {
	it('holds the 103 types of component_vocabulary.csv with sane fields', () => {
		expect(VOCABULARY.types).toHaveLength(103);
		for (const t of VOCABULARY.types) {
			expect(LGAM_LAYERS).toContain(t.layer);
			expect(t.xLo).toBeLessThanOrEqual(t.x);
			expect(t.x).toBeLessThanOrEqual(t.xHi);
			expect(t.y).toBeGreaterThanOrEqual(0);
			expect(t.y).toBeLessThanOrEqual(1);
			for (const d of t.dependsOn) expect(VOCABULARY.byId.has(d)).toBe(true);
		}
	});

	it('is what scripts/build-vocabulary.js generates from the committed CSV', () => {
		const out = join(mkdtempSync(join(tmpdir(), 'vocab-')), 'vocabulary-data.ts');
		execFileSync(process.execPath, ['scripts/build-vocabulary.js', 'src/lib/catalogue/data/component_vocabulary.csv', out]);
		const strip = (s: string) => s.split('\n').slice(1).join('\n');
		expect(strip(readFileSync(out, 'utf8'))).toBe(strip(readFileSync('src/lib/catalogue/vocabulary-data.ts', 'utf8')));
	});

	it('looks types up by id', () => {
		const t = typeById(VOCABULARY, 'revs-bens');
		expect(t?.name).toMatch(/^Revenues & benefits/);
		expect(t?.examples).toContain('Capita One Revenues & Benefits (formerly Academy)');
		expect(t?.stage).toBe('product');
		expect(typeById(VOCABULARY, '')).toBeUndefined();
		expect(typeById(VOCABULARY, 'no-such-type')).toBeUndefined();
	});

	it('keeps parenthesised lists with commas as one example', () => {
		expect(typeById(VOCABULARY, 'mobile-app')?.examples).toEqual(['bespoke builds', 'waste-vendor apps (Bartec, Whitespace)', 'Abavus']);
	});

	it('groups types by LGAM layer in LGAM order, every type once', () => {
		const groups = typesByLayer(VOCABULARY);
		const layers = groups.map((g) => g.layer);
		expect(layers).toEqual(LGAM_LAYERS.filter((l) => layers.includes(l)));
		const all = groups.flatMap((g) => g.nodes.flatMap((n) => n.types.map((t) => t.id)));
		expect(all.sort()).toEqual(VOCABULARY.types.map((t) => t.id).sort());
		const business = groups.find((g) => g.layer === 'Business Areas');
		expect(business?.nodes.find((n) => n.node === 'Housing')?.types.map((t) => t.id)).toEqual(['housing-mgmt', 'housing-repairs', 'homelessness']);
	});

	it('ignores repeated ids when building a vocabulary', () => {
		const [a, b] = VOCABULARY.types;
		const v = createVocabulary([a, b, { ...a, name: 'Other' }]);
		expect(v.types).toHaveLength(2);
		expect(v.byId.get(a.id)?.name).toBe(a.name);
	});

	it.each([
		['revs-bens', 'revenues and benefits'],
		['crm', 'corporate CRM / customer case management'],
		['asc-case', 'adult social care case management'],
		['dwp-data', 'DWP/HMRC data exchanges'],
		['m365', 'productivity suite, email and files'],
		['os-data', 'OS mapping and AddressBase data'],
		['blue-badge', 'Blue Badge applications'],
		['cloud-hosting', 'public cloud IaaS / PaaS']
	])('phrases %s for sentences', (id, phrase) => {
		expect(typePhrase(typeById(VOCABULARY, id)!)).toBe(phrase);
	});
});

describe('searchTypes', () => {
	it.each([
		['revenues', 'revs-bens'],
		['rev', 'revs-bens'],
		['crm', 'crm'],
		['planning back', 'planning-dm'],
		['Idox Uniform', 'planning-dm'],
		['liquidlogic', 'asc-case'],
		['gov.uk pay', 'payments-gateway'],
		['LLPG', 'llpg'],
		['housing', 'housing-mgmt']
	])('%j finds %s first', (query, id) => {
		expect(searchTypes(VOCABULARY, query)[0]?.id).toBe(id);
	});

	it('gives every type for an empty query and nothing for nonsense', () => {
		expect(searchTypes(VOCABULARY, '  ')).toHaveLength(103);
		expect(searchTypes(VOCABULARY, 'zzqx')).toEqual([]);
		expect(searchTypes(VOCABULARY, 'waste', 2)).toHaveLength(2);
	});
});

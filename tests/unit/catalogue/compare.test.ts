import { describe, expect, it } from 'vitest';
import { compareMaps } from '../../../src/lib/catalogue/compare.js';
import { summarise } from '../../../src/lib/catalogue/summarise.js';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';
import { buildSnapshot, decoratorsFor, makeComponent } from '../../../src/lib/catalogue/snapshot.js';
import { VOCABULARY, typePhrase } from '../../../src/lib/catalogue/vocabulary.js';
import type { ComponentDraft } from '../../../src/lib/catalogue/snapshot.js';

const seeded = seedCouncilMaps(SEED_COUNCILS);
const SHORT: Record<string, string> = {
	kestrelford: 'Kestrelford',
	calderbrook: 'Calderbrook',
	'port-alder': 'Port Alder',
	greystone: 'Greystone',
	wessmoor: 'Wessmoor'
};
const byId = (id: string) => seeded.find((s) => s.council.id === id)!;
const rawTypes = (id: string) => SEED_COUNCILS.councils.find((c) => c.id === id)!.components.map((c) => c.componentType);

const pairs = seeded.flatMap((a, i) => seeded.slice(i + 1).map((b) => [a.council.id, b.council.id] as const));

function mapOf(drafts: ComponentDraft[]) {
	return buildSnapshot({ title: 't' }, { components: drafts.map((d, i) => makeComponent(d, i + 1)) });
}

describe('compareMaps on the seed councils', () => {
	it.each(pairs)('%s vs %s: shared and only-one types are right', (a, b) => {
		const cmp = compareMaps(byId(a).map, byId(b).map, VOCABULARY);
		const ta = new Set(rawTypes(a));
		const tb = new Set(rawTypes(b));
		expect(cmp.both.map((t) => t.typeId).sort()).toEqual([...ta].filter((t) => tb.has(t)).sort());
		expect(cmp.onlyA.map((t) => t.typeId).sort()).toEqual([...ta].filter((t) => !tb.has(t)).sort());
		expect(cmp.onlyB.map((t) => t.typeId).sort()).toEqual([...tb].filter((t) => !ta.has(t)).sort());
		for (const s of cmp.both) {
			expect(s.a).toHaveLength(rawTypes(a).filter((t) => t === s.typeId).length);
			expect(s.b).toHaveLength(rawTypes(b).filter((t) => t === s.typeId).length);
			expect(s.evolutionDelta).toBeCloseTo(s.evolutionB - s.evolutionA, 10);
		}
		expect(cmp.untypedA).toEqual([]);
		expect(cmp.similarity).toBeCloseTo(cmp.both.length / new Set([...ta, ...tb]).size, 10);
	});

	it.each(pairs)('%s vs %s: every shared supplier is named in a sentence about its type', (a, b) => {
		const cmp = compareMaps(byId(a).map, byId(b).map, VOCABULARY);
		const sentences = summarise(cmp, { a: SHORT[a], b: SHORT[b] });
		expect(sentences[0]).toBe(
			`${SHORT[a]} and ${SHORT[b]} both map ${cmp.both.length} component types; ${cmp.onlyA.length} are only on ${SHORT[a]}'s map and ${cmp.onlyB.length} only on ${SHORT[b]}'s.`
		);
		for (const s of cmp.both.filter((x) => x.sameSupplier)) {
			const phrase = typePhrase(s.type!);
			expect(sentences.some((x) => x.includes(phrase) && s.commonSuppliers.every((sup) => x.includes(`(${sup}`) || x.includes(sup)))).toBe(true);
		}
		for (const t of cmp.onlyA) expect(sentences).toContain(`Only ${SHORT[a]} maps ${typePhrase(t.type!)}.`);
		for (const t of cmp.onlyB) expect(sentences).toContain(`Only ${SHORT[b]} maps ${typePhrase(t.type!)}.`);
	});

	it.each([
		['kestrelford', 'calderbrook', 'Both buy card payments gateway / PSP from the same supplier (Civica), with the same product (Civica Pay).'],
		['kestrelford', 'calderbrook', 'Both buy income management and cash receipting from the same supplier (Civica), with the same product (Civica ICON).'],
		['kestrelford', 'port-alder', 'Kestrelford buys online forms / digital self-service where Port Alder builds its own.'],
		['kestrelford', 'port-alder', 'Only Kestrelford maps social care finance and provider payments.'],
		['kestrelford', 'port-alder', 'For corporate CRM / customer case management, Kestrelford uses Microsoft; Port Alder uses Salesforce.'],
		['kestrelford', 'port-alder', 'Kestrelford places planning and building control back office further towards commodity (0.62) than Port Alder (0.38).'],
		['calderbrook', 'greystone', 'For revenues and benefits, Calderbrook uses Civica; Greystone uses Capita.'],
		['greystone', 'wessmoor', 'Greystone outsources revenues and benefits where Wessmoor buys one.'],
		['greystone', 'wessmoor', 'Both use the same supplier (Capita) for LA education management, with the same product (Capita One).'],
		['greystone', 'wessmoor', 'Wessmoor has 3 components for corporate CRM / customer case management (Greystone has 1).'],
		['greystone', 'wessmoor', 'Only Wessmoor maps IER Digital Service.']
	])('%s vs %s says %j', (a, b, sentence) => {
		expect(summarise(compareMaps(byId(a).map, byId(b).map, VOCABULARY), { a: SHORT[a], b: SHORT[b] })).toContain(sentence);
	});

	it('compares and summarises two 60-component maps (its speed is in bench/catalogue.bench.ts)', () => {
		const [a, b] = [byId('kestrelford').map, byId('port-alder').map];
		expect(a.components.filter((c) => c.kind === 'component')).toHaveLength(60);
		expect(b.components.filter((c) => c.kind === 'component')).toHaveLength(60);
		const summary = summarise(compareMaps(a, b, VOCABULARY), { a: 'A', b: 'B' });
		expect(summary.length).toBeGreaterThan(0);
	});
});

describe('compareMaps edge cases', () => {
	it('ignores anchors, lists untyped components, and keeps unknown type ids', () => {
		const a = mapOf([
			{ name: 'Need', kind: 'anchor' },
			{ name: 'Spreadsheet' },
			{ name: 'Thing', componentType: 'not-in-vocabulary' },
			{ name: 'CRM', componentType: 'crm', supplier: 'Microsoft', decorators: decoratorsFor('build') }
		]);
		const b = mapOf([{ name: 'CRM', componentType: 'crm', supplier: 'In-house', decorators: decoratorsFor('build') }]);
		const cmp = compareMaps(a, b, VOCABULARY);
		expect(cmp.untypedA.map((c) => c.name)).toEqual(['Spreadsheet']);
		expect(cmp.onlyA.map((t) => [t.typeId, t.type])).toEqual([['not-in-vocabulary', undefined]]);
		expect(cmp.both[0]).toMatchObject({ typeId: 'crm', sameSupplier: false, sourcingDiffers: false });
		const sentences = summarise(cmp, { a: 'A', b: 'B' });
		expect(sentences).toContain('Only A maps not-in-vocabulary.');
		expect(sentences).toContain("1 component on A's map has no type and cannot be compared.");
	});

	it('does not call unknown sourcing a difference, and matches suppliers across spellings', () => {
		const a = mapOf([{ name: 'R&B', componentType: 'revs-bens', supplier: 'Capita (verify owner)', decorators: decoratorsFor('buy') }]);
		const b = mapOf([{ name: 'Revs', componentType: 'revs-bens', supplier: 'capita / NEC' }]);
		const cmp = compareMaps(a, b, VOCABULARY);
		expect(cmp.both[0]).toMatchObject({ sameSupplier: true, commonSuppliers: ['Capita'], sourcingDiffers: false });
		expect(summarise(cmp, { a: 'A', b: 'B' })).toContain('Both use the same supplier (Capita) for revenues and benefits.');
	});

	it('compares empty maps without dividing by zero', () => {
		const cmp = compareMaps(mapOf([]), mapOf([]), VOCABULARY);
		expect(cmp).toMatchObject({ both: [], onlyA: [], onlyB: [], similarity: 0 });
	});
});

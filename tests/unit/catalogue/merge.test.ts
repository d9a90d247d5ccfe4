import { describe, expect, it } from 'vitest';
import { isId } from '../../../src/lib/map/ids.js';
import { mergeMaps } from '../../../src/lib/catalogue/merge.js';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';
import { buildSnapshot, makeComponent, makeLink } from '../../../src/lib/catalogue/snapshot.js';
import { VOCABULARY } from '../../../src/lib/catalogue/vocabulary.js';

const seeded = seedCouncilMaps(SEED_COUNCILS);
const SHORT: Record<string, string> = {
	kestrelford: 'Kestrelford',
	calderbrook: 'Calderbrook',
	'port-alder': 'Port Alder',
	greystone: 'Greystone',
	wessmoor: 'Wessmoor'
};
const inputOf = (id: string) => ({ name: SHORT[id], map: seeded.find((s) => s.council.id === id)!.map });
const raw = (id: string) => SEED_COUNCILS.councils.find((c) => c.id === id)!;

const SETS: string[][] = [
	['kestrelford', 'calderbrook'],
	['calderbrook', 'greystone'],
	['kestrelford', 'calderbrook', 'port-alder', 'greystone', 'wessmoor'],
	['wessmoor']
];

describe('mergeMaps', () => {
	it.each(SETS.map((s) => [s.join(' + '), s] as const))('%s: one component per type, duplicates flagged', (_, ids) => {
		const { map, duplicates } = mergeMaps(ids.map(inputOf), VOCABULARY, 'Merged');
		expect(map.title).toBe('Merged');
		const typed = map.components.filter((c) => c.kind === 'component');
		const types = new Set(ids.flatMap((id) => raw(id).components.map((c) => c.componentType)));
		expect(typed).toHaveLength(types.size);
		expect(new Set(typed.map((c) => c.componentType))).toEqual(types);
		const anchors = new Set(ids.flatMap((id) => raw(id).anchors.map((a) => a.label.toLowerCase())));
		expect(map.components.filter((c) => c.kind === 'anchor')).toHaveLength(anchors.size);

		// Every predecessor component is recorded on its merged component, once.
		const recorded = typed.flatMap((c) => c.predecessors);
		expect(recorded).toHaveLength(ids.reduce((n, id) => n + raw(id).components.length, 0));
		for (const id of ids) {
			for (const sc of raw(id).components) {
				const merged = typed.find((c) => c.componentType === sc.componentType)!;
				expect(merged.predecessors.some((p) => p.startsWith(`${SHORT[id]}: ${sc.label}`))).toBe(true);
			}
		}

		// Duplicated types are exactly those filled more than once, and say so in their notes.
		const counts = new Map<string, number>();
		for (const id of ids) for (const c of raw(id).components) counts.set(c.componentType, (counts.get(c.componentType) ?? 0) + 1);
		const expected = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
		expect(duplicates.map((d) => d.typeId).sort()).toEqual(expected.sort());
		for (const d of duplicates) {
			expect(d.components).toHaveLength(counts.get(d.typeId)!);
			const c = map.components.find((x) => x.id === d.componentId)!;
			expect(c.notes).toMatch(new RegExp(`^Duplicates to rationalise \\(${d.components.length}\\)`));
		}

		// Fresh ids, links only between merged elements, none repeated or to itself.
		const oldIds = new Set(ids.flatMap((id) => inputOf(id).map.components.map((c) => c.id as string)));
		const newIds = new Set(map.components.map((c) => c.id as string));
		for (const id of newIds) expect(isId(id) && !oldIds.has(id)).toBe(true);
		const evolveIds = new Set(map.evolves.map((e) => e.id as string));
		const pairs = map.links.map((l) => `${l.from}>${l.to}`);
		expect(new Set(pairs).size).toBe(pairs.length);
		for (const l of map.links) {
			expect(newIds.has(l.from) || evolveIds.has(l.from)).toBe(true);
			expect(newIds.has(l.to) || evolveIds.has(l.to)).toBe(true);
			expect(l.from).not.toBe(l.to);
		}
		expect(new Set(map.components.map((c) => c.name.toLowerCase())).size).toBe(map.components.length);
	});

	it('carries dependencies over by type: Kestrelford + Calderbrook websites need forms', () => {
		const { map } = mergeMaps(['kestrelford', 'calderbrook'].map(inputOf), VOCABULARY, 'M');
		const website = map.components.find((c) => c.componentType === 'website')!;
		const forms = map.components.find((c) => c.componentType === 'forms')!;
		expect(map.links.filter((l) => l.from === website.id && l.to === forms.id)).toHaveLength(1);
	});

	it('describes a duplicate by council, product and supplier', () => {
		const { map, duplicates } = mergeMaps(['kestrelford', 'calderbrook', 'port-alder'].map(inputOf), VOCABULARY, 'M');
		const crm = duplicates.find((d) => d.typeId === 'crm')!;
		expect(crm.components.map((c) => [c.mapName, c.supplier])).toEqual([
			['Kestrelford', 'Microsoft'],
			['Calderbrook', 'Jadu'],
			['Port Alder', 'Salesforce']
		]);
		const c = map.components.find((x) => x.id === crm.componentId)!;
		expect(c.name).toBe('Corporate CRM / customer case management');
		expect(c.supplier).toBe('Microsoft / Jadu / Salesforce');
		expect(c.notes.split('\n')[0]).toMatch(/^Duplicates to rationalise \(3\): Kestrelford: .+ \(Microsoft\); Calderbrook: .+ \(Jadu\); Port Alder: .+ \(Salesforce\)\.$/);
		const payments = map.components.find((x) => x.componentType === 'payments-gateway')!;
		expect(payments.evolution).toBeCloseTo((0.8 + 0.8 + 0.85) / 3, 10);
	});

	it('keeps a single source as it was, and records LGR predecessors of predecessors', () => {
		const { map } = mergeMaps([inputOf('wessmoor')], VOCABULARY, 'W');
		const income = map.components.find((c) => c.componentType === 'income-management')!;
		expect(income.name).toBe('Civica ICON (merged instance)');
		expect(income.predecessors).toEqual(['Wessmoor: Civica ICON (merged instance) (from Wessmoor South DC, Hale Valley DC, Ashcombe BC)']);
	});

	it('joins untyped components and anchors by name, and carries evolve moves', () => {
		const one = makeComponent({ name: 'Spreadsheet' }, 1);
		const two = makeComponent({ name: 'SPREADSHEET ' }, 1);
		const need = makeComponent({ name: 'Pay tax', kind: 'anchor' }, 2);
		const a = buildSnapshot({}, { components: [one, need], links: [makeLink(need.id, one.id, 1)] });
		const needToo = makeComponent({ name: 'pay tax', kind: 'anchor' }, 2);
		const b = buildSnapshot({}, { components: [two, needToo], links: [makeLink(needToo.id, two.id, 1)] });
		const { map, duplicates } = mergeMaps([{ name: 'A', map: a }, { name: 'B', map: b }], VOCABULARY, 'M');
		expect(map.components.map((c) => [c.name, c.kind])).toEqual([['Spreadsheet', 'component'], ['Pay tax', 'anchor']]);
		expect(map.links).toHaveLength(1);
		expect(duplicates).toEqual([]);
		const evolving = mergeMaps([inputOf('kestrelford')], VOCABULARY, 'K').map;
		expect(evolving.evolves).toHaveLength(inputOf('kestrelford').map.evolves.length);
	});
});

describe('mergeMaps with long text', () => {
	it('keeps predecessors and notes within what the model accepts (a long name used to fail the merge)', () => {
		const long = 'N'.repeat(490);
		const type = VOCABULARY.types[0].id;
		const map = (name: string) => buildSnapshot({ title: name }, { components: [makeComponent({ name: long, componentType: type, notes: 'n'.repeat(9_000) }, 1)] });
		const { map: merged } = mergeMaps([{ name: 'Kestrelford', map: map('A') }, { name: 'Calderbrook', map: map('B') }], VOCABULARY, 'Merged');
		const c = merged.components.find((x) => x.componentType === type)!;
		expect(c.predecessors).toHaveLength(2);
		for (const p of c.predecessors) {
			expect(p.length).toBeLessThanOrEqual(500);
			expect(p.startsWith('Kestrelford: NNN') || p.startsWith('Calderbrook: NNN')).toBe(true);
		}
		expect(c.notes.length).toBeLessThanOrEqual(10_000);
	});
});

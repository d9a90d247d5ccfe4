import { describe, expect, it } from 'vitest';
import { overlayMaps } from '../../../src/lib/catalogue/overlay.js';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';
import { spreadOf } from '../../../src/lib/catalogue/stats.js';
import { LGAM_LAYERS, VOCABULARY } from '../../../src/lib/catalogue/vocabulary.js';

const seeded = seedCouncilMaps(SEED_COUNCILS);
const inputs = seeded.map((s) => ({ id: s.council.id, name: s.council.name, map: s.map }));
const raw = (id: string) => SEED_COUNCILS.councils.find((c) => c.id === id)!.components;

/** Subsets of the seed councils to overlay, by id. */
const SETS: string[][] = [
	['kestrelford', 'calderbrook', 'port-alder', 'greystone', 'wessmoor'],
	['kestrelford', 'calderbrook'],
	['port-alder', 'greystone', 'wessmoor'],
	['wessmoor']
];

describe('overlayMaps', () => {
	it.each(SETS.map((s) => [s.join(' + '), s] as const))('%s: shared core, counts and duplicates', (_, ids) => {
		const overlay = overlayMaps(inputs.filter((m) => ids.includes(m.id)), VOCABULARY);
		const typeSets = ids.map((id) => new Set(raw(id).map((c) => c.componentType)));
		const union = new Set(typeSets.flatMap((s) => [...s]));
		const core = [...union].filter((t) => typeSets.every((s) => s.has(t)));
		expect(overlay.sharedCore.map((t) => t.typeId).sort()).toEqual(core.sort());
		expect(overlay.types.map((t) => t.typeId).sort()).toEqual([...union].sort());
		for (const t of overlay.types) {
			expect(t.mapCount).toBe(typeSets.filter((s) => s.has(t.typeId)).length);
			const dup = ids.filter((id) => raw(id).filter((c) => c.componentType === t.typeId).length > 1);
			expect(t.duplicates.map((d) => d.mapId)).toEqual(dup);
			expect(t.spread.count).toBe(t.mapCount);
			expect(t.spread.min).toBeLessThanOrEqual(t.spread.q1);
			expect(t.spread.q1).toBeLessThanOrEqual(t.spread.median);
			expect(t.spread.median).toBeLessThanOrEqual(t.spread.q3);
			expect(t.spread.q3).toBeLessThanOrEqual(t.spread.max);
		}
		const grouped = overlay.byNode.flatMap((n) => n.types.map((t) => t.typeId));
		expect(grouped.sort()).toEqual([...union].sort());
		const layerOrder = overlay.byNode.map((n) => LGAM_LAYERS.indexOf(n.layer));
		expect(layerOrder).toEqual([...layerOrder].sort((x, y) => x - y));
		for (const n of overlay.byNode) for (const t of n.types) expect([t.type?.layer, t.type?.node]).toEqual([n.layer, n.node]);
	});

	it('finds the shared core of all five councils: the commodity platforms', () => {
		const core = overlayMaps(inputs, VOCABULARY).sharedCore.map((t) => t.typeId);
		for (const id of ['website', 'notifications', 'payments-gateway', 'crm', 'm365', 'staff-iam']) expect(core).toContain(id);
		expect(core).not.toContain('revs-bens'); // counties do not collect council tax
	});

	it('flags Wessmoor, the merged unitary, for its three CRMs and three planning systems', () => {
		const overlay = overlayMaps(inputs, VOCABULARY);
		const crm = overlay.types.find((t) => t.typeId === 'crm')!;
		expect(crm.duplicates.map((d) => [d.mapId, d.components.length])).toEqual([['wessmoor', 3]]);
		const planning = overlay.types.find((t) => t.typeId === 'planning-dm')!;
		expect(planning.duplicates.map((d) => [d.mapId, d.components.length])).toEqual([['wessmoor', 3]]);
	});

	it('measures the spread of evolution per type, one value per council', () => {
		const planning = overlayMaps(inputs, VOCABULARY).types.find((t) => t.typeId === 'planning-dm')!;
		const perCouncil = inputs
			.map((m) => raw(m.id).filter((c) => c.componentType === 'planning-dm').map((c) => c.x))
			.filter((xs) => xs.length > 0)
			.map((xs) => xs.reduce((s, x) => s + x, 0) / xs.length);
		expect(planning.spread).toEqual(spreadOf(perCouncil));
		expect(planning.spread.min).toBeCloseTo(0.38, 10); // Port Alder's BOPS
	});

	it('handles no maps', () => {
		expect(overlayMaps([], VOCABULARY)).toEqual({ maps: [], types: [], sharedCore: [], byNode: [], untyped: [] });
	});
});

describe('spreadOf', () => {
	it.each([
		[[0.5], { count: 1, min: 0.5, max: 0.5, median: 0.5, q1: 0.5, q3: 0.5, iqr: 0 }],
		[[0.1, 0.2, 0.3, 0.4, 0.5], { count: 5, min: 0.1, max: 0.5, median: 0.3, q1: 0.2, q3: 0.4 }],
		[[0.4, 0.1, 0.3, 0.2], { count: 4, min: 0.1, max: 0.4, median: 0.25, q1: 0.175, q3: 0.325 }]
	])('%j', (values, expected) => {
		const s = spreadOf(values);
		for (const [k, v] of Object.entries(expected)) expect(s[k as keyof typeof s]).toBeCloseTo(v, 10);
	});

	it('gives NaN for no values', () => {
		expect(spreadOf([]).median).toBeNaN();
	});
});

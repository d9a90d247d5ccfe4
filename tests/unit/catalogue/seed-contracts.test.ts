// The seed councils' fictional contracts: valid, spread over the next five years, and renewing
// the same component types close together across councils (what a renewal radar looks for).
import { describe, expect, it } from 'vitest';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';
import { checkContract, noticeDate } from '../../../src/lib/map/index.js';

const maps = seedCouncilMaps(SEED_COUNCILS);
const all = maps.flatMap(({ map }) => map.components.flatMap((c) => (c.contracts ?? []).map((k) => ({ council: map.title, type: c.componentType, k }))));

describe('seed contracts', () => {
	it('gives every council contracts that pass the model’s checks', () => {
		for (const { map } of maps) expect(map.components.some((c) => (c.contracts?.length ?? 0) > 0), map.title).toBe(true);
		for (const { k } of all) expect(checkContract(k)).toEqual(k);
		expect(all.length).toBeGreaterThanOrEqual(40);
	});

	it('ends them between 2027 and 2031, each with a notice date', () => {
		for (const { k } of all) {
			expect(k.end >= '2027-01-01' && k.end <= '2031-12-31', k.reference).toBe(true);
			expect(noticeDate(k)).not.toBe('');
		}
		const years = new Set(all.map(({ k }) => k.end.slice(0, 4)));
		expect([...years].sort()).toEqual(['2027', '2028', '2029', '2030', '2031']);
	});

	it('renews the same types in three or more councils within a year of each other', () => {
		const byType = new Map<string, { council: string; end: string }[]>();
		for (const { council, type, k } of all) byType.set(type, [...(byType.get(type) ?? []), { council, end: k.end }]);
		const clustered = [...byType].filter(([, list]) => {
			const ends = list.map((x) => x.end).sort();
			return ends.some((e) => ends.filter((f) => f >= e && f <= `${Number(e.slice(0, 4)) + 1}${e.slice(4)}`).length >= 3);
		});
		expect(clustered.map(([type]) => type)).toEqual(expect.arrayContaining(['revs-bens', 'erp-finance', 'hr-payroll', 'planning-dm', 'contact-centre', 'm365']));
	});
});

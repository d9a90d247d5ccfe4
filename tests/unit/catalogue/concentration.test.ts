import { describe, expect, it } from 'vitest';
import { concentration, hhiBand } from '../../../src/lib/catalogue/concentration.js';

const use = (council: string, supplier: string) => ({ council, supplier, name: supplier.toUpperCase() });

describe('concentration', () => {
	it.each([
		['no councils', [], 0, 0],
		['one supplier for everyone', [use('a', 's'), use('b', 's')], 10_000, 2],
		['two even suppliers', [use('a', 's'), use('b', 't')], 5_000, 2],
		['four even suppliers', [use('a', 's'), use('b', 't'), use('c', 'u'), use('d', 'v')], 2_500, 4],
		['3 to 1', [use('a', 's'), use('b', 's'), use('c', 's'), use('d', 't')], 75 * 75 + 25 * 25, 4]
	])('%s', (_name, uses, hhi, councils) => {
		const c = concentration(uses);
		expect(c.hhi).toBe(hhi);
		expect(c.councils).toBe(councils);
	});

	it('splits a council naming two suppliers evenly and counts a repeated pair once', () => {
		const c = concentration([use('a', 's'), use('a', 't'), use('a', 's'), use('b', 's')]);
		expect(c.shares.map((s) => [s.supplier, s.councils, s.share])).toEqual([
			['s', 2, 75],
			['t', 1, 25]
		]);
		expect(c.hhi).toBe(6_250);
		expect(c.shares.reduce((sum, s) => sum + s.share, 0)).toBe(100);
	});

	it('ignores uses without a supplier', () => {
		expect(concentration([use('a', ''), use('b', 's')]).councils).toBe(1);
	});

	it('reads the usual bands', () => {
		expect([hhiBand(1_000), hhiBand(2_000), hhiBand(5_000)]).toEqual(['unconcentrated', 'moderately concentrated', 'highly concentrated']);
	});
});

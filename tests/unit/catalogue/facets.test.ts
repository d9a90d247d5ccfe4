// The catalogue's in-memory facets (server/catalogue): bitsets and counting, against a naive model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Bitset } from '../../../server/catalogue/bitset.js';
import { FacetIndex, type FacetValues } from '../../../server/catalogue/facets.js';

describe('Bitset', () => {
	it('behaves as a set of small integers (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.nat(5000)), fc.array(fc.nat(5000)), (xs, ys) => {
				const a = Bitset.of(xs);
				const b = Bitset.of(ys);
				const sa = new Set(xs);
				const sb = new Set(ys);
				expect([...a]).toEqual([...sa].sort((p, q) => p - q));
				expect(a.size).toBe(sa.size);
				expect(a.andCount(b)).toBe([...sa].filter((x) => sb.has(x)).length);
				expect([...a.clone().and(b)]).toEqual([...sa].filter((x) => sb.has(x)).sort((p, q) => p - q));
				expect([...a.clone().or(b)]).toEqual([...new Set([...sa, ...sb])].sort((p, q) => p - q));
			})
		);
	});

	it('deletes and grows', () => {
		const b = new Bitset(1);
		b.add(100_000);
		expect(b.has(100_000)).toBe(true);
		b.delete(100_000);
		b.delete(9_999_999);
		expect(b.size).toBe(0);
	});
});

function values(type: string[], supplier: string[] = []): FacetValues {
	const m = (xs: string[]) => new Map(xs.map((x) => [x, x.toUpperCase()]));
	return { orgType: m([]), region: m([]), org: m([]), layer: m([]), type: m(type), supplier: m(supplier), product: m([]) };
}
const sort = (title: string, n = 1) => ({ title, updatedAt: n, publishedAt: n, components: n });

describe('FacetIndex', () => {
	it('counts, replaces and removes maps', () => {
		const f = new FacetIndex();
		f.put(1, values(['crm', 'gis'], ['civica']), sort('b'));
		f.put(2, values(['crm']), sort('a'));
		f.put(3, values(['gis']), sort('c'));
		expect(f.totals('type')).toEqual([
			{ value: 'crm', label: 'CRM', count: 2 },
			{ value: 'gis', label: 'GIS', count: 2 }
		]);
		expect(f.count('type', f.anyOf('supplier', ['civica']))).toEqual([
			{ value: 'crm', label: 'CRM', count: 1 },
			{ value: 'gis', label: 'GIS', count: 1 }
		]);
		f.put(1, values(['itsm']), sort('b'));
		expect(f.totals('type').map((c) => [c.value, c.count])).toEqual([['crm', 1], ['gis', 1], ['itsm', 1]]);
		expect(f.totals('supplier')).toEqual([]);
		f.remove(2);
		expect(f.size).toBe(2);
		expect(f.ordered('title')).toEqual([1, 3]);
		expect(f.label('type', 'crm')).toBeUndefined();
	});

	it('finds similar maps by shared types (Jaccard)', () => {
		const f = new FacetIndex();
		f.put(1, values(['a', 'b', 'c']), sort('x'));
		f.put(2, values(['a', 'b', 'c']), sort('y'));
		f.put(3, values(['a', 'd']), sort('z'));
		f.put(4, values(['e']), sort('w'));
		expect(f.similar(1, 5)).toEqual([
			{ rid: 2, shared: 3, similarity: 1 },
			{ rid: 3, shared: 1, similarity: 0.25 }
		]);
	});
});

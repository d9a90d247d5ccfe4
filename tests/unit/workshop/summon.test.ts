import { describe, expect, it } from 'vitest';
import type { Summon } from '../../../src/lib/map/index.js';
import { SummonWatch } from '../../../src/lib/workshop/summon.js';

const summon = (seq: number, at = 1_000): Summon => ({ viewport: { evolution: 0.5, visibility: 0.5, zoom: 1 }, seq, by: 'Ann', at });

describe('SummonWatch.next', () => {
	it('ignores a summon already in the map when the page joins, however recent', () => {
		const w = new SummonWatch();
		// The device's kept copy, then the server's state, both before the page has synced.
		expect(w.next(summon(2), false)).toBeNull();
		expect(w.next(summon(3, Date.now()), false)).toBeNull();
		// Later updates carry the same request: still history.
		expect(w.next(summon(3, Date.now()), true)).toBeNull();
	});

	it('acts on each summon made after the page synced, once', () => {
		const w = new SummonWatch();
		expect(w.next(null, false)).toBeNull();
		expect(w.next(summon(1), true)).toMatchObject({ seq: 1 });
		expect(w.next(summon(1), true)).toBeNull();
		expect(w.next(summon(2), true)).toMatchObject({ seq: 2, by: 'Ann' });
	});
});

import { describe, expect, it } from 'vitest';
import { compareMaps, SEED_COUNCILS, seedCouncilMaps, VOCABULARY } from '../../../src/lib/catalogue/index.js';
import { evolutionAxis } from '../../../src/lib/ui/chart.js';
import { compareOverlay, LABEL_THRESHOLD } from '../../../src/lib/ui/compare-overlay.js';
import { MAX_DOTS, stripPlot } from '../../../src/lib/ui/strip-plot.js';

describe('evolutionAxis', () => {
	it.each([
		[0, 10],
		[1, 110],
		[0.5, 60],
		[-3, 10],
		[7, 110],
		[NaN, 60]
	])('x(%d) = %d', (e, x) => expect(evolutionAxis(10, 110).x(e)).toBe(x));

	it('puts dividers at the drawn stage boundaries', () => {
		expect(evolutionAxis(0, 100).dividers).toEqual([17.5, 40, 70]);
	});
});

describe('compareOverlay', () => {
	const [k, c] = seedCouncilMaps(SEED_COUNCILS);
	const cmp = compareMaps(k.map, c.map, VOCABULARY);
	const scene = compareOverlay(cmp, { a: 'K', b: 'C' });

	it('draws an arrow per shared type and a marker per lone type, inside the frame', () => {
		expect(scene.arrows).toHaveLength(cmp.both.length);
		expect(scene.onlyA).toHaveLength(cmp.onlyA.length);
		expect(scene.onlyB).toHaveLength(cmp.onlyB.length);
		for (const a of scene.arrows) {
			for (const x of [a.x1, a.x2]) expect(x >= scene.axis.left && x <= scene.axis.right).toBe(true);
			for (const y of [a.y1, a.y2]) expect(y >= scene.top && y <= scene.bottom).toBe(true);
		}
	});

	it('labels only types that moved at least the threshold', () => {
		for (const [i, s] of cmp.both.entries()) expect(scene.arrows[i].labelled).toBe(Math.abs(s.evolutionDelta) >= LABEL_THRESHOLD);
	});

	it('is plain JSON (it travels from server to page)', () => {
		expect(JSON.parse(JSON.stringify(scene))).toEqual(scene);
	});
});

describe('stripPlot', () => {
	it('draws dots up to the limit, a histogram beyond', () => {
		expect(stripPlot({ positions: [0.1, 0.5, 0.9] }).dots).toHaveLength(3);
		const many = stripPlot({ positions: Array.from({ length: MAX_DOTS + 1 }, (_, i) => i / MAX_DOTS) });
		expect(many.dots).toHaveLength(0);
		expect(many.bins.reduce((n, b) => n + b.count, 0)).toBe(MAX_DOTS + 1);
	});

	it('places the typical range band and the quartile box', () => {
		const p = stripPlot({ positions: [0.5], typical: [0.5, 0.7], stats: { q1: 0.5, median: 0.5, q3: 0.5 }, width: 232 });
		expect(p.band).toEqual({ x1: 116, x2: 156 });
		expect(p.box).toEqual({ q1: 116, median: 116, q3: 116 });
	});
});

import { describe, expect, it } from 'vitest';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';
import { spreadMarks } from '../../../src/lib/catalogue/seed-spread.js';
import { buildScene } from '../../../src/lib/render/index.js';
import { legibility, withNames } from '../../helpers/legibility.js';
import { generated } from '../render/fixtures.js';

const seeded = seedCouncilMaps(SEED_COUNCILS);

describe('spreadMarks', () => {
	it.each(seeded.map(({ council, map }) => [council.name, map] as const))('%s: no mark on another in the default export, every label clear', (_, map) => {
		const scene = withNames(buildScene(map), map);
		const marks = scene.components.filter((k) => k.kind !== 'anchor');
		const overlapping: string[] = [];
		for (let i = 0; i < marks.length; i++) {
			for (let j = i + 1; j < marks.length; j++) {
				const [a, b] = [marks[i], marks[j]];
				if (Math.hypot(a.x - b.x, a.y - b.y) < a.outer + b.outer) overlapping.push(`${a.key} ${b.key}`);
			}
		}
		expect(overlapping).toEqual([]);
		expect(legibility(scene)).toMatchObject({ labelLabel: 0, labelMark: 0, outside: 0 });
	});

	it('keeps evolution, anchors and components already apart', () => {
		const [need, a, b] = generated(3, 0).components;
		expect(need.kind).toBe('anchor');
		const spread = spreadMarks([
			{ ...need, evolution: 0.5, visibility: 0.5 },
			{ ...a, evolution: 0.5, visibility: 0.5 },
			{ ...b, evolution: 0.5, visibility: 0.5 }
		]);
		expect(spread.map((x) => x.evolution)).toEqual([0.5, 0.5, 0.5]);
		// The anchor has no mark and stays; the first component keeps its place, the second moves off it.
		expect(spread[0].visibility).toBe(0.5);
		expect(spread[1].visibility).toBe(0.5);
		expect(spread[2].visibility).not.toBe(0.5);
		expect(Math.abs(spread[2].visibility - 0.5)).toBeLessThanOrEqual(0.05);
		const apart = [
			{ ...a, evolution: 0.1, visibility: 0.2 },
			{ ...b, evolution: 0.8, visibility: 0.7 }
		];
		expect(spreadMarks(apart)).toEqual(apart);
	});
});

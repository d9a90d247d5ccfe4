import { describe, expect, it } from 'vitest';
import { buildScene } from '../../../src/lib/render/index.js';
import { sizeOnly } from '../../../src/lib/editor/canvas-draw.js';
import { generated } from '../render/fixtures.js';

describe('sizeOnly', () => {
	it.each([
		['a 1,000-component map at its automatic size', generated(1000, 1500)],
		['a map with its own size', { ...generated(60, 80), size: { width: 1800, height: 0 } }]
	])('%s: the same canvas as the whole map, with nothing on it', (_, map) => {
		const whole = buildScene(map);
		const empty = buildScene(sizeOnly(map));
		expect([empty.width, empty.height]).toEqual([whole.width, whole.height]);
		expect(empty.components).toHaveLength(0);
		expect(empty.links).toHaveLength(0);
	});
});

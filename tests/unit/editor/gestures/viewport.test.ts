// Views of the map (what follow and "bring everyone to me" share) and the zoom transforms that
// show them: a view survives the round trip, zoom stays in range, no zoom is the whole map.
import { describe, expect, it } from 'vitest';
import { MAX_ZOOM, MIN_ZOOM, transformFor, viewOf } from '../../../../src/lib/editor/gestures/viewport.js';
import { initMapSnapshot } from '../../../helpers/canvas.js';
import { buildScene } from '../../../../src/lib/render/index.js';

const scene = buildScene(initMapSnapshot(), { width: 1000, height: 800 });

describe('views and transforms', () => {
	it('takes the whole map, unzoomed, back to no transform (within a pixel)', () => {
		const whole = viewOf({ x: 0, y: 0, k: 1 }, scene);
		expect(whole.zoom).toBe(1);
		const t = transformFor(whole, scene);
		expect([Math.abs(t.x) < 1, Math.abs(t.y) < 1, t.k]).toEqual([true, true, 1]);
	});

	it.each([
		{ evolution: 0.25, visibility: 0.75, zoom: 2 },
		{ evolution: 0.9, visibility: 0.1, zoom: 4.5 },
		{ evolution: 0.5, visibility: 0.5, zoom: 0.5 }
	])('brings another screen to the same view ($evolution, $visibility at ×$zoom)', (v) => {
		expect(viewOf(transformFor(v, scene), scene)).toEqual(v);
	});

	it('keeps zoom between its limits', () => {
		expect(transformFor({ evolution: 0.5, visibility: 0.5, zoom: 100 }, scene).k).toBe(MAX_ZOOM);
		expect(transformFor({ evolution: 0.5, visibility: 0.5, zoom: 0 }, scene).k).toBe(MIN_ZOOM);
	});
});

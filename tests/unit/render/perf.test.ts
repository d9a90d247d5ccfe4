import { describe, expect, it } from 'vitest';
import { buildScene, nodesToSvgString, renderSvg, sceneToNodes } from '../../../src/lib/render/index.js';
import { generated } from './fixtures.js';
import { parseXml } from './xml.js';

/** Median time in ms of `runs` calls of fn, after two warm-up calls. */
function median(fn: () => unknown, runs = 15): number {
	fn();
	fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		fn();
		times.push(performance.now() - t);
	}
	return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

describe('performance: 1,000 components and 1,500 links', () => {
	const map = generated(1000, 1500);

	it('builds the scene in a few ms and the SVG string in tens of ms', () => {
		const scene = buildScene(map);
		const nodes = sceneToNodes(scene);
		const timings = {
			scene: median(() => buildScene(map)),
			nodes: median(() => sceneToNodes(scene)),
			string: median(() => nodesToSvgString(nodes)),
			renderSvg: median(() => renderSvg(map), 7)
		};
		const size = renderSvg(map).length;
		console.log(`1000 components / 1500 links: ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(2)} ms`).join(', ')}; SVG ${(size / 1024).toFixed(0)} KiB`);
		expect(scene.components).toHaveLength(1000);
		expect(scene.links).toHaveLength(1500);
		// Generous bounds so a slow CI machine does not flake; the log line has the real numbers.
		expect(timings.scene).toBeLessThan(50);
		expect(timings.renderSvg).toBeLessThan(500);
	});

	it('stays well-formed at that size', () => {
		expect(parseXml(renderSvg(map)).name).toBe('svg');
	});
});

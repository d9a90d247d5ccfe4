// A 1,000-component, 1,500-link map goes through the whole pipeline intact. How fast is measured
// in bench/ (formats.bench.ts, editor.bench.ts), not here: timed unit tests flake on busy machines.
import { describe, expect, it } from 'vitest';
import { buildScene, renderSvg, sceneToNodes } from '../../../src/lib/render/index.js';
import { generated } from './fixtures.js';
import { parseXml } from './xml.js';

describe('a map of 1,000 components and 1,500 links', () => {
	const map = generated(1000, 1500);

	it('has every component and link in the scene and the node tree', () => {
		const scene = buildScene(map);
		expect(scene.components).toHaveLength(1000);
		expect(scene.links).toHaveLength(1500);
		const svg = renderSvg(map);
		const ids = (collection: string) => new Set([...svg.matchAll(new RegExp(`data-collection="${collection}"[^>]*?data-id="([^"]+)"`, 'g'))].map((m) => m[1]));
		expect(ids('components').size).toBe(1000);
		expect(ids('links').size).toBe(1500);
		expect(sceneToNodes(scene).tag).toBe('svg');
	});

	it('stays well-formed at that size', () => {
		expect(parseXml(renderSvg(map)).name).toBe('svg');
	});
});

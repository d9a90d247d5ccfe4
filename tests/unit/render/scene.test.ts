import { describe, expect, it } from 'vitest';
import { setMeta, STAGE_BOUNDARIES } from '../../../src/lib/map/index.js';
import { buildScene, type Scene } from '../../../src/lib/render/index.js';
import { everyElement, mapOf } from './fixtures.js';
import { bottom, one, only, right } from './scene-helpers.js';

describe('buildScene: projection', () => {
	it.each([
		{ evolution: 0, visibility: 1, x: (s: Scene) => s.plot.x, y: (s: Scene) => s.plot.y, where: 'top left' },
		{ evolution: 1, visibility: 0, x: right, y: bottom, where: 'bottom right' },
		{ evolution: 0.5, visibility: 0.5, x: (s: Scene) => s.plot.x + s.plot.width / 2, y: (s: Scene) => s.plot.y + s.plot.height / 2, where: 'centre' },
		{ evolution: 0, visibility: 0, x: (s: Scene) => s.plot.x, y: bottom, where: 'bottom left' }
	])('evolution $evolution, visibility $visibility lands at the plot $where', ({ evolution, visibility, x, y }) => {
		const scene = buildScene(one({ name: 'A', evolution, visibility }));
		expect(only(scene).x).toBeCloseTo(x(scene), 6);
		expect(only(scene).y).toBeCloseTo(y(scene), 6);
	});

	it.each([
		{ options: {}, meta: null, width: 1100, height: 700 },
		{ options: {}, meta: { width: 1280, height: 800 }, width: 1280, height: 800 },
		{ options: { width: 640, height: 480 }, meta: { width: 1280, height: 800 }, width: 640, height: 480 },
		{ options: { width: 5 }, meta: null, width: 200, height: 700 }
	])('size: options $options, map.size $meta → $width × $height', ({ options, meta, width, height }) => {
		const map = mapOf((doc) => {
			if (meta) setMeta(doc, { size: meta });
		});
		const scene = buildScene(map, options);
		expect([scene.width, scene.height]).toEqual([width, height]);
		expect(scene.plot.x).toBeGreaterThan(0);
		expect(right(scene)).toBeLessThan(width);
		expect(bottom(scene)).toBeLessThan(height);
	});
});

describe('buildScene: axes', () => {
	it('draws the stage dividers at 0.175, 0.40 and 0.70 and the map\'s four stage labels', () => {
		const map = mapOf((doc) => setMeta(doc, { evolutionLabels: ['Novel', 'Emerging', 'Good', 'Best'] }));
		const scene = buildScene(map);
		const ev = scene.axes.evolution!;
		expect(STAGE_BOUNDARIES).toEqual([0.175, 0.4, 0.7]);
		expect(ev.dividers.map((d) => d.x1)).toEqual(STAGE_BOUNDARIES.map((b) => scene.plot.x + b * scene.plot.width));
		for (const d of ev.dividers) expect([d.y1, d.y2, d.x1 === d.x2]).toEqual([scene.plot.y, bottom(scene), true]);
		expect(ev.stages.map((s) => s.lines.join(' '))).toEqual(['Novel', 'Emerging', 'Good', 'Best']);
		expect(ev.stages[1].x).toBeGreaterThan(ev.dividers[0].x1);
		expect(ev.stages.every((s) => s.y > bottom(scene))).toBe(true);
	});

	it('splits "a / b" stage labels onto two lines', () => {
		const map = mapOf((doc) => setMeta(doc, { evolutionLabels: ['genesis / concept', 'custom / emerging', 'product / converging', 'commodity / accepted'] }));
		expect(buildScene(map).axes.evolution!.stages[0].lines).toEqual(['genesis', 'concept']);
	});

	it('labels the value chain with the map\'s labels', () => {
		const map = mapOf((doc) => setMeta(doc, { valueChainLabels: { axis: 'Need', top: 'User', bottom: 'Hidden' } }));
		const vc = buildScene(map).axes.valueChain!;
		expect([vc.title.lines, vc.top.lines, vc.bottom.lines]).toEqual([['Need'], ['User'], ['Hidden']]);
		expect(vc.title.rotate).toBe(-90);
	});

	it.each([
		{ hideEvolution: true, hideValueChain: false },
		{ hideEvolution: false, hideValueChain: true },
		{ hideEvolution: true, hideValueChain: true }
	])('honours hideEvolution $hideEvolution / hideValueChain $hideValueChain', (flags) => {
		const scene = buildScene(mapOf((doc) => setMeta(doc, flags)));
		expect(scene.axes.evolution === null).toBe(flags.hideEvolution);
		expect(scene.axes.valueChain === null).toBe(flags.hideValueChain);
		expect(scene.axes.lines).toHaveLength(2);
	});
});

describe('buildScene: components and labels', () => {
	it('draws anchors as bold centred text only, submaps and components as circles', () => {
		const scene = buildScene(everyElement());
		const anchor = scene.components.find((c) => c.kind === 'anchor')!;
		expect(anchor.r).toBe(0);
		expect(anchor.label.bold).toBe(true);
		expect(anchor.label.anchor).toBe('middle');
		expect(anchor.label.x).toBe(anchor.x);
		const submap = scene.components.find((c) => c.kind === 'submap')!;
		expect(submap.r).toBe(scene.theme.radius);
		const market = scene.components.find((c) => c.market)!;
		expect(market.outer).toBeGreaterThan(market.r);
		expect(scene.components.some((c) => c.ecosystem)).toBe(true);
	});

	it.each([
		{ label: { x: 10, y: -8 }, dx: 10, dy: -8 },
		{ label: { x: -80, y: 4 }, dx: -80, dy: 4 }
	])('puts the label at the offset $label where it is free', ({ label, dx, dy }) => {
		const c = only(buildScene(one({ name: 'A', label })));
		expect([c.label.x - c.x, c.label.y - c.y]).toEqual([dx, dy]);
	});

	it('moves a label whose offset puts it over its own circle, unless a person pinned it there', () => {
		const hinted = one({ name: 'A', label: { x: 0, y: 0 } });
		const c = only(buildScene(hinted));
		expect(c.label.x - c.x >= c.r || c.label.bounds.y + c.label.bounds.height <= c.y - c.r).toBe(true);
		const pinned = { ...hinted, components: hinted.components.map((k) => ({ ...k, labelPinned: true })) };
		const p = only(buildScene(pinned));
		expect([p.label.x - p.x, p.label.y - p.y]).toEqual([0, 0]);
	});

	it('puts a label without offset above and to the right of the circle', () => {
		const c = only(buildScene(one({ name: 'A' })));
		expect(c.label.x).toBeGreaterThanOrEqual(c.x + c.r);
		expect(c.label.y).toBeLessThan(c.y - c.r);
		expect(c.label.anchor).toBe('start');
	});

	it.each([
		{ name: 'Short', lines: ['Short'] },
		{ name: 'Revenues &\nBenefits System', lines: ['Revenues &', 'Benefits System'] },
		{ name: 'Revenues &\\nBenefits', lines: ['Revenues &', 'Benefits'] },
		{ name: 'Customer relationship management platform for residents', lines: ['Customer relationship', 'management platform', 'for residents'] },
		{ name: 'Supercalifragilisticexpialidociousness', lines: ['Supercalifragilistice-', 'xpialidociousness'] }
	])('wraps "$name" onto $lines.length line(s)', ({ name, lines }) => {
		const c = only(buildScene(one({ name })));
		expect(c.label.lines).toEqual(lines);
		// A wrapped default label grows upwards, so its last line stays clear of the circle.
		expect(c.label.y + (lines.length - 1) * c.label.lineHeight).toBeLessThan(c.y - c.r);
	});

	it('puts the inertia bar to the right of the component and markers of distinct shapes behind it', () => {
		const scene = buildScene(one({ name: 'A', inertia: true, decorators: { build: true, buy: true, outsource: true } }));
		const c = only(scene);
		expect(c.inertia!.x).toBeGreaterThan(c.x + c.r);
		expect(c.inertia!.y).toBeLessThan(c.y);
		expect(c.inertia!.y + c.inertia!.height).toBeGreaterThan(c.y);
		expect(c.markers.map((m) => m.kind)).toEqual(['build', 'buy', 'outsource']);
		const corners = c.markers.map((m) => (m.d.match(/[ML]/g) ?? []).length);
		expect(corners).toEqual([3, 4, 4]);
		expect(c.markers[1].d).not.toBe(c.markers[2].d);
		expect(c.inertia!.x).toBeGreaterThan(c.x + 14);
	});
});

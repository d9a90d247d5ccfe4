import { describe, expect, it } from 'vitest';
import {
	addAccelerator, addAnnotation, addArea, addComponent, addEvolve, addLink, addPipeline, setMeta, type MapSnapshot
} from '../../../src/lib/map/index.js';
import { buildScene, type SceneItem } from '../../../src/lib/render/index.js';
import { everyElement, mapOf } from './fixtures.js';
import { bottom, items, one, right } from './scene-helpers.js';

describe('buildScene: links, evolves and pipelines', () => {
	it('ends a link at the edges of both circles', () => {
		const map = mapOf((doc) => {
			const a = addComponent(doc, { name: 'A', evolution: 0.2, visibility: 0.8 });
			const b = addComponent(doc, { name: 'B', evolution: 0.6, visibility: 0.3, decorators: { market: true } });
			addLink(doc, { from: a, to: b, context: 'limited by' });
		});
		const scene = buildScene(map);
		const [a, b] = scene.components;
		const l = scene.links[0];
		expect(Math.hypot(l.x1 - a.x, l.y1 - a.y)).toBeCloseTo(a.outer, 6);
		expect(Math.hypot(l.x2 - b.x, l.y2 - b.y)).toBeCloseTo(b.outer, 6);
		expect(b.outer).toBeGreaterThan(b.r);
		// On the line between the centres.
		const cross = (l.x1 - a.x) * (b.y - a.y) - (l.y1 - a.y) * (b.x - a.x);
		expect(Math.abs(cross)).toBeLessThan(1e-6);
		expect(l.context!.lines).toEqual(['limited by']);
		expect(l.context!.x).toBeCloseTo((l.x1 + l.x2) / 2 + 4, 6);
		expect(l.heads).toBe('');
	});

	it.each([
		{ flow: 'forward' as const, heads: 1 },
		{ flow: 'reverse' as const, heads: 1 },
		{ flow: 'both' as const, heads: 2 }
	])('marks a $flow flow with $heads arrowhead(s)', ({ flow, heads }) => {
		const map = mapOf((doc) => {
			const a = addComponent(doc, { name: 'A', evolution: 0.2, visibility: 0.8 });
			const b = addComponent(doc, { name: 'B', evolution: 0.6, visibility: 0.3 });
			addLink(doc, { from: a, to: b, flow, flowLabel: '£5' });
		});
		const l = buildScene(map).links[0];
		expect(l.flow).toBe(flow);
		expect(l.heads.split('Z').length - 1).toBe(heads);
		expect(l.flowLabel!.lines).toEqual(['£5']);
	});

	it('draws an evolve move as an arrow to the evolved copy at the target evolution, same visibility', () => {
		const map = mapOf((doc) => {
			const a = addComponent(doc, { name: 'Hosting', evolution: 0.6, visibility: 0.2 });
			const e = addEvolve(doc, { componentId: a, evolution: 0.9, name: 'Public Cloud' });
			const b = addComponent(doc, { name: 'Ops', evolution: 0.7, visibility: 0.5 });
			addLink(doc, { from: b, to: e });
		});
		const scene = buildScene(map);
		const [a, , copy] = scene.components;
		expect(copy.collection).toBe('evolves');
		expect(copy.evolved).toBe(true);
		expect(copy.x).toBeCloseTo(scene.plot.x + 0.9 * scene.plot.width, 6);
		expect(copy.y).toBe(a.y);
		expect(copy.label.lines).toEqual(['Public Cloud']);
		const arrow = scene.evolves[0];
		expect([arrow.x1, arrow.x2]).toEqual([a.x + a.outer, copy.x - copy.outer]);
		expect(arrow.y1).toBe(a.y);
		expect(arrow.head).not.toBe('');
		// A link to the evolve id ends at the evolved copy.
		expect(Math.hypot(scene.links[0].x2 - copy.x, scene.links[0].y2 - copy.y)).toBeCloseTo(copy.outer, 6);
	});

	it('spans a pipeline over its children at the parent\'s visibility', () => {
		const map = mapOf((doc) => {
			const parent = addComponent(doc, { name: 'Case Management', evolution: 0.45, visibility: 0.7 });
			const p = addPipeline(doc, { componentId: parent });
			addComponent(doc, { name: 'In-house', evolution: 0.3, pipelineId: p });
			addComponent(doc, { name: 'SaaS', evolution: 0.62, pipelineId: p });
		});
		const scene = buildScene(map);
		const [parent, a, b] = scene.components;
		const box = scene.pipelines[0].box;
		expect([a.y, b.y]).toEqual([parent.y, parent.y]);
		expect(box.x).toBeLessThan(a.x - a.r);
		expect(box.x + box.width).toBeGreaterThan(b.x + b.r);
		expect(box.x).toBeGreaterThan(a.x - 30);
		expect(box.y + box.height / 2).toBeCloseTo(parent.y, 6);
	});

	it.each([
		{ start: 0.15, end: 0.9, drawn: true },
		{ start: 0.9, end: 0.15, drawn: true },
		{ start: null, end: null, drawn: false }
	])('draws a childless pipeline from start $start to end $end: $drawn', ({ start, end, drawn }) => {
		const map = mapOf((doc) => {
			const parent = addComponent(doc, { name: 'Kettle', evolution: 0.4, visibility: 0.5 });
			addPipeline(doc, { componentId: parent, start, end });
		});
		const scene = buildScene(map);
		expect(scene.pipelines).toHaveLength(drawn ? 1 : 0);
		if (drawn) {
			const box = scene.pipelines[0].box;
			expect(box.x).toBeCloseTo(scene.plot.x + 0.15 * scene.plot.width, 6);
			expect(box.width).toBeCloseTo(0.75 * scene.plot.width, 6);
		}
	});
});

describe('buildScene: notes, annotations, areas, accelerators', () => {
	it('puts an annotation circle at each position and lists it in the legend', () => {
		const map = mapOf((doc) => {
			addAnnotation(doc, { number: 2, text: 'Second', positions: [{ evolution: 0.5, visibility: 0.5 }] });
			addAnnotation(doc, { number: 1, text: 'First', positions: [{ evolution: 0.1, visibility: 0.9 }, { evolution: 0.9, visibility: 0.1 }] });
		});
		const scene = buildScene(map);
		expect(scene.annotations.map((a) => [a.number, a.circles.length])).toEqual([['2', 1], ['1', 2]]);
		expect(scene.annotations[1].circles[1]).toMatchObject({ x: right(scene) - 0.1 * scene.plot.width, y: bottom(scene) - 0.1 * scene.plot.height });
		expect(scene.legend!.entries.lines).toEqual(['1. First', '2. Second']);
		// Default place: the plot's bottom-left corner.
		expect(scene.legend!.box.x).toBeLessThan(scene.plot.x + 20);
		expect(scene.legend!.box.y + scene.legend!.box.height).toBeLessThanOrEqual(bottom(scene));
	});

	it('puts the legend at map.annotationsAt, and has none without annotations', () => {
		const map = mapOf((doc) => {
			addAnnotation(doc, { number: 1, text: 'x', positions: [{ evolution: 0.5, visibility: 0.5 }] });
			setMeta(doc, { annotationsAt: { evolution: 0.7, visibility: 0.9 } });
		});
		const scene = buildScene(map);
		expect(scene.legend!.box.x).toBeCloseTo(scene.plot.x + 0.7 * scene.plot.width, 6);
		expect(scene.legend!.box.y).toBeCloseTo(scene.plot.y + 0.1 * scene.plot.height, 6);
		expect(buildScene(one({ name: 'A' })).legend).toBeNull();
	});

	it('normalises a PST area from either corner and labels it', () => {
		const map = mapOf((doc) => {
			addArea(doc, { kind: 'settlers', from: { visibility: 0.45, evolution: 0.22 }, to: { visibility: 0.32, evolution: 0.38 } });
			addArea(doc, { kind: 'townplanners', from: { visibility: 0.32, evolution: 0.38 }, to: { visibility: 0.45, evolution: 0.22 } });
		});
		const [a, b] = buildScene(map).areas;
		expect(a.box).toEqual(b.box);
		expect(a.box.width).toBeGreaterThan(0);
		expect(a.box.height).toBeGreaterThan(0);
		expect([a.label.lines, b.label.lines]).toEqual([['Settlers'], ['Town planners']]);
	});

	it('points accelerators right and deaccelerators left', () => {
		const map = mapOf((doc) => {
			addAccelerator(doc, { kind: 'accelerator', name: 'Open Standards', evolution: 0.5, visibility: 0.5 });
			addAccelerator(doc, { kind: 'deaccelerator', name: 'Procurement', evolution: 0.5, visibility: 0.5 });
		});
		const [acc, de] = buildScene(map).accelerators;
		const tipX = (d: string) => Number(d.split(' ')[3].slice(1).split(',')[0]);
		expect(tipX(acc.d)).toBeGreaterThan(acc.x);
		expect(tipX(de.d)).toBeLessThan(de.x);
		expect(acc.label.lines).toEqual(['Open Standards']);
	});
});

describe('buildScene: items', () => {
	it('gives every item a unique stable key from its id, its element, and a hit radius of at least 12 px (24 for points)', () => {
		const map = everyElement();
		const a = items(buildScene(map));
		const b = items(buildScene(structuredClone(map) as MapSnapshot));
		expect(a.map((i) => i.key)).toEqual(b.map((i) => i.key));
		const keys = a.map((i) => i.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const i of a) {
			expect(i.key).toContain(i.id);
			expect(i.hit).toBeGreaterThanOrEqual(12);
			if (i.collection !== 'meta') expect(map[i.collection].map((x) => x.id as string), i.key).toContain(i.id);
		}
		for (const c of buildScene(map).components) expect(c.hit).toBeGreaterThanOrEqual(24);
	});

	it('moves only the moved component\'s items (and the links that touch it, and labels placed anew) when one component moves', () => {
		const before = everyElement();
		const moved = before.components[7];
		const after: MapSnapshot = { ...before, components: before.components.map((c) => (c === moved ? { ...c, evolution: 0.5 } : c)) };
		const s1 = buildScene(before);
		const s2 = buildScene(after);
		const changed = (x: SceneItem[], y: SceneItem[]) => x.filter((item, i) => JSON.stringify(item) !== JSON.stringify(y[i])).map((i) => i.key);
		const touching = before.links.filter((l) => l.from === moved.id || l.to === moved.id).map((l) => `links/${l.id}`);
		const arrows = before.evolves.filter((e) => e.componentId === moved.id).map((e) => `evolves/${e.id}/arrow`);
		const expected = [`components/${moved.id}`, ...touching, ...arrows];
		// Labels are placed around the whole map, so others may move out of the moved one's way:
		// those change their label (and leader) only.
		const unlabelled = (x: SceneItem) => JSON.stringify({ ...x, label: null, leader: null });
		const others = items(s1).filter((item, i) => !expected.includes(item.key) && JSON.stringify(item) !== JSON.stringify(items(s2)[i]));
		for (const item of others) expect(unlabelled(item)).toBe(unlabelled(items(s2).find((x) => x.key === item.key)!));
		expect(changed(items(s1), items(s2)).filter((key) => expected.includes(key)).sort()).toEqual(expected.sort());
	});
});

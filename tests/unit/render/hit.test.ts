import { describe, expect, it } from 'vitest';
import { buildScene, hitTest, segmentDistance, type Scene } from '../../../src/lib/render/index.js';
import { everyElement } from './fixtures.js';

const scene: Scene = buildScene(everyElement());
const named = (name: string) => scene.components.find((c) => c.label.lines.join(' ') === name)!;
const at = (x: number, y: number) => {
	const item = hitTest(scene, x, y);
	return item ? `${item.collection}/${item.id}` : null;
};

describe('hitTest', () => {
	const pay = named('Pay Council Tax Online');
	const link = scene.links.find((l) => !l.flow && !l.context)!;
	const area = scene.areas.find((a) => a.kind === 'townplanners')!;
	const cases: [string, () => [number, number], () => string | null][] = [
		['a component centre', () => [pay.x, pay.y], () => `components/${pay.id}`],
		['23 px from a component centre', () => [pay.x + 23, pay.y], () => `components/${pay.id}`],
		['a component label', () => [pay.label.bounds.x + 20, pay.label.bounds.y + 4], () => `components/${pay.id}`],
		['the middle of a link', () => [(link.x1 + link.x2) / 2, (link.y1 + link.y2) / 2], () => `links/${link.id}`],
		['an annotation circle', () => [scene.annotations[0].circles[1].x, scene.annotations[0].circles[1].y], () => `annotations/${scene.annotations[0].id}`],
		['the legend', () => [scene.legend!.box.x + 5, scene.legend!.box.y + 5], () => 'meta/annotationsAt'],
		['an empty part of an area', () => [area.box.x + area.box.width - 3, area.box.y + area.box.height - 3], () => `areas/${area.id}`],
		['a stage label', () => [scene.axes.evolution!.stages[2].x + 5, scene.axes.evolution!.stages[2].y - 4], () => 'meta/evolutionLabels'],
		['the rotated value-chain title', () => [scene.axes.valueChain!.title.x - 5, scene.axes.valueChain!.title.y], () => 'meta/valueChainLabels'],
		['empty canvas', () => [scene.width - 5, 5], () => null]
	];
	it.each(cases)('finds what is at %s', (_, point, expected) => {
		const [x, y] = point();
		expect(at(x, y)).toBe(expected());
	});

	it.each([
		[{ x1: 0, y1: 0, x2: 10, y2: 0 }, 5, 3, 3],
		[{ x1: 0, y1: 0, x2: 10, y2: 0 }, -4, 3, 5],
		[{ x1: 0, y1: 0, x2: 0, y2: 0 }, 3, 4, 5]
	])('segmentDistance(%o, %d, %d) = %d', (s, x, y, d) => {
		expect(segmentDistance(s, x, y)).toBeCloseTo(d, 9);
	});
});

// The key to the marks a map uses: which entries each map gets, that the SVG export has it only
// when the map uses such marks, below the plot (the canvas grows), legible in every theme, and
// that focus dimming leaves it alone while dimming what is out of focus.
import { describe, expect, it } from 'vitest';
import { addComponent, addLink, type MapSnapshot } from '../../../src/lib/map/index.js';
import {
	buildScene, contrastRatio, dimOutOfFocus, FOCUS_OPACITY, LEGEND_LABELS, legendHeight, legendMarks, renderSvg, sceneToNodes, THEME_NAMES, THEMES
} from '../../../src/lib/render/index.js';
import { focusMap } from '../../fixtures/focus-map.js';
import { everyElement, mapOf } from './fixtures.js';
import { allElements, parseXml, textContent } from './xml.js';

const plain = () => mapOf((doc) => {
	const a = addComponent(doc, { name: 'A', visibility: 0.8 });
	const b = addComponent(doc, { name: 'B', visibility: 0.2 });
	addLink(doc, { from: a, to: b });
});
const marked = (decorators: Record<string, boolean>, inertia = false) => mapOf((doc) => {
	const a = addComponent(doc, { name: 'A', visibility: 0.8, decorators, inertia });
	const b = addComponent(doc, { name: 'B', visibility: 0.2 });
	addLink(doc, { from: a, to: b });
});
const keyOf = (svg: string) => allElements(parseXml(svg)).find((e) => e.attrs['data-legend'] === 'marks');

describe('legendMarks', () => {
	it.each<[string, () => MapSnapshot, string[]]>([
		['plain components and links', plain, []],
		['a buy marker', () => marked({ buy: true }), ['buy', 'link']],
		['build and outsource', () => marked({ build: true, outsource: true }), ['build', 'outsource', 'link']],
		['inertia', () => marked({}, true), ['inertia', 'link']],
		['market and ecosystem', () => marked({ market: true, ecosystem: true }), ['market', 'ecosystem', 'link']],
		['every element kind', everyElement, ['build', 'buy', 'outsource', 'inertia', 'market', 'ecosystem', 'submap', 'evolve', 'pipeline', 'link', 'flow', 'accelerator', 'deaccelerator']]
	])('%s', (_name, map, marks) => {
		expect(legendMarks(map())).toEqual(marks);
	});

	it('ignores markers on a user need (the renderer draws none)', () => {
		expect(legendMarks(mapOf((doc) => void addComponent(doc, { name: 'N', kind: 'anchor', decorators: { buy: true } })))).toEqual([]);
	});
});

describe('the key in the SVG export', () => {
	it('is left out when the map uses no mark that needs one, and the canvas keeps its size', () => {
		const svg = renderSvg(plain());
		expect(keyOf(svg)).toBeUndefined();
		expect(parseXml(svg).attrs.height).toBe('700');
	});

	it('lists only the marks the map uses, in a band below the plot', () => {
		const map = marked({ build: true, buy: true });
		const svg = renderSvg(map);
		const key = keyOf(svg)!;
		expect(key).toBeDefined();
		const texts = allElements(key).filter((e) => e.name === 'text').map(textContent);
		expect(texts).toEqual(['Key', LEGEND_LABELS.build, LEGEND_LABELS.buy, LEGEND_LABELS.link]);
		// The samples are the map's own marks: a triangle and a diamond.
		expect(allElements(key).filter((e) => e.attrs['data-marker']).map((e) => e.attrs['data-marker'])).toEqual(['build', 'buy']);
		const root = parseXml(svg);
		const scene = buildScene(map, { legend: true });
		expect(Number(root.attrs.height)).toBe(scene.height);
		expect(scene.height).toBeGreaterThan(700);
		// Below everything the plot draws: the band starts at the old canvas height.
		expect(scene.markLegend!.box.y).toBe(700);
		for (const k of scene.components) expect(k.y).toBeLessThan(700);
		expect(root.attrs.viewBox).toBe(`0 0 1100 ${scene.height}`);
	});

	it('can be turned off, and is off in the bare scene (the editor turns it on)', () => {
		const map = marked({ buy: true });
		expect(keyOf(renderSvg(map, { legend: false }))).toBeUndefined();
		expect(buildScene(map).markLegend).toBeNull();
	});

	it('wraps onto more rows on a narrow canvas, inside it', () => {
		const scene = buildScene(everyElement(), { legend: true, width: 400 });
		const key = scene.markLegend!;
		expect(new Set(key.entries.map((e) => e.y)).size).toBeGreaterThan(2);
		for (const e of key.entries) expect(e.label.bounds.x + e.label.bounds.width).toBeLessThanOrEqual(400);
		expect(scene.height).toBe(key.box.y + key.box.height);
	});

	it.each(THEME_NAMES)('draws its text with a colour of 4.5:1 or more on the background (%s)', (theme) => {
		const svg = renderSvg(everyElement(), { theme });
		const texts = allElements(keyOf(svg)!).filter((e) => e.name === 'text');
		expect(texts.length).toBe(14);
		for (const t of texts) expect(contrastRatio(t.attrs.fill, THEMES[theme].colours.background)).toBeGreaterThanOrEqual(4.5);
	});

	it('is deterministic', () => {
		const map = everyElement();
		expect(renderSvg(map, { theme: 'projector' })).toBe(renderSvg(map, { theme: 'projector' }));
	});
});

describe('focus in the SVG export', () => {
	it('dims what is out of focus, not the key, and keeps names as text', () => {
		const { map, ids } = focusMap();
		const svg = renderSvg(map, { focus: new Set([ids.website]) });
		expect(svg).not.toContain('<script');
		const els = allElements(parseXml(svg));
		expect(els.filter((e) => e.name === 'text' && e.attrs['data-id'] === ids.website).map(textContent)).toEqual(['<script>x</script>']);
		const opacityOf = (id: string) => els.filter((e) => e.attrs['data-id'] === id).map((e) => e.attrs.opacity);
		expect(opacityOf(ids.website)).toEqual([undefined, undefined]);
		expect(opacityOf(ids.waste)).toEqual([String(FOCUS_OPACITY), String(FOCUS_OPACITY)]);
		expect(keyOf(svg)!.attrs.opacity).toBeUndefined();
	});

	it('leaves the drawing as it was without a focus', () => {
		const { map } = focusMap();
		const nodes = sceneToNodes(buildScene(map));
		expect(renderSvg(map, { focus: null, legend: false })).toBe(renderSvg(map, { legend: false }));
		expect(dimOutOfFocus(nodes, new Set()).children![0]).toBe(nodes.children![0]);
	});
});

describe('legendHeight', () => {
	it.each(THEME_NAMES)('is what the key adds to the canvas, at any width (%s)', (theme) => {
		for (const width of [300, 420, 700, 1100]) {
			const scene = buildScene(everyElement(), { theme, width, height: 700, legend: true });
			expect(legendHeight(everyElement(), THEMES[theme], width)).toBe(scene.height - 700);
		}
		expect(legendHeight(plain(), THEMES[theme], 1100)).toBe(0);
	});
});

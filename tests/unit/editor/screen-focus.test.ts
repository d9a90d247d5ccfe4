// The screen's filter and the selection's value chain (screenDecorator): what is out of focus is
// dimmed as in the SVG export, the chain's links are strong and, when asked, the rest fade.
import { describe, expect, it } from 'vitest';
import { focusIds, parseFocus } from '../../../src/lib/catalogue/index.js';
import { chainOf } from '../../../src/lib/map/index.js';
import { buildScene, dimOutOfFocus, FOCUS_OPACITY, sceneToNodes, type SvgNode } from '../../../src/lib/render/index.js';
import { OFF_CHAIN_OPACITY, screenDecorator } from '../../../src/lib/editor/interactive.js';
import { DEFAULT_VIEW_OPTIONS, loadViewOptions, saveViewOptions } from '../../../src/lib/editor/view-options.js';
import { focusMap } from '../../fixtures/focus-map.js';

const all = (node: SvgNode): SvgNode[] => [node, ...(node.children ?? []).flatMap(all)];
const { map, ids, links } = focusMap();
const nodes = sceneToNodes(buildScene(map));
const opacityOf = (root: SvgNode, id: string) => all(root).filter((n) => n.attrs['data-id'] === id).map((n) => n.attrs.opacity ?? 1);

describe('screenDecorator with a filter', () => {
	it('dims what is out of focus exactly as the SVG export does', () => {
		const focus = focusIds(map, parseFocus('layer:Council Interfaces')!).ids;
		const screen = screenDecorator()(nodes, map, { current: null, focus });
		const exported = dimOutOfFocus(nodes, focus);
		for (const id of [...Object.values(ids), ...Object.values(links)]) {
			expect(opacityOf(screen, id), id).toEqual(opacityOf(exported, id));
		}
		expect(opacityOf(screen, ids.website)).toEqual([1, 1]);
		expect(opacityOf(screen, ids.waste)).toEqual([FOCUS_OPACITY, FOCUS_OPACITY]);
	});
});

describe('screenDecorator with a selection\'s value chain', () => {
	const chain = chainOf(map, [ids.waste]);
	const draw = (fadeOthers: boolean) => screenDecorator()(nodes, map, { current: null, chain: { links: chain.links, strongWidth: 2.5, fadeOthers } });

	it('draws the chain\'s links wider and marked, and fades the others when asked', () => {
		const screen = draw(true);
		const link = (id: string) => all(screen).find((n) => n.attrs['data-id'] === id)!;
		expect(link(links.wasteCloud).attrs).toMatchObject({ 'data-chain': 'true', 'stroke-width': 2.5 });
		expect(link(links.wasteCloud).attrs.opacity).toBeUndefined();
		expect(link(links.portalWebsite).attrs.opacity).toBe(OFF_CHAIN_OPACITY);
		expect(link(links.portalWebsite).attrs['data-chain']).toBeUndefined();
		// Components are never faded by the chain: only links.
		expect(opacityOf(screen, ids.portal)).toEqual([1, 1]);
	});

	it('leaves the other links alone when the view option is off', () => {
		const screen = draw(false);
		expect(opacityOf(screen, links.portalWebsite)).toEqual([1]);
		expect(all(screen).find((n) => n.attrs['data-id'] === links.residentWaste)!.attrs['data-chain']).toBe('true');
	});

	it('hands back the same nodes when nothing changed (a redraw skips them)', () => {
		const decorate = screenDecorator();
		const state = { current: null, chain: { links: chain.links, strongWidth: 2.5, fadeOthers: true } };
		const a = decorate(nodes, map, state);
		const b = decorate(nodes, map, state);
		expect(b.children!.every((layer, i) => layer === a.children![i])).toBe(true);
	});
});

describe('view options', () => {
	const store = () => {
		const m = new Map<string, string>();
		return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
	};

	it('are remembered on the device, defaults for what is missing or broken', () => {
		const s = store();
		expect(loadViewOptions(s)).toEqual(DEFAULT_VIEW_OPTIONS);
		saveViewOptions(s, { legend: true, fadeLinks: false });
		expect(loadViewOptions(s)).toEqual({ legend: true, fadeLinks: false });
		s.setItem('stackmap:view-options', '{not json');
		expect(loadViewOptions(s)).toEqual(DEFAULT_VIEW_OPTIONS);
		expect(loadViewOptions(null)).toEqual(DEFAULT_VIEW_OPTIONS);
	});
});

// drawNodes in real headless Chromium (skipped when none is installed): the DOM it builds
// serializes to exactly nodesToSvgString's markup, and a redraw touches only what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapSnapshot } from '../../../src/lib/map/index.js';
import { buildScene, nodesToSvgString, sceneToNodes, type SvgNode } from '../../../src/lib/render/index.js';
import { round } from '../../../src/lib/render/path.js';
import { chromiumPath } from '../../helpers/browser.js';
import { openDrawPage, type DrawPage } from '../../helpers/draw-page.js';
import { everyElement, generated } from './fixtures.js';

interface Outcome {
	/** Markup after each draw, from the browser's XMLSerializer. */
	markup: string[];
	/** For each redraw: the elements its DOM mutations touched, as `collection/id` (or `layer:name`). */
	touched: string[][];
	mutations: number[];
}

/** Draw each node tree in turn into one root (`svg` or `g`) in the page, observing each redraw. */
async function drawInPage(page: DrawPage['page'], trees: SvgNode[], rootTag = 'svg'): Promise<Outcome> {
	return page.evaluate(
		({ trees, rootTag }) => {
			type Draw = { drawNodes(root: Element, node: unknown): void };
			const { drawNodes } = (window as unknown as { draw: Draw }).draw;
			const root = document.createElementNS('http://www.w3.org/2000/svg', rootTag);
			document.body.appendChild(root);
			const owner = (node: Node): string => {
				const el = node.nodeType === 1 ? (node as Element) : node.parentElement!;
				const group = el.closest('[data-id]');
				if (group) return `${group.getAttribute('data-collection')}/${group.getAttribute('data-id')}`;
				const layer = el.closest('[data-layer]');
				return layer ? `layer:${layer.getAttribute('data-layer')}` : `root:${el.tagName}`;
			};
			const out = { markup: [] as string[], touched: [] as string[][], mutations: [] as number[] };
			const observer = new MutationObserver(() => {});
			observer.observe(root, { subtree: true, attributes: true, childList: true, characterData: true });
			for (const tree of trees) {
				drawNodes(root, tree);
				const records = observer.takeRecords();
				const touched = new Set<string>();
				for (const r of records) {
					if (r.type === 'childList' && r.target.nodeType === 1 && (r.target as Element).hasAttribute('data-layer')) {
						for (const n of [...r.addedNodes, ...r.removedNodes]) touched.add(n.nodeType === 1 && (n as Element).hasAttribute('data-id') ? `${(n as Element).getAttribute('data-collection')}/${(n as Element).getAttribute('data-id')}` : owner(r.target));
					} else touched.add(owner(r.target));
				}
				out.markup.push(new XMLSerializer().serializeToString(root));
				out.touched.push([...touched].sort());
				out.mutations.push(records.length);
			}
			root.remove();
			return out;
		},
		{ trees, rootTag }
	);
}

const nodesOf = (map: MapSnapshot) => sceneToNodes(buildScene(map));

describe.skipIf(!chromiumPath())('drawNodes in Chromium', () => {
	let browser: DrawPage;
	beforeAll(async () => {
		browser = (await openDrawPage())!;
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
	});

	it('builds DOM that serializes to exactly the string export', async () => {
		const nodes = nodesOf(everyElement());
		const { markup } = await drawInPage(browser.page, [nodes]);
		expect(markup[0]).toBe(nodesToSvgString(nodes));
	});

	it('redraws after one component moved by touching only it, its links and its evolve arrows', async () => {
		const before = everyElement();
		const moved = before.components.find((c) => c.name === 'Hosting')!;
		const after: MapSnapshot = { ...before, components: before.components.map((c) => (c === moved ? { ...c, evolution: 0.5, visibility: 0.25 } : c)) };
		const trees = [nodesOf(before), nodesOf(after), nodesOf(after)];
		const { markup, touched, mutations } = await drawInPage(browser.page, trees);
		// Its evolved copy keeps its visibility, so links to the copy move too.
		const evolves = before.evolves.filter((e) => e.componentId === moved.id).map((e) => e.id as string);
		const ends = new Set([moved.id as string, ...evolves]);
		const expected = [
			`components/${moved.id}`,
			...before.links.filter((l) => ends.has(l.from) || ends.has(l.to)).map((l) => `links/${l.id}`),
			...evolves.map((id) => `evolves/${id}`)
		];
		expect(touched[1]).toEqual([...new Set(expected)].sort());
		expect(mutations[1]).toBeLessThan(30);
		expect(markup[1]).toBe(nodesToSvgString(trees[1]));
		// Drawing the same tree again changes nothing.
		expect(mutations[2]).toBe(0);
	});

	it('enters, removes, reorders and reshapes elements and still matches the string export', async () => {
		const base = everyElement();
		const [first, second, ...rest] = base.components;
		const renamed = { ...rest[0], name: 'Now a much longer name\nover several lines' };
		const reshaped = { ...rest[1], kind: 'anchor' as const };
		const variants: MapSnapshot[] = [
			base,
			// Removed the first component (and its links), swapped the order of two others, renamed and reshaped two.
			{
				...base,
				components: [second, renamed, reshaped, ...rest.slice(2)].reverse(),
				links: base.links.filter((l) => l.from !== first.id && l.to !== first.id)
			},
			// Back again: elements re-enter.
			base,
			// Another theme and size: every attribute changes.
			{ ...base, size: { width: 800, height: 500 } }
		];
		const trees = variants.map(nodesOf);
		trees[3] = sceneToNodes(buildScene(variants[3], { theme: 'high-contrast' }));
		const { markup } = await drawInPage(browser.page, trees);
		trees.forEach((tree, i) => expect(markup[i], `draw ${i}`).toBe(nodesToSvgString(tree)));
	});

	it('draws into a <g> root without giving it the <svg> attributes', async () => {
		const nodes = nodesOf(everyElement());
		const { markup } = await drawInPage(browser.page, [nodes], 'g');
		const inner = nodesToSvgString(nodes).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
		expect(markup[0]).toBe(`<g xmlns="http://www.w3.org/2000/svg">${inner}</g>`);
	});

	it('redraws a 1,000-component, 1,500-link map after one move by touching only that component, its links and the labels that moved', async () => {
		const before = generated(1000, 1500);
		const moved = before.components[500];
		const after: MapSnapshot = { ...before, components: before.components.map((c) => (c === moved ? { ...c, evolution: 0.5 } : c)) };
		const trees = [nodesOf(before), nodesOf(after)];
		const { markup, touched } = await drawInPage(browser.page, trees);
		const links = before.links.filter((l) => l.from === moved.id || l.to === moved.id).map((l) => `links/${l.id}`);
		// Placement is redone for the whole map, so labels near the move may go elsewhere; those (and
		// their leaders, which live in the labels layer) are all the rest that may change.
		const placeOf = (map: MapSnapshot) => new Map(buildScene(map).components.map((k) => [k.key, `${round(k.label.x)},${round(k.label.y)}`]));
		const leadersOf = (map: MapSnapshot) => JSON.stringify(buildScene(map).components.map((k) => k.leader && [k.key, round(k.leader.x1), round(k.leader.y1), round(k.leader.x2), round(k.leader.y2)]));
		const [was, now] = [placeOf(before), placeOf(after)];
		const relabelled = [...now].filter(([key, at]) => was.get(key) !== at).map(([key]) => key);
		const leaders = leadersOf(before) === leadersOf(after) ? [] : ['layer:labels'];
		expect(touched[1]).toEqual([...new Set([`components/${moved.id}`, ...links, ...relabelled, ...leaders])].sort());
		expect(relabelled.length).toBeLessThan(before.components.length / 4);
		expect(markup[1]).toBe(nodesToSvgString(trees[1]));
	});
});

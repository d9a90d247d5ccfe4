import { describe, expect, it } from 'vitest';
import { addComponent, addLink, addNote } from '../../../src/lib/map/index.js';
import { buildScene, nodesToSvgString, renderSvg, sceneToNodes, THEME_NAMES } from '../../../src/lib/render/index.js';
import { everyElement, generated, mapOf } from './fixtures.js';
import { allElements, parseXml, textContent } from './xml.js';

describe('parseXml (the test checker itself)', () => {
	it.each([
		['<a><b></a></b>'],
		['<a x="1" x="2"/>'],
		['<a>&nbsp;</a>'],
		['<a>1 < 2</a>'],
		['<a x="<"/>'],
		['<a/><b/>'],
		['<a>\u0001</a>'],
		['<a'],
		['text<a/>']
	])('rejects %s', (xml) => {
		expect(() => parseXml(xml)).toThrow();
	});
	it('accepts and decodes well-formed XML', () => {
		const root = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a t="&quot;x&amp;y&quot;"><b>1 &lt; 2 &#38; &#x41;</b><c/></a>\n');
		expect(root.attrs.t).toBe('"x&y"');
		expect(root.children[0].text).toBe('1 < 2 & A');
	});
});

describe('renderSvg', () => {
	it.each(THEME_NAMES)('is a well-formed standalone SVG document (%s theme)', (theme) => {
		const svg = renderSvg(everyElement(), { theme });
		const root = parseXml(svg);
		// The key to the map's marks (legend.test.ts) adds a band below the 700 px canvas.
		const height = buildScene(everyElement(), { theme, legend: true }).height;
		expect(height).toBeGreaterThan(700);
		expect(root.name).toBe('svg');
		expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
		expect(root.attrs.viewBox).toBe(`0 0 1100 ${height}`);
		expect(root.attrs.width).toBe('1100');
		expect(root.attrs.height).toBe(String(height));
		expect(root.attrs['font-family']).toMatch(/sans-serif$/);
		expect(root.children[0].name).toBe('title');
		expect(root.children[0].text).toBe('Council Revenues & Benefits');
		expect(root.children[1].name).toBe('desc');
		expect(root.children[1].text).toContain('with 13 components and 8 links');
	});

	it('has no scripts, style sheets, event handlers or external references', () => {
		const elements = allElements(parseXml(renderSvg(everyElement())));
		const tags = new Set(elements.map((e) => e.name));
		for (const banned of ['script', 'style', 'image', 'use', 'foreignObject', 'a', 'link']) expect(tags).not.toContain(banned);
		for (const e of elements) {
			for (const [name, value] of Object.entries(e.attrs)) {
				if (name === 'xmlns') continue;
				expect(name).not.toMatch(/^on|href$|^style$|^class$/i);
				expect(value).not.toMatch(/url\(|https?:|javascript:/i);
			}
		}
	});

	it('draws every element kind, each group tagged with its collection and id', () => {
		const map = everyElement();
		// Without the key to the marks (its samples are tested in legend.test.ts).
		const elements = allElements(parseXml(renderSvg(map, { legend: false })));
		const tagged = new Map<string, Set<string>>();
		for (const e of elements) {
			const c = e.attrs['data-collection'];
			if (!c) continue;
			if (!tagged.has(c)) tagged.set(c, new Set());
			tagged.get(c)!.add(e.attrs['data-id']);
		}
		for (const collection of ['components', 'links', 'evolves', 'pipelines', 'notes', 'annotations', 'areas', 'accelerators'] as const) {
			expect(tagged.get(collection), collection).toEqual(new Set(map[collection].map((x) => x.id)));
		}
		expect(tagged.get('meta')).toEqual(new Set(['title', 'evolutionLabels', 'valueChainLabels', 'annotationsAt']));
		const layers = elements.filter((e) => e.attrs['data-layer']).map((e) => e.attrs['data-layer']);
		expect(layers).toEqual(['axes', 'areas', 'pipelines', 'links', 'evolves', 'accelerators', 'components', 'notes', 'annotations', 'labels']);
		const kinds = new Set(elements.map((e) => e.attrs['data-kind']).filter(Boolean));
		expect(kinds).toEqual(new Set(['component', 'anchor', 'submap', 'pioneers', 'townplanners', 'accelerator', 'deaccelerator']));
		const markers = new Set(elements.map((e) => e.attrs['data-marker']).filter(Boolean));
		expect(markers).toEqual(new Set(['build', 'buy', 'outsource']));
		expect(elements.some((e) => e.attrs['data-inertia'])).toBe(true);
		expect(new Set(elements.map((e) => e.attrs['data-flow']).filter(Boolean))).toEqual(new Set(['forward', 'both']));
		const text = textContent(elements[0]);
		for (const s of ['Genesis', 'Commodity', 'Value Chain', 'Visible', 'Invisible', 'Resident', 'Public Cloud', 'limited by', '£',
			'+shared across 3 councils', '1. Legacy contract ends 2027', 'Pioneers', 'Town planners', 'Open Standards', 'Procurement Cycle']) {
			expect(text).toContain(s);
		}
	});

	it.each([
		['a script tag', '</text><script>alert(1)</script>'],
		['ampersands and entities', 'R&D &amp; &lt;b&gt; &#x3C;'],
		['quotes', `"double" and 'single'`],
		['a CDATA end and a comment', ']]> <!-- x --> <![CDATA[ y ]]>'],
		['control characters', 'bell\u0007 nul\u0000 ok']
	])('escapes user text: %s', (_, name) => {
		const map = mapOf((doc) => {
			const a = addComponent(doc, { name, visibility: 0.8, evolution: 0.3 });
			const b = addComponent(doc, { name: 'B', visibility: 0.3, evolution: 0.6 });
			addLink(doc, { from: a, to: b, context: name });
			addNote(doc, { text: name, visibility: 0.5, evolution: 0.5 });
		}, name);
		const svg = renderSvg(map);
		const root = parseXml(svg);
		const elements = allElements(root);
		expect(elements.some((e) => e.name === 'script')).toBe(false);
		const expected = name.replace(/[\u0000-\u0008]/g, '');
		expect(root.children[0].text).toBe(expected);
		// Long names wrap onto tspans (and long words are cut): compare without white space.
		const squash = (s: string) => s.replace(/\s/g, '');
		const texts = elements.filter((e) => e.name === 'text').map((e) => squash(textContent(e)));
		expect(texts.filter((t) => t === squash(expected)).length).toBeGreaterThanOrEqual(3);
	});

	it('is deterministic: the same map gives byte-identical output, with numbers of at most 2 decimals', () => {
		const map = everyElement();
		const a = renderSvg(map);
		expect(renderSvg(structuredClone(map))).toBe(a);
		const big = generated(200, 300);
		expect(renderSvg(big)).toBe(renderSvg(big));
		for (const e of allElements(parseXml(a))) {
			for (const [name, value] of Object.entries(e.attrs)) {
				if (name === 'd' || name === 'transform' || /^-?\d/.test(value)) {
					for (const n of value.match(/-?\d+(\.\d+)?/g) ?? []) expect(n, `${name}=${value}`).toMatch(/^-?\d+(\.\d{1,2})?$/);
				}
			}
		}
	});

	it('serializes the node tree exactly (renderSvg = declaration + nodesToSvgString(sceneToNodes(scene)))', () => {
		const map = everyElement();
		expect(renderSvg(map)).toBe('<?xml version="1.0" encoding="UTF-8"?>\n' + nodesToSvgString(sceneToNodes(buildScene(map, { legend: true }))) + '\n');
	});

	it('self-closes empty elements and writes no whitespace between elements, as XMLSerializer does', () => {
		expect(nodesToSvgString({ tag: 'g', attrs: { 'data-x': 'a"b<&>' }, children: [{ tag: 'rect', attrs: { x: 1 } }, { tag: 'text', attrs: {}, text: '' }, { tag: 'text', attrs: {}, text: 'a<b' }] }))
			.toBe('<g data-x="a&quot;b&lt;&amp;&gt;"><rect x="1"/><text/><text>a&lt;b</text></g>');
	});
});

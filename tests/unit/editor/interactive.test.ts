import { describe, expect, it } from 'vitest';
import { buildScene, sceneToNodes, type SvgNode } from '../../../src/lib/render/index.js';
import { screenDecorator } from '../../../src/lib/editor/interactive.js';
import { tabOrder } from '../../../src/lib/editor/geometry.js';
import { everyElement } from '../render/fixtures.js';

const map = everyElement();
const nodes = sceneToNodes(buildScene(map));

/** Every node of a tree, depth first. */
function all(node: SvgNode): SvgNode[] {
	return [node, ...(node.children ?? []).flatMap(all)];
}
const layer = (root: SvgNode, name: string) => root.children!.find((n) => n.attrs['data-layer'] === name)!;
const byId = (root: SvgNode, id: string) => all(root).filter((n) => n.attrs['data-id'] === id);
const focusables = (root: SvgNode) => all(root).filter((n) => n.attrs.tabindex !== undefined);

describe('screenDecorator', () => {
	const hosting = map.components.find((c) => c.name === 'Hosting')!;
	const gateway = map.components.find((c) => c.name === 'Payment Gateway')!;

	it('leaves out <title> and <desc> and makes one node per element focusable, with a name', () => {
		const screen = screenDecorator()(nodes, map, { current: null });
		expect(screen.children!.map((n) => n.tag)).not.toContain('title');
		expect(screen.children!.map((n) => n.tag)).not.toContain('desc');
		const keys = focusables(screen).map((n) => `${n.attrs['data-collection']}/${n.attrs['data-id']}`);
		expect(new Set(keys).size).toBe(keys.length);
		for (const c of map.components) expect(keys).toContain(`components/${c.id}`);
		for (const l of map.links) expect(keys).toContain(`links/${l.id}`);
		// Labels are drawn for the element, not a second way to it.
		expect(focusables(screen).some((n) => n.tag === 'text' && n.attrs['data-collection'] === 'components')).toBe(false);
		const [symbol] = byId(screen, hosting.id).filter((n) => n.attrs.tabindex !== undefined);
		expect(symbol.attrs).toMatchObject({ role: 'button', 'aria-roledescription': 'map component' });
		expect(symbol.attrs['aria-label']).toMatch(/^Component Hosting, evolution 0\.62 \(product\), visibility 0\.15/);
	});

	// Links and areas are drawn before components: the way in is the top of the value chain, not
	// the first element drawn.
	const top = `${tabOrder(map)[0].collection}/${tabOrder(map)[0].id}`;
	it.each([
		['nothing current: the top of the value chain', null, top],
		['a current element that is gone: the top of the value chain', 'components/gone', top],
		['the current element', `components/${gateway.id}`, `components/${gateway.id}`]
	])('puts exactly one element in the Tab order (%s)', (_, current, expected) => {
		const screen = screenDecorator()(nodes, map, { current });
		const inOrder = focusables(screen).filter((n) => n.attrs.tabindex === 0);
		expect(inOrder).toHaveLength(1);
		expect(`${inOrder[0].attrs['data-collection']}/${inOrder[0].attrs['data-id']}`).toBe(expected);
	});

	it('makes a note (a bare text) focusable, and no component label', () => {
		const screen = screenDecorator()(nodes, map, { current: null });
		for (const n of map.notes) {
			const [text] = byId(screen, n.id).filter((node) => node.attrs.tabindex !== undefined);
			expect(text).toMatchObject({ tag: 'text', attrs: { role: 'button', 'aria-label': `Note ${n.text}` } });
		}
		expect(focusables(layer(screen, 'labels'))).toEqual([]);
	});

	it('hands back the same nodes when nothing changed, and new ones only for what did', () => {
		const decorate = screenDecorator();
		const a = decorate(nodes, map, { current: `components/${hosting.id}` });
		const b = decorate(nodes, map, { current: `components/${hosting.id}` });
		a.children!.forEach((layerNode, i) => expect(b.children![i]).toBe(layerNode));
		// Focus moves: only the two elements' nodes (and their layer) are new.
		const c = decorate(nodes, map, { current: `components/${gateway.id}` });
		const before = layer(b, 'components').children!;
		const after = layer(c, 'components').children!;
		const changed = after.filter((n, i) => n !== before[i]).map((n) => n.attrs['data-id']);
		expect(changed.sort()).toEqual([hosting.id, gateway.id].sort());
		expect(layer(c, 'links')).toBe(layer(b, 'links'));
		expect(layer(c, 'labels')).toBe(layer(b, 'labels'));
	});

	it('dims what is not lit', () => {
		const lit = screenDecorator()(nodes, map, { current: null, lit: new Set([hosting.id]) });
		expect(byId(lit, hosting.id).every((n) => n.attrs.opacity === undefined)).toBe(true);
		expect(byId(lit, gateway.id).every((n) => n.attrs.opacity === 0.3)).toBe(true);
	});
});

// The SvgNode type and small node builders (text blocks, element groups) shared by sceneToNodes.
// Numbers are rounded here so the DOM and the string serializer see the same values. No DOM.
import { round } from './path.js';
import type { SceneItem, TextBlock } from './scene-types.js';

/**
 * One element of the drawing: the single description both drawNodes (DOM) and nodesToSvgString
 * (text) render. `key` identifies it among its siblings for keyed joins and is not an attribute.
 * `text` and `children` are exclusive; attribute values are strings or numbers already rounded.
 */
export interface SvgNode {
	readonly tag: string;
	readonly key?: string;
	readonly attrs: Readonly<Record<string, string | number>>;
	readonly text?: string;
	readonly children?: readonly SvgNode[];
}

export type Attrs = Record<string, string | number>;

/** A node; empty `children` are left out. */
export function el(tag: string, attrs: Attrs, children?: readonly SvgNode[], key?: string): SvgNode {
	const node: { tag: string; key?: string; attrs: Attrs; children?: readonly SvgNode[] } = { tag, attrs };
	if (key !== undefined) node.key = key;
	if (children && children.length > 0) node.children = children;
	return node;
}

/** The group of nodes drawing one scene item, tagged with the element it draws for hit-testing. */
export function itemGroup(item: SceneItem, children: readonly SvgNode[], extra: Attrs = {}): SvgNode {
	return el('g', { 'data-collection': item.collection, 'data-id': item.id, ...extra }, children, item.key);
}

/** Attributes that draw text with a halo of the background colour, so it stays legible over lines. */
export function halo(background: string): Attrs {
	return { stroke: background, 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' };
}

/**
 * A `<text>` for a text block: one line as its text, several as `<tspan>`s stepping down by the
 * line height. Returns null for a block without lines. `inherited` is the size and fill its parent
 * already sets: those are not repeated.
 */
export function textNode(
	t: TextBlock, fill: string, extra: Attrs = {}, key?: string, inherited?: { size: number; fill: string }
): SvgNode | null {
	if (t.lines.length === 0) return null;
	const attrs: Attrs = { x: round(t.x), y: round(t.y) };
	if (round(t.size) !== inherited?.size) attrs['font-size'] = round(t.size);
	if (fill !== inherited?.fill) attrs.fill = fill;
	if (t.anchor !== 'start') attrs['text-anchor'] = t.anchor;
	if (t.bold) attrs['font-weight'] = 'bold';
	if (t.rotate !== 0) attrs.transform = `rotate(${round(t.rotate)} ${round(t.x)} ${round(t.y)})`;
	Object.assign(attrs, extra);
	// An empty tspan would lose its dy in some renderers; a no-break space keeps the blank line.
	const line = (s: string) => (s === '' ? '\u00a0' : s);
	if (t.lines.length === 1) return { tag: 'text', key, attrs, text: line(t.lines[0]) };
	const x = round(t.x);
	const dy = round(t.lineHeight);
	return el(
		'text',
		attrs,
		t.lines.map((s, i): SvgNode => ({ tag: 'tspan', attrs: i === 0 ? { x } : { x, dy }, text: line(s) })),
		key
	);
}

/** The non-null nodes of a list. */
export function present(nodes: readonly (SvgNode | null)[]): SvgNode[] {
	return nodes.filter((n): n is SvgNode => n !== null);
}

// drawNodes: keep a DOM subtree in step with an SvgNode tree using d3-selection keyed joins. The
// only render module that touches the DOM; a redraw writes only the elements whose nodes changed.
import { namespace, select } from 'd3-selection';
import type { SvgNode } from './node-parts.js';
import { nodesToSvgString } from './markup.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The node each element was last drawn from, and its join key among its siblings. */
const drawn = new WeakMap<Element, SvgNode>();
const keys = new WeakMap<Element, string>();

/** Key of a node among its siblings: its tag and key, or its tag and index when it has no key. */
function keyOf(node: SvgNode, index: number): string {
	return node.key !== undefined ? `${node.tag}#${node.key}` : `${node.tag}@${index}`;
}

/** True when two nodes draw the same thing (compared deeply; identical objects short-cut). */
export function sameNode(a: SvgNode, b: SvgNode): boolean {
	if (a === b) return true;
	if (a.tag !== b.tag || a.key !== b.key || a.text !== b.text) return false;
	const an = Object.keys(a.attrs);
	const bn = Object.keys(b.attrs);
	if (an.length !== bn.length) return false;
	for (let i = 0; i < an.length; i++) {
		if (an[i] !== bn[i] || a.attrs[an[i]] !== b.attrs[an[i]]) return false;
	}
	const ac = a.children ?? [];
	const bc = b.children ?? [];
	if (ac.length !== bc.length) return false;
	for (let i = 0; i < ac.length; i++) if (!sameNode(ac[i], bc[i])) return false;
	return true;
}

function setAttr(el: Element, name: string, value: string | number | null): void {
	const n = namespace(name);
	if (typeof n === 'string') {
		if (value === null) el.removeAttribute(n);
		else el.setAttribute(n, String(value));
	} else if (value === null) el.removeAttributeNS(n.space, n.local);
	else el.setAttributeNS(n.space, n.local, String(value));
}

function patchAttrs(el: Element, old: SvgNode | undefined, node: SvgNode): void {
	const names = Object.keys(node.attrs);
	const oldNames = old ? Object.keys(old.attrs) : [];
	const sameOrder = names.length === oldNames.length && names.every((n, i) => n === oldNames[i]);
	if (old && sameOrder) {
		for (const name of names) if (old.attrs[name] !== node.attrs[name]) setAttr(el, name, node.attrs[name]);
		return;
	}
	// The attribute list changed shape: re-set all of them so their order matches the node's.
	for (const name of oldNames) setAttr(el, name, null);
	for (const name of names) setAttr(el, name, node.attrs[name]);
}

function patch(el: Element, node: SvgNode, withAttrs: boolean): void {
	const old = drawn.get(el);
	drawn.set(el, node);
	if (old && sameNode(old, node)) return;
	if (withAttrs) patchAttrs(el, old, node);
	if (node.text !== undefined && !(node.children && node.children.length > 0)) {
		if (old?.text !== node.text || old?.children) el.textContent = node.text;
		return;
	}
	if (old?.text) el.textContent = '';
	join(el, node.children ?? [], old?.children);
}

/** True when two child lists have the same keys in the same order (so no element needs moving). */
function sameKeys(a: readonly SvgNode[], b: readonly SvgNode[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (keyOf(a[i], i) !== keyOf(b[i], i)) return false;
	return true;
}

function join(parent: Element, children: readonly SvgNode[], previous: readonly SvgNode[] | undefined): void {
	const doc = parent.ownerDocument;
	const update = select(parent)
		.selectChildren<Element, SvgNode>()
		.data(children as SvgNode[], function (this: Element, d: SvgNode, i: number) {
			// Called for the new data with `this` = parent, then for existing elements with `this` = element.
			return this === parent ? keyOf(d, i) : (keys.get(this) ?? `~foreign@${i}`);
		});
	const exit = update.exit();
	const enter = update.enter().append<Element>((d) => doc.createElementNS(SVG_NS, d.tag));
	const all = enter.merge(update);
	// Reordering checks every element's position: skip it when nothing entered, left or moved.
	if (!enter.empty() || !exit.empty() || !previous || !sameKeys(previous, children)) {
		exit.remove();
		all.order();
	}
	all.each(function (d, i) {
		keys.set(this, keyOf(d, i));
		patch(this, d, true);
	});
}

/**
 * Make `root`'s content match `node`: root stands for node itself, so node's children are joined
 * into root by key (entering, updating, removing and reordering as needed) and, if root has the
 * same tag as node (an `<svg>` for the `<svg>` node), its attributes are kept in step too.
 * Elements whose node did not change are not touched. drawNodes owns root's element children.
 */
export function drawNodes(root: Element, node: SvgNode): void {
	const children = node.children ?? [];
	if (!drawn.has(root) && root.childElementCount === 0 && children.length > 0 && node.text === undefined) {
		// First draw into an empty root: the browser's parser builds the whole subtree from the
		// export's own markup many times faster than element-by-element joins; later draws patch it.
		if (root.localName === node.tag) patchAttrs(root, undefined, node);
		root.innerHTML = children.map(nodesToSvgString).join('');
		adopt(root, node);
		return;
	}
	patch(root, node, root.localName === node.tag);
}

/** Record a parsed subtree as drawn from `node` (same shape), so later draws can patch it by key. */
function adopt(el: Element, node: SvgNode): void {
	drawn.set(el, node);
	const children = node.children ?? [];
	if (node.text !== undefined && children.length === 0) return;
	let child = el.firstElementChild;
	for (let i = 0; i < children.length && child; i++, child = child.nextElementSibling) {
		keys.set(child, keyOf(children[i], i));
		adopt(child, children[i]);
	}
}

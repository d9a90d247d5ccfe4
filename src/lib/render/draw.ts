// drawNodes: keep a DOM subtree in step with an SvgNode tree using d3-selection keyed joins. The
// only render module that touches the DOM; a redraw writes only the elements whose nodes changed.
import { namespace, select } from 'd3-selection';
import type { SvgNode } from './node-parts.js';

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
	if (old) {
		// Attributes the node dropped go, changed and new ones are set. New ones land after the kept
		// ones in the element, so that is the order the node must have for this to keep it in step.
		const kept = Object.keys(old.attrs).filter((name) => Object.hasOwn(node.attrs, name));
		if (kept.every((name, i) => names[i] === name)) {
			for (const name in old.attrs) if (!Object.hasOwn(node.attrs, name)) setAttr(el, name, null);
			for (const name of names) if (old.attrs[name] !== node.attrs[name]) setAttr(el, name, node.attrs[name]);
			return;
		}
		// Reordered: re-set all of them so their order matches the node's.
		for (const name in old.attrs) setAttr(el, name, null);
	}
	for (const name of names) setAttr(el, name, node.attrs[name]);
}

function patch(el: Element, node: SvgNode, withAttrs: boolean): void {
	const old = drawn.get(el);
	drawn.set(el, node);
	if (old && sameNode(old, node)) return;
	if (old && unrecorded.has(el)) adoptChildren(el, old);
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
	if (previous && sameKeys(previous, children) && patchInPlace(parent, children)) return;
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
	// Here something entered, left or moved (else patchInPlace did it all): put them in order.
	exit.remove();
	all.order();
	all.each(function (d, i) {
		keys.set(this, keyOf(d, i));
		patch(this, d, true);
	});
}

/**
 * The same keys in the same order as last time: pair the elements with the nodes in order and patch
 * them (unchanged nodes cost a comparison) without a keyed join. False, touching nothing, when the
 * elements are not the ones drawn last time (then the join sorts it out).
 */
function patchInPlace(parent: Element, children: readonly SvgNode[]): boolean {
	const elements: Element[] = [];
	let el = parent.firstElementChild;
	for (let i = 0; i < children.length; i++, el = el.nextElementSibling) {
		if (!el || keys.get(el) !== keyOf(children[i], i)) return false;
		elements.push(el);
	}
	if (el) return false;
	for (let i = 0; i < children.length; i++) patch(elements[i], children[i], true);
	return true;
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
		// First draw into an empty root: nothing to compare with, so the elements are built
		// straight from the nodes, off the page, and put in at once (a join would cost much more).
		if (root.localName === node.tag) patchAttrs(root, undefined, node);
		const fragment = root.ownerDocument.createDocumentFragment();
		build(fragment, children);
		root.append(fragment);
		drawn.set(root, node);
		adoptChildren(root, node);
		return;
	}
	patch(root, node, root.localName === node.tag);
}

/** Append the elements drawing `nodes` to `parent`, attributes in the nodes' order. */
function build(parent: Node, nodes: readonly SvgNode[]): void {
	const doc = parent.ownerDocument ?? (parent as Document);
	for (const node of nodes) {
		const el = doc.createElementNS(SVG_NS, node.tag);
		const attrs = node.attrs;
		for (const name in attrs) {
			if (name.includes(':') || name === 'xmlns') setAttr(el, name, attrs[name]);
			else el.setAttribute(name, String(attrs[name]));
		}
		if (node.children && node.children.length > 0) build(el, node.children);
		else if (node.text !== undefined) el.textContent = node.text;
		parent.appendChild(el);
	}
}

/** Built elements whose children are not recorded yet: that is done when they are first patched. */
const unrecorded = new WeakSet<Element>();

/**
 * Record the children built for `node` as drawn from its children (same shape), so a
 * later draw can patch them by key. One level at a time: most of a big drawing is never patched.
 */
function adoptChildren(el: Element, node: SvgNode): void {
	unrecorded.delete(el);
	const children = node.children ?? [];
	let child = el.firstElementChild;
	for (let i = 0; i < children.length && child; i++, child = child.nextElementSibling) {
		keys.set(child, keyOf(children[i], i));
		drawn.set(child, children[i]);
		if (children[i].children) unrecorded.add(child);
	}
}

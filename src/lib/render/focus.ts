// Dimming what is out of focus (a filtered view: one layer, supplier, value chain…) in a node tree,
// so the exported SVG of a filtered view shows what the screen shows. Pure; no DOM.
import type { SvgNode } from './node-parts.js';

/** Opacity 0..1 of elements out of focus: faint, still visible. The editor's filter uses it too. */
export const FOCUS_OPACITY = 0.2;

/**
 * `root` (sceneToNodes' `<svg>`) with every element whose `data-id` is not in `inFocus` at
 * `opacity`: components, their labels, links, evolve moves, notes and the rest. Axes and the
 * map's settings (`meta`: title, legends) stay as they are. Unchanged layers are the same nodes.
 */
export function dimOutOfFocus(root: SvgNode, inFocus: ReadonlySet<string>, opacity = FOCUS_OPACITY): SvgNode {
	const dim = (node: SvgNode): SvgNode => {
		const collection = node.attrs['data-collection'];
		const id = node.attrs['data-id'];
		if (typeof collection !== 'string' || collection === 'meta' || id === undefined || inFocus.has(String(id))) return node;
		return { ...node, attrs: { ...node.attrs, opacity } };
	};
	return {
		...root,
		children: (root.children ?? []).map((layer) =>
			typeof layer.attrs['data-layer'] === 'string' && layer.attrs['data-layer'] !== 'axes' && layer.children
				? { ...layer, children: layer.children.map(dim) }
				: layer
		)
	};
}

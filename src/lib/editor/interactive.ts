// Makes the renderer's node tree operable on screen: each element group becomes focusable (a
// roving tabindex: only the current element is in the page's Tab order) with an accessible name,
// and elements can be dimmed. The exported SVG never goes through here.
import type { MapSnapshot } from '../map/index.js';
import { stageOf } from '../map/index.js';
import { FOCUS_OPACITY, type SvgNode } from '../render/index.js';
import { firstInTabOrder } from './geometry.js';

const FOCUSABLE = new Set(['components', 'evolves', 'links', 'notes', 'annotations', 'accelerators', 'pipelines', 'areas']);
const STAGE_NAMES = { genesis: 'genesis', custom: 'custom-built', product: 'product', commodity: 'commodity' } as const;

/** What a screen reader says for an element: kind, name, place on the map. */
export function describeElement(map: MapSnapshot, collection: string, id: string): string {
	return describer(map)(collection, id);
}

/** A describeElement bound to one map, with its lookups indexed once (linear for a whole map). */
export function describer(map: MapSnapshot): (collection: string, id: string) => string {
	const index = new Map<string, Map<string, { id: string }>>();
	const find = <T extends { id: string }>(name: string, list: readonly T[], id: string): T | undefined => {
		let m = index.get(name);
		if (!m) index.set(name, (m = new Map(list.map((x) => [x.id, x]))));
		return m.get(id) as T | undefined;
	};
	return (collection, id) => describeIndexed(map, collection, id, find);
}

function describeIndexed(
	map: MapSnapshot,
	collection: string,
	id: string,
	find: <T extends { id: string }>(name: string, list: readonly T[], id: string) => T | undefined
): string {
	const place = (e: number, v: number) => `evolution ${e.toFixed(2)} (${STAGE_NAMES[stageOf(e)]}), visibility ${v.toFixed(2)}`;
	const nameOf = (cid: string) => find('components', map.components, cid)?.name ?? find('evolves', map.evolves, cid)?.name ?? '';
	switch (collection) {
		case 'components': {
			const c = find('components', map.components, id);
			if (!c) return 'Component';
			const kind = c.kind === 'anchor' ? 'User need' : c.kind === 'submap' ? 'Submap' : 'Component';
			const marks = [c.inertia && 'inertia', ...Object.entries(c.decorators).filter(([, on]) => on).map(([d]) => d)].filter(Boolean);
			return `${kind} ${c.name}, ${place(c.evolution, c.visibility)}${marks.length ? `, ${marks.join(', ')}` : ''}`;
		}
		case 'evolves': {
			const e = find('evolves', map.evolves, id);
			const c = e && find('components', map.components, e.componentId);
			return e && c ? `Evolve ${c.name}${e.name ? ` to ${e.name}` : ''}, to evolution ${e.evolution.toFixed(2)}` : 'Evolve';
		}
		case 'links': {
			const l = find('links', map.links, id);
			return l ? `${l.flow ? 'Flow' : 'Link'} from ${nameOf(l.from)} to ${nameOf(l.to)}${l.context ? `, ${l.context}` : ''}` : 'Link';
		}
		case 'notes': {
			const n = find('notes', map.notes, id);
			return n ? `Note ${n.text}` : 'Note';
		}
		case 'annotations': {
			const a = find('annotations', map.annotations, id);
			return a ? `Annotation ${a.number}: ${a.text}` : 'Annotation';
		}
		case 'accelerators': {
			const a = find('accelerators', map.accelerators, id);
			return a ? `${a.kind === 'accelerator' ? 'Accelerator' : 'Deaccelerator'} ${a.name}` : 'Accelerator';
		}
		case 'pipelines': {
			const p = find('pipelines', map.pipelines, id);
			return p ? `Pipeline of ${nameOf(p.componentId)}` : 'Pipeline';
		}
		case 'areas': {
			const a = find('areas', map.areas, id);
			return a ? `${a.kind === 'townplanners' ? 'Town planners' : a.kind[0].toUpperCase() + a.kind.slice(1)} area` : 'Area';
		}
		default:
			return '';
	}
}

/** How one element was last shown on screen: from which input node, with what focus and opacity. */
interface Decoration {
	readonly from: SvgNode;
	readonly tabindex: 0 | -1 | null;
	readonly opacity: number;
	readonly strong: boolean;
	readonly out: SvgNode;
}

/** Opacity of links off the selection's value chain when the map fades them (lighter than a dimmed element). */
export const OFF_CHAIN_OPACITY = 0.15;

/** The selection's value chain as the screen draws it. */
export interface ScreenChain {
	/** Link ids on the chain: drawn `strongWidth` px wide (plain links) and marked `data-chain`. */
	readonly links: ReadonlySet<string>;
	readonly strongWidth: number;
	/** Fade the links off the chain to OFF_CHAIN_OPACITY (the map-wide view option). */
	readonly fadeOthers: boolean;
}

export interface ScreenState {
	/** `collection/id` of the element in the Tab order; null (or a missing one) → the first in `tabOrder`. */
	readonly current: string | null;
	/** When set, elements not in it are dimmed to 0.3 opacity (a hovered value chain). */
	readonly lit?: ReadonlySet<string> | null;
	/** When set (a filter: one layer, supplier, chain…), elements not in it are dimmed to FOCUS_OPACITY, as in the export. */
	readonly focus?: ReadonlySet<string> | null;
	/** The selection's value chain: its links strong, the others faded if asked. */
	readonly chain?: ScreenChain | null;
}

/**
 * True for a node that can take focus for its element: what draws it, not a component's label
 * (in the labels' layer). A note is drawn as a bare `<text>`: that text is what takes its focus.
 */
function focusable(node: SvgNode, layer: SvgNode): boolean {
	const collection = node.attrs['data-collection'];
	return layer.attrs['data-layer'] !== 'labels' && typeof collection === 'string' && FOCUSABLE.has(collection);
}

/**
 * A function that turns the renderer's `<svg>` node tree into the tree drawn on screen: without
 * `<title>`/`<desc>` (a tooltip over everything), and with what draws each element (its
 * `<g data-collection data-id>`, or the one shape of a plain link or component; not its label)
 * focusable — `tabindex` 0 for the current element and -1 for the rest, role, role description
 * and accessible name — 0.3 opacity for elements off a hovered chain, FOCUS_OPACITY for those out
 * of a filter's focus, and the selection's chain links strong (the rest faded if asked). (Focus changes and hiding dragged
 * elements are done on the drawn elements themselves: screen-marks.ts.)
 *
 * It remembers what it returned: for the same input node with the same focus and opacity it
 * returns the very same output node, and a layer none of whose elements changed is the same node
 * as last time. drawNodes skips identical nodes without looking inside, so a redraw for a new
 * focus, a hover or the start of a drag costs a pass over the elements, not a diff of them.
 */
export function screenDecorator(): (root: SvgNode, map: MapSnapshot, state: ScreenState) => SvgNode {
	let previous = new Map<string, Decoration>();
	let previousLayers = new Map<string, { from: SvgNode; children: readonly SvgNode[]; out: SvgNode }>();
	return (root, map, { current, lit, focus, chain }) => {
		const children = root.children ?? [];
		// The top of the value chain (tabOrder's first) is the way in with Tab when nothing
		// (existing) is current, not the first element drawn (links and areas are drawn first).
		const entry = firstInTabOrder(map);
		const entryKey = entry ? `${entry.collection}/${entry.id}` : null;
		let focusKey: string | null = null;
		let first: string | null = null;
		for (const layer of children) {
			for (const node of layer.children ?? []) {
				if (!focusable(node, layer)) continue;
				const key = `${node.attrs['data-collection']}/${node.attrs['data-id']}`;
				if (key === current) focusKey = current;
				else if (key === entryKey) first = key;
				first ??= key;
			}
		}
		focusKey ??= first;
		let describe: ((collection: string, id: string) => string) | null = null;
		const seen = new Set<string>();
		const next = new Map<string, Decoration>();
		const decorate = (node: SvgNode, layer: SvgNode): SvgNode => {
			const collection = node.attrs['data-collection'];
			if (typeof collection !== 'string' || collection === 'meta' || node.attrs['data-id'] === undefined) return node;
			const id = String(node.attrs['data-id']);
			let tabindex: 0 | -1 | null = null;
			if (focusable(node, layer)) {
				// Only the first node of an element takes focus (an evolve's arrow, not its evolved copy).
				const key = `${collection}/${id}`;
				if (!seen.has(key)) {
					seen.add(key);
					tabindex = key === focusKey ? 0 : -1;
				}
			}
			const strong = !!chain && collection === 'links' && chain.links.has(id);
			let opacity = lit && !lit.has(id) ? 0.3 : 1;
			if (focus && !focus.has(id)) opacity = Math.min(opacity, FOCUS_OPACITY);
			if (chain?.fadeOthers && collection === 'links' && !strong) opacity = Math.min(opacity, OFF_CHAIN_OPACITY);
			const memo = node.key === undefined ? undefined : `${node.tag}#${node.key}`;
			const before = memo === undefined ? undefined : previous.get(memo);
			const same = before !== undefined && before.from === node;
			let out: SvgNode;
			if (same && before.tabindex === tabindex && before.opacity === opacity && before.strong === strong) out = before.out;
			else {
				const attrs: Record<string, string | number> = Object.assign({}, node.attrs);
				if (tabindex !== null) {
					attrs.tabindex = tabindex;
					attrs.role = 'button';
					attrs['aria-roledescription'] = collection === 'components' ? 'map component' : 'map element';
					// The name depends only on the input node's element: a change of focus reuses it.
					attrs['aria-label'] = (same && before.out.attrs['aria-label']) || (describe ??= describer(map))(collection, id);
				}
				if (opacity !== 1) attrs.opacity = opacity;
				if (strong) {
					// On the selection's chain: wider (a plain link's own line; a flow is wide already).
					attrs['data-chain'] = 'true';
					if (node.tag === 'line') attrs['stroke-width'] = chain!.strongWidth;
				}
				out = { ...node, attrs };
			}
			if (memo !== undefined) next.set(memo, same && out === before.out ? before : { from: node, tabindex, opacity, strong, out });
			return out;
		};
		const screen: SvgNode[] = [];
		const nextLayers = new Map<string, { from: SvgNode; children: readonly SvgNode[]; out: SvgNode }>();
		for (const layer of children) {
			if (layer.tag === 'title' || layer.tag === 'desc') continue;
			const name = layer.attrs['data-layer'];
			if (typeof name !== 'string' || !layer.children) {
				screen.push(layer);
				continue;
			}
			const drawn = layer.children.map((node) => decorate(node, layer));
			const before = previousLayers.get(name);
			const same = before !== undefined && before.from === layer && before.children.every((c, i) => c === drawn[i]);
			const out = same ? before.out : { ...layer, children: drawn };
			nextLayers.set(name, same ? before : { from: layer, children: drawn, out });
			screen.push(out);
		}
		previous = next;
		previousLayers = nextLayers;
		return { ...root, children: screen };
	};
}

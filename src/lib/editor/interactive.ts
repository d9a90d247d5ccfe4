// Makes the renderer's node tree operable on screen: each element group becomes focusable (a
// roving tabindex: only the current element is in the page's Tab order) with an accessible name.
// The exported SVG never goes through here.
import type { MapSnapshot } from '../map/index.js';
import { stageOf } from '../map/index.js';
import type { SvgNode } from '../render/index.js';

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

/**
 * A copy of the tree in which every element group (`<g data-collection data-id>`) is focusable:
 * `tabindex` 0 for `current` (a `collection/id` key) and -1 for the rest, with role, a
 * `role-description` and an accessible name. Only the first group of an element gets them.
 */
export function makeInteractive(root: SvgNode, map: MapSnapshot, current: string | null): SvgNode {
	const keyOf = (node: SvgNode): string | null => {
		const collection = node.attrs['data-collection'];
		const id = node.attrs['data-id'];
		return node.tag === 'g' && typeof collection === 'string' && FOCUSABLE.has(collection) && id !== undefined ? `${collection}/${id}` : null;
	};
	// With nothing current (or a current element that is gone), the first element is the way in with Tab.
	const keys: string[] = [];
	const collect = (node: SvgNode) => {
		const key = keyOf(node);
		if (key) keys.push(key);
		node.children?.forEach(collect);
	};
	collect(root);
	const focusKey = current !== null && keys.includes(current) ? current : (keys[0] ?? null);
	const seen = new Set<string>();
	const describe = describer(map);
	const walk = (node: SvgNode): SvgNode => {
		const key = keyOf(node);
		let attrs = node.attrs;
		if (key && !seen.has(key)) {
			seen.add(key);
			const slash = key.indexOf('/');
			const collection = key.slice(0, slash);
			attrs = {
				...attrs,
				tabindex: key === focusKey ? 0 : -1,
				role: 'button',
				'aria-roledescription': collection === 'components' ? 'map component' : 'map element',
				'aria-label': describe(collection, key.slice(slash + 1))
			};
		}
		if (node.children) return { ...node, attrs, children: node.children.map(walk) };
		return attrs === node.attrs ? node : { ...node, attrs };
	};
	return walk(root);
}

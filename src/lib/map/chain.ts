// A component's whole value chain: everything it needs, transitively, and everything that needs
// it, transitively (not its siblings: going down, then up, never mixes the two). Pure.
import type { MapSnapshot } from './types.js';

export interface Chain {
	/** Component ids on the chain, with the ids of their evolve moves (the evolved copies). */
	readonly elements: Set<string>;
	/** Link ids on the chain. */
	readonly links: Set<string>;
}

/**
 * The value chain through the components `startIds` (component or evolve ids): everything they
 * need, transitively, and everything that needs them, transitively, with the links on the way.
 * A component and its evolved copies count as one (a link to either reaches both). Linear in the
 * size of the map; unknown ids give an empty chain.
 */
export function chainOf(map: MapSnapshot, startIds: Iterable<string>): Chain {
	const componentOf = new Map<string, string>();
	const evolvesOf = new Map<string, string[]>();
	for (const c of map.components) componentOf.set(c.id, c.id);
	for (const e of map.evolves) {
		if (!componentOf.has(e.componentId)) continue;
		componentOf.set(e.id, e.componentId);
		add(evolvesOf, e.componentId, e.id);
	}
	const down = new Map<string, { link: string; to: string }[]>();
	const up = new Map<string, { link: string; to: string }[]>();
	for (const l of map.links) {
		const from = componentOf.get(l.from);
		const to = componentOf.get(l.to);
		if (!from || !to) continue;
		add(down, from, { link: l.id, to });
		add(up, to, { link: l.id, to: from });
	}
	const starts = [...new Set([...startIds].map((id) => componentOf.get(id)).filter((id): id is string => id !== undefined))];
	const components = new Set<string>(starts);
	const links = new Set<string>();
	for (const edges of [down, up]) {
		const seen = new Set<string>(starts);
		const stack = [...starts];
		while (stack.length) {
			const id = stack.pop()!;
			for (const { link, to } of edges.get(id) ?? []) {
				links.add(link);
				components.add(to);
				if (!seen.has(to)) {
					seen.add(to);
					stack.push(to);
				}
			}
		}
	}
	const elements = new Set<string>();
	for (const id of components) {
		elements.add(id);
		for (const e of evolvesOf.get(id) ?? []) elements.add(e);
	}
	return { elements, links };
}

function add<T>(lists: Map<string, T[]>, key: string, value: T): void {
	const list = lists.get(key);
	if (list) list.push(value);
	else lists.set(key, [value]);
}

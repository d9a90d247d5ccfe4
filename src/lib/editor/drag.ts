// What to draw in the drag layer while elements are being dragged: a small map with only the
// moved elements (at their new places), their links and the far ends of those links — and
// (hiddenWhileDragging) the ids the main drawing hides meanwhile. Pure and linear in the map.
import type { MapSnapshot, Point } from '../map/index.js';
import { parseRefKey } from './refs.js';

export interface DragPreview {
	readonly map: MapSnapshot;
}

/** The ids the main drawing hides while `keys` (`collection/id`) are dragged: them, their evolves and links. */
export function hiddenWhileDragging(map: MapSnapshot, keys: Iterable<string>): Set<string> {
	const hidden = new Set<string>();
	for (const key of keys) {
		const ref = parseRefKey(key);
		if (ref) hidden.add(ref.id);
	}
	// Evolves of moved components move with them (same visibility); links follow their ends.
	for (const e of map.evolves) if (hidden.has(e.componentId)) hidden.add(e.id);
	for (const l of map.links) if (hidden.has(l.from) || hidden.has(l.to)) hidden.add(l.id);
	return hidden;
}

export function dragPreview(map: MapSnapshot, moves: ReadonlyMap<string, Point>): DragPreview {
	const moved = new Map<string, Point>();
	const movedEvolves = new Map<string, number>();
	for (const [key, p] of moves) {
		const ref = parseRefKey(key);
		if (!ref) continue;
		if (ref.collection === 'evolves') movedEvolves.set(ref.id, p.evolution);
		else moved.set(ref.id, p);
	}
	const hidden = hiddenWhileDragging(map, moves.keys());
	const evolves = map.evolves.filter((e) => hidden.has(e.id));
	const links = map.links.filter((l) => hidden.has(l.id));
	const needed = new Set<string>(hidden);
	const componentOfEvolve = new Map(map.evolves.map((e) => [e.id as string, e.componentId as string]));
	for (const l of links) {
		for (const end of [l.from, l.to]) {
			needed.add(end);
			const owner = componentOfEvolve.get(end);
			if (owner) needed.add(owner);
		}
	}
	const endEvolves = map.evolves.filter((e) => needed.has(e.id) && !evolves.includes(e));
	const components = map.components
		.filter((c) => needed.has(c.id) || evolves.some((e) => e.componentId === c.id))
		.map((c) => {
			const p = moved.get(c.id);
			return p ? { ...c, evolution: p.evolution, visibility: p.visibility, pipelineId: null } : { ...c, pipelineId: null };
		});
	const place = <T extends { id: string; evolution: number; visibility: number }>(xs: readonly T[]) =>
		xs.filter((x) => moved.has(x.id)).map((x) => ({ ...x, ...moved.get(x.id)! }));
	return {
		map: {
			...map,
			components,
			links,
			evolves: [...evolves, ...endEvolves].map((e) => (movedEvolves.has(e.id) ? { ...e, evolution: movedEvolves.get(e.id)! } : e)),
			pipelines: [],
			notes: place(map.notes),
			accelerators: place(map.accelerators),
			annotations: map.annotations
				.filter((a) => moved.has(a.id))
				.map((a) => ({ ...a, positions: [moved.get(a.id)!, ...a.positions.slice(1)] })),
			areas: []
		}
	};
}

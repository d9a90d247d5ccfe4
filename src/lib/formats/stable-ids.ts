// Deterministic element ids for one-off conversions (`stackmap convert`): the same input gives the
// same output bytes, so a map rendered in CI diffs only when it changes. Never for live maps,
// whose ids must stay unique across peers (map/ids.ts).
import type { EndpointId, MapSnapshot } from '../map/index.js';

/** Id prefixes per collection: short, distinct, and of the shape isId accepts. */
const PREFIX = { components: 'c', links: 'l', evolves: 'e', pipelines: 'p', notes: 'n', annotations: 'a', areas: 'r', accelerators: 'x' } as const;

/**
 * `map` with every element id replaced by its collection's prefix and its position (`c1`, `l3`),
 * and every reference (link ends, pipelines, evolves) following. Pure.
 */
export function withStableIds(map: MapSnapshot): MapSnapshot {
	const renamed = new Map<string, string>();
	for (const key of Object.keys(PREFIX) as (keyof typeof PREFIX)[]) {
		map[key].forEach((item, k) => renamed.set(item.id, `${PREFIX[key]}${k + 1}`));
	}
	const to = <T extends string>(id: T): T => (renamed.get(id) ?? id) as T;
	const again = <T extends { id: string }>(items: readonly T[]): T[] => items.map((item) => ({ ...item, id: to(item.id) }));
	return {
		...map,
		components: map.components.map((c) => ({ ...c, id: to(c.id), pipelineId: c.pipelineId && to(c.pipelineId) })),
		links: map.links.map((l) => ({ ...l, id: to(l.id), from: to<EndpointId>(l.from), to: to<EndpointId>(l.to) })),
		evolves: map.evolves.map((e) => ({ ...e, id: to(e.id), componentId: to(e.componentId) })),
		pipelines: map.pipelines.map((p) => ({ ...p, id: to(p.id), componentId: to(p.componentId) })),
		notes: again(map.notes),
		annotations: again(map.annotations),
		areas: again(map.areas),
		accelerators: again(map.accelerators)
	};
}

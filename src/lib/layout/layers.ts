// The value chain as a layered graph: which component needs which (links between components and
// evolved copies, pipeline children standing for their parent), with cycles broken and each
// component's layer by longest path from the top. Pure; imports only map types.
import type { ComponentId, MapSnapshot } from '../map/types.js';

/** The dependency graph tidy lays out: components that take part in a link, and who needs whom. */
export interface ChainGraph {
	/** Components with at least one link to another component, in the map's order. */
	readonly nodes: readonly ComponentId[];
	/** `from` needs `to`, once each, self-links and the links that close a cycle left out. */
	readonly edges: readonly (readonly [ComponentId, ComponentId])[];
	/** Links left out because they close a cycle (a self-link, or A needs B needs A). */
	readonly cycleEdges: readonly (readonly [ComponentId, ComponentId])[];
}

/**
 * The graph of `map`'s value chain. An evolve end counts as its component (the evolved copy is
 * drawn at its visibility) and a pipeline child as its parent (it is drawn at the parent's).
 * Cycles are broken by a depth-first walk from the anchors, then from components nothing needs,
 * then the rest, each in map order: the links it finds going back up are left out. Deterministic.
 */
export function chainGraph(map: MapSnapshot): ChainGraph {
	const parentOfPipeline = new Map(map.pipelines.map((p) => [p.id as string, p.componentId]));
	const owner = new Map<string, ComponentId>();
	for (const c of map.components) owner.set(c.id, (c.pipelineId && parentOfPipeline.get(c.pipelineId)) || c.id);
	for (const e of map.evolves) owner.set(e.id, owner.get(e.componentId) ?? e.componentId);

	const rank = new Map(map.components.map((c, i) => [c.id as string, i]));
	const out = new Map<ComponentId, ComponentId[]>();
	const hasParent = new Set<ComponentId>();
	const seen = new Set<string>();
	const cycleEdges: [ComponentId, ComponentId][] = [];
	for (const l of map.links) {
		const from = owner.get(l.from);
		const to = owner.get(l.to);
		if (!from || !to) continue;
		const key = `${from} ${to}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (from === to) {
			cycleEdges.push([from, to]);
			continue;
		}
		if (!out.has(from)) out.set(from, []);
		if (!out.has(to)) out.set(to, []);
		out.get(from)!.push(to);
		hasParent.add(to);
	}
	const byRank = (a: ComponentId, b: ComponentId) => rank.get(a)! - rank.get(b)!;
	for (const list of out.values()) list.sort(byRank);
	const nodes = [...out.keys()].sort(byRank);
	const anchors = new Set(map.components.filter((c) => c.kind === 'anchor').map((c) => c.id));
	const starts = [
		...nodes.filter((n) => anchors.has(n)),
		...nodes.filter((n) => !anchors.has(n) && !hasParent.has(n)),
		...nodes
	];

	// Iterative DFS (a long chain must not overflow the stack): grey nodes are on the path.
	const state = new Map<ComponentId, 'grey' | 'black'>();
	const edges: [ComponentId, ComponentId][] = [];
	for (const start of starts) {
		if (state.has(start)) continue;
		state.set(start, 'grey');
		const stack: [ComponentId, number][] = [[start, 0]];
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			const [node, i] = top;
			const next = out.get(node)!;
			if (i === next.length) {
				state.set(node, 'black');
				stack.pop();
				continue;
			}
			top[1] = i + 1;
			const to = next[i];
			const s = state.get(to);
			if (s === 'grey') cycleEdges.push([node, to]);
			else {
				edges.push([node, to]);
				if (s === undefined) {
					state.set(to, 'grey');
					stack.push([to, 0]);
				}
			}
		}
	}
	return { nodes, edges, cycleEdges };
}

/**
 * Each node's layer (0 at the top) by longest path: one below the lowest component that needs it.
 * Components nothing needs sit in layer 0, or in layer 1 under the anchors when the map has any.
 */
export function longestPathLayers(graph: ChainGraph, anchors: ReadonlySet<string>): Map<ComponentId, number> {
	const incoming = new Map<ComponentId, number>(graph.nodes.map((n) => [n, 0]));
	const out = new Map<ComponentId, ComponentId[]>(graph.nodes.map((n) => [n, []]));
	for (const [from, to] of graph.edges) {
		out.get(from)!.push(to);
		incoming.set(to, incoming.get(to)! + 1);
	}
	const anyAnchor = graph.nodes.some((n) => anchors.has(n));
	const layer = new Map<ComponentId, number>();
	// Kahn's order: a node's layer is final once everything that needs it has one.
	const queue = graph.nodes.filter((n) => incoming.get(n) === 0);
	for (const n of queue) layer.set(n, anyAnchor && !anchors.has(n) ? 1 : 0);
	for (let q = 0; q < queue.length; q++) {
		const n = queue[q];
		for (const to of out.get(n)!) {
			layer.set(to, Math.max(layer.get(to) ?? 0, layer.get(n)! + 1));
			const left = incoming.get(to)! - 1;
			incoming.set(to, left);
			if (left === 0) queue.push(to);
		}
	}
	return layer;
}

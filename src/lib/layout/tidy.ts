// tidyValueChain: new visibilities for a map's value chain (anchors and user needs at the top,
// each component below everything that needs it), evolution untouched. Pure and deterministic;
// imports only map types. The editor previews the proposal and applies it as one command.
import type { ComponentId, MapSnapshot } from '../map/types.js';
import { chainGraph, longestPathLayers } from './layers.js';

/** One component's proposed place: its evolution as it is, a new visibility. */
export interface TidyMove {
	readonly id: ComponentId;
	readonly evolution: number;
	/** The visibility now, and the one proposed (0..1). */
	readonly from: number;
	readonly to: number;
}

export interface TidyProposal {
	/** Components whose visibility would change, in map order. */
	readonly moves: readonly TidyMove[];
	/** Layers of the value chain (0 when nothing is linked). */
	readonly layers: number;
}

/** Where the top layer and the lowest possible mark go (visibility). */
const TOP = 0.94;
const BOTTOM = 0.04;
/** At most this far between layers, so a short chain does not stretch over the whole map. */
const MAX_STEP = 0.16;
/** Rows within a layer, so marks (and labels) of close evolution do not sit on one another. */
const ROWS = 3;
/** Marks closer than this in evolution share a row only if no other row is free. */
const CLOSE = 0.08;
/** Visibilities are rounded to this many decimals (steps stay far wider). */
const DECIMALS = 4;

interface Placed {
	readonly x: number;
	readonly y: number;
}

/** True when segments ab and cd cross at a point inside both (sharing an end is not crossing). */
function cross(a: Placed, b: Placed, c: Placed, d: Placed): boolean {
	if (a === c || a === d || b === c || b === d) return false;
	const o = (p: Placed, q: Placed, r: Placed) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
	const d1 = o(c, d, a);
	const d2 = o(c, d, b);
	const d3 = o(a, b, c);
	const d4 = o(a, b, d);
	return d1 * d2 < 0 && d3 * d4 < 0;
}

/**
 * Propose visibilities that make the value chain read top to bottom: layers by longest path from
 * the anchors and the components nothing needs, every link pointing down except those closing a
 * cycle (self-links included). Within a layer, each component takes one of a few rows: the one
 * where no mark of close evolution already sits and its links up cross the fewest links already
 * laid out, preferring the top row. Components with no link to another keep their place; pipeline
 * children follow their parent (the model draws them at its visibility). Evolution never changes.
 */
export function tidyValueChain(map: MapSnapshot): TidyProposal {
	const graph = chainGraph(map);
	const anchors = new Set<string>(map.components.filter((c) => c.kind === 'anchor').map((c) => c.id));
	const layerOf = longestPathLayers(graph, anchors);
	const layers = graph.nodes.length === 0 ? 0 : Math.max(...layerOf.values()) + 1;
	const byId = new Map(map.components.map((c) => [c.id as string, c]));
	const rank = new Map(map.components.map((c, i) => [c.id as string, i]));

	// The lowest row of the lowest layer still sits at BOTTOM.
	const span = layers - 1 + (ROWS - 1) / ROWS;
	const step = span > 0 ? Math.min(MAX_STEP, (TOP - BOTTOM) / span) : MAX_STEP;
	const rowStep = step / ROWS;

	const needers = new Map<ComponentId, ComponentId[]>();
	for (const [from, to] of graph.edges) {
		if (!needers.has(to)) needers.set(to, []);
		needers.get(to)!.push(from);
	}
	const inLayer: ComponentId[][] = Array.from({ length: layers }, () => []);
	for (const n of graph.nodes) inLayer[layerOf.get(n)!].push(n);

	const placed = new Map<ComponentId, Placed>();
	// Links laid out so far, by the layer of their lower end: a link ending above a component's
	// needer lies wholly above the new link from it, so only the layers from there down are checked.
	const laid: [Placed, Placed][][] = Array.from({ length: layers }, () => []);
	for (let layer = 0; layer < layers; layer++) {
		const base = TOP - layer * step;
		const nodes = inLayer[layer].sort((a, b) => byId.get(a)!.evolution - byId.get(b)!.evolution || rank.get(a)! - rank.get(b)!);
		const rows: Placed[][] = Array.from({ length: ROWS }, () => []);
		for (const n of nodes) {
			const x = byId.get(n)!.evolution;
			const ups = (needers.get(n) ?? []).map((m) => ({ at: placed.get(m)!, layer: layerOf.get(m)! }));
			let best = 0;
			let bestCost = Infinity;
			for (let r = 0; r < ROWS; r++) {
				const here = { x, y: base - r * rowStep };
				const crowded = rows[r].filter((p) => Math.abs(p.x - x) < CLOSE).length;
				let crossings = 0;
				for (const up of ups) {
					for (let k = up.layer; k <= layer; k++) for (const [a, b] of laid[k]) if (cross(up.at, here, a, b)) crossings++;
				}
				const cost = crowded * 1000 + crossings * 10 + r;
				if (cost < bestCost) {
					bestCost = cost;
					best = r;
				}
			}
			const at = { x, y: Math.round((base - best * rowStep) * 10 ** DECIMALS) / 10 ** DECIMALS };
			rows[best].push(at);
			placed.set(n, at);
			for (const up of ups) laid[layer].push([up.at, at]);
		}
	}

	const moves: TidyMove[] = [];
	for (const c of map.components) {
		const at = placed.get(c.id);
		if (at && at.y !== c.visibility) moves.push({ id: c.id, evolution: c.evolution, from: c.visibility, to: at.y });
	}
	return { moves, layers };
}

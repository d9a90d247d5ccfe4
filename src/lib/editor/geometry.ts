// Pure editor geometry: pixels ↔ map coordinates, hit-testing and rubber-band selection on a
// scene, keyboard order, nudging and value chains. No DOM.
import { elementRef, type ElementRef, type MapSnapshot, type Point } from '../map/index.js';
import { hitTest as renderHitTest, type Box, type Scene } from '../render/index.js';

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** A px position in the scene → evolution/visibility, clamped to 0..1 and rounded to 0.001. */
export function toMapPoint(plot: Box, x: number, y: number): Point {
	return {
		evolution: round3(clamp01((x - plot.x) / plot.width)),
		visibility: round3(clamp01(1 - (y - plot.y) / plot.height))
	};
}

/** True when a px position in the scene is on the plot (its axes included), not in the margin. */
export function insidePlot(plot: Box, x: number, y: number): boolean {
	return inBox(plot, x, y);
}

/** Map coordinates → px in the scene. */
export function toPixels(plot: Box, p: Point): { x: number; y: number } {
	return { x: plot.x + p.evolution * plot.width, y: plot.y + (1 - p.visibility) * plot.height };
}

/** Keyboard nudge: 0.01 of the axis (0.05 with Shift), kept inside 0..1. */
export function nudge(p: Point, dx: -1 | 0 | 1, dy: -1 | 0 | 1, big = false): Point {
	const step = big ? 0.05 : 0.01;
	return { evolution: round3(clamp01(p.evolution + dx * step)), visibility: round3(clamp01(p.visibility + dy * step)) };
}

function inBox(b: Box, x: number, y: number, pad = 0): boolean {
	return x >= b.x - pad && x <= b.x + b.width + pad && y >= b.y - pad && y <= b.y + b.height + pad;
}

export { segmentDistance } from '../render/index.js';

/**
 * The map element under (x, y) px, by the renderer's hit-test (topmost layer first, nearest
 * within a layer, every item's tolerance at least 12 px); null over empty space and over the axes,
 * title and legend, which are map settings rather than elements.
 */
export function hitTest(scene: Scene, x: number, y: number): ElementRef | null {
	const item = renderHitTest(scene, x, y);
	return item && item.collection !== 'meta' ? elementRef(item.collection, item.id) : null;
}

/** Elements whose anchor point lies inside a rubber band (px box, any corner order). */
export function inRubberBand(scene: Scene, x1: number, y1: number, x2: number, y2: number): ElementRef[] {
	const box: Box = { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
	const refs: ElementRef[] = [];
	for (const k of scene.components) if (k.collection === 'components' && inBox(box, k.x, k.y)) refs.push(elementRef('components', k.id));
	for (const n of scene.notes) if (inBox(box, n.text.x, n.text.y)) refs.push(elementRef('notes', n.id));
	for (const a of scene.accelerators) if (inBox(box, a.x, a.y)) refs.push(elementRef('accelerators', a.id));
	for (const a of scene.annotations) if (a.circles.some((c) => inBox(box, c.x, c.y))) refs.push(elementRef('annotations', a.id));
	return refs;
}

/** Components down the value chain: anchors, then most to least visible, left to right in a row. */
type Ordered = MapSnapshot['components'][number];
const byPlace = (a: Ordered, b: Ordered): number =>
	Number(b.kind === 'anchor') - Number(a.kind === 'anchor') ||
	b.visibility - a.visibility ||
	a.evolution - b.evolution ||
	a.order - b.order;

/**
 * Keyboard (Tab) order: down the value chain — anchors, then components from the most to the
 * least visible, left to right within a row — then evolve moves, notes, annotations, accelerators,
 * links, pipelines and areas.
 */
export function tabOrder(map: MapSnapshot): ElementRef[] {
	return [
		...[...map.components].sort(byPlace).map((c) => ({ collection: 'components' as const, id: c.id })),
		...map.evolves.map((e) => ({ collection: 'evolves' as const, id: e.id })),
		...map.notes.map((n) => ({ collection: 'notes' as const, id: n.id })),
		...map.annotations.map((a) => ({ collection: 'annotations' as const, id: a.id })),
		...map.accelerators.map((a) => ({ collection: 'accelerators' as const, id: a.id })),
		...map.links.map((l) => ({ collection: 'links' as const, id: l.id })),
		...map.pipelines.map((p) => ({ collection: 'pipelines' as const, id: p.id })),
		...map.areas.map((a) => ({ collection: 'areas' as const, id: a.id }))
	];
}

/** The first element of `tabOrder` (null for an empty map), in one pass: where Tab enters the map. */
export function firstInTabOrder(map: MapSnapshot): ElementRef | null {
	let top: Ordered | undefined;
	for (const c of map.components) if (!top || byPlace(c, top) < 0) top = c;
	if (top) return { collection: 'components', id: top.id };
	for (const name of ['evolves', 'notes', 'annotations', 'accelerators', 'links', 'pipelines', 'areas'] as const) {
		const first = map[name][0];
		if (first) return elementRef(name, first.id);
	}
	return null;
}

/**
 * Everything a component needs, transitively (its value chain below it), including the links on
 * the way. Follows links to and from evolved copies of components too.
 */
export function valueChain(map: MapSnapshot, startId: string): { elements: Set<string>; links: Set<string> } {
	const componentOf = new Map<string, string>(map.evolves.map((e) => [e.id as string, e.componentId as string]));
	const out = new Map<string, { link: string; to: string }[]>();
	for (const l of map.links) {
		const list = out.get(l.from) ?? [];
		list.push({ link: l.id, to: l.to });
		out.set(l.from, list);
	}
	const elements = new Set<string>([startId]);
	const links = new Set<string>();
	const stack = [startId];
	while (stack.length) {
		const id = stack.pop()!;
		for (const { link, to } of out.get(id) ?? []) {
			links.add(link);
			for (const next of [to, componentOf.get(to)]) {
				if (next && !elements.has(next)) {
					elements.add(next);
					stack.push(next);
				}
			}
		}
	}
	return { elements, links };
}

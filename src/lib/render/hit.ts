// hitTest: which scene item is under a point (px), within each item's hit tolerance, topmost layer
// first and the nearest item within a layer. For editors: pure geometry, no DOM.
import type { Box, Scene, SceneItem, Segment, TextBlock } from './scene-types.js';

/** Text is hit within this many px of its estimated bounds. */
const TEXT_SLACK = 4;

function inBox(b: Box, x: number, y: number, slack = 0): boolean {
	return x >= b.x - slack && x <= b.x + b.width + slack && y >= b.y - slack && y <= b.y + b.height + slack;
}

/** Distance in px from (x, y) to a segment. */
export function segmentDistance(s: Segment, x: number, y: number): number {
	const dx = s.x2 - s.x1;
	const dy = s.y2 - s.y1;
	const length2 = dx * dx + dy * dy;
	const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - s.x1) * dx + (y - s.y1) * dy) / length2));
	return Math.hypot(x - (s.x1 + t * dx), y - (s.y1 + t * dy));
}

/** True when (x, y) is on a text block (its rotation taken into account). */
function onText(t: TextBlock | null, x: number, y: number): boolean {
	if (!t || t.lines.length === 0) return false;
	if (t.rotate === 0) return inBox(t.bounds, x, y, TEXT_SLACK);
	// Undo the rotation about (t.x, t.y), then test the unrotated bounds.
	const a = (-t.rotate * Math.PI) / 180;
	const rx = t.x + (x - t.x) * Math.cos(a) - (y - t.y) * Math.sin(a);
	const ry = t.y + (x - t.x) * Math.sin(a) + (y - t.y) * Math.cos(a);
	return inBox(t.bounds, rx, ry, TEXT_SLACK);
}

/** The nearest item of a list by `distance` (px) among those within their hit radius, or null. */
function nearest<T extends SceneItem>(list: readonly T[], distance: (item: T) => number): T | null {
	let best: T | null = null;
	let bestDistance = Infinity;
	for (const item of list) {
		const d = distance(item);
		if (d <= item.hit && d <= bestDistance) {
			best = item;
			bestDistance = d;
		}
	}
	return best;
}

/**
 * The item drawn at (x, y) px, or null. Layers are tried top to bottom (legend, annotations,
 * notes, components and their labels, accelerators, evolve arrows, links, pipelines, areas, axes);
 * within a layer the nearest item wins, ties going to the one drawn last.
 */
export function hitTest(scene: Scene, x: number, y: number): SceneItem | null {
	const miss = Infinity;
	const axes = scene.axes;
	const tries: (() => SceneItem | null)[] = [
		() => (scene.legend && inBox(scene.legend.box, x, y) ? scene.legend : null),
		() => nearest(scene.annotations, (a) => Math.min(...a.circles.map((c) => Math.hypot(x - c.x, y - c.y)))),
		() => nearest(scene.notes, (n) => (onText(n.text, x, y) ? 0 : miss)),
		() => nearest(scene.components, (c) => {
			// A direct hit on the symbol beats a hit on a label.
			const d = Math.hypot(x - c.x, y - c.y);
			return d <= c.hit ? d : onText(c.label, x, y) ? c.hit : miss;
		}),
		() => nearest(scene.accelerators, (a) => {
			const d = Math.hypot(x - a.x, y - a.y);
			return d <= a.hit ? d : onText(a.label, x, y) ? a.hit : miss;
		}),
		() => nearest(scene.evolves, (e) => segmentDistance(e, x, y)),
		() => nearest(scene.links, (l) => (onText(l.context, x, y) || onText(l.flowLabel, x, y) ? 0 : segmentDistance(l, x, y))),
		() => nearest(scene.pipelines, (p) => (inBox(p.box, x, y) ? 0 : miss)),
		() => nearest(scene.areas, (a) => (inBox(a.box, x, y) ? 0 : miss)),
		() => (axes.evolution && [...axes.evolution.stages, axes.evolution.title].some((t) => onText(t, x, y)) ? axes.evolution : null),
		() => (axes.valueChain && [axes.valueChain.title, axes.valueChain.top, axes.valueChain.bottom].some((t) => onText(t, x, y)) ? axes.valueChain : null),
		() => (axes.title && onText(axes.title.text, x, y) ? axes.title : null)
	];
	for (const attempt of tries) {
		const item = attempt();
		if (item) return item;
	}
	return null;
}

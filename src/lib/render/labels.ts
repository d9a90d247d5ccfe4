// Automatic label placement: each component's label goes to the first free spot among candidates
// around its mark (no other label, mark or the canvas edge under it), then to rings further out with
// a leader line. Pinned labels stay exactly where a person put them. Deterministic: a fixed order
// and a grid, no randomness. Pure; imports only scene types.
import { LabelGrid, type Rect } from './label-grid.js';
import type { Box, ComponentItem, Segment, TextBlock } from './scene-types.js';

/** What placement needs to know about one label beyond its scene item. */
export interface LabelRequest {
	/** The label offset the map gives (a hint unless pinned), or null. */
	readonly hint: { readonly x: number; readonly y: number } | null;
	readonly pinned: boolean;
	/** How far (px) the mark reaches from its centre: symbol and build/buy/outsource markers. */
	readonly reach: number;
}

/** Things labels must keep off besides marks and each other: fixed text, the legend, links to avoid crossing. */
export interface LabelObstacles {
	/** Boxes no label may cover (other text, the legend). */
	readonly boxes: readonly Box[];
	/** Circles no label may cover (annotation markers). */
	readonly circles: readonly { readonly x: number; readonly y: number; readonly r: number }[];
	/** Lines a label should rather not cross (links): a tie-breaker among free spots, never a blocker. */
	readonly lines: readonly Segment[];
}

/** Rings of candidates beyond the first, each this much further from the mark (px). */
const RING_STEP = 14;
const RINGS = 12;
/**
 * Candidates tried per label on average, beyond which labels get only the near ones: a canvas too
 * small for its labels would otherwise try every ring for most of them, to no avail.
 */
const BUDGET_PER_LABEL = 20;
/** Link crossings are counted up to this many per candidate. */
const MAX_CROSSINGS = 3;
/**
 * Past this many links, crossings are not scored (the first free spot wins): such a web crosses
 * most spots anyway, and filing every link costs as much as placing the labels.
 */
const MAX_SCORED_LINKS = 1000;
/** Room (px) kept between a label and the canvas edge, and around a label. */
const EDGE = 2;
const PAD = 1;
/** Ring directions in order of preference: right, above-right, above… (radians, y up). */
const RING_ANGLES = [0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180].map((d) => (d * Math.PI) / 180);

function rectOf(b: Box): Rect {
	return { x0: b.x - PAD, y0: b.y - PAD, x1: b.x + b.width + PAD, y1: b.y + b.height + PAD };
}

/** The label block moved so that its bounds' top-left is at (left, top). */
function moved(t: TextBlock, left: number, top: number): TextBlock {
	const dx = left - t.bounds.x;
	const dy = top - t.bounds.y;
	if (dx === 0 && dy === 0) return t;
	return { ...t, x: t.x + dx, y: t.y + dy, bounds: { ...t.bounds, x: left, y: top } };
}

/** Candidate top-left corners for a label of w × h around a mark at (x, y) reaching `r`, best first. */
function nearCandidates(k: ComponentItem, r: number, w: number, h: number): [number, number][] {
	const { x, y } = k;
	if (k.kind === 'anchor') {
		// An anchor is its label: centred on its point first, then just beside it.
		const gap = 4;
		return [
			[x - w / 2, y - h / 2], [x - w / 2, y - h - gap], [x - w / 2, y + gap], [x + gap, y - h / 2], [x - w - gap, y - h / 2]
		];
	}
	// The first is OWM's default (`label [5, -10]` for its 5 px circles): above and to the right.
	const above = y - r - 1.6 - h;
	const below = y + r + 2;
	return [
		[x + r, above],
		[x + r + 4, y - h / 2],
		[x - w / 2, above - 1],
		[x + r, below],
		[x - r - 4 - w, y - h / 2],
		[x - r - w, above],
		[x - w / 2, below + 1],
		[x - r - w, below]
	];
}

/** Ring `n` (1…) of candidates: boxes whose near side is n ring steps beyond the mark, in RING_ANGLES' order. */
function ringCandidates(k: ComponentItem, r: number, w: number, h: number, n: number): [number, number][] {
	const d = r + 4 + n * RING_STEP;
	return RING_ANGLES.map((a) => {
		const ux = Math.cos(a);
		const uy = -Math.sin(a);
		const cx = k.x + ux * (d + w / 2);
		const cy = k.y + uy * (d + h / 2);
		return [cx - w / 2, cy - h / 2];
	});
}

/** The leader from the mark's edge to the nearest point of the label's box; null for a near candidate (ring 0) or a close box. */
function leaderTo(k: ComponentItem, r: number, b: Box, ring: number): Segment | null {
	const nx = Math.max(b.x, Math.min(k.x, b.x + b.width));
	const ny = Math.max(b.y, Math.min(k.y, b.y + b.height));
	const length = Math.hypot(nx - k.x, ny - k.y);
	if (ring === 0 || length <= r + 8) return null;
	const from = k.kind === 'anchor' ? 0 : k.outer;
	return { x1: k.x + ((nx - k.x) / length) * from, y1: k.y + ((ny - k.y) / length) * from, x2: nx, y2: ny };
}

/** Placement order: pinned first, then anchors (user needs), then top to bottom, left to right, by key. */
function order(items: readonly ComponentItem[], requests: ReadonlyMap<string, LabelRequest>): number[] {
	const rank = (k: ComponentItem) => (requests.get(k.key)?.pinned ? 0 : k.kind === 'anchor' ? 1 : 2);
	return items
		.map((_, i) => i)
		.sort((a, b) => {
			const p = items[a];
			const q = items[b];
			return rank(p) - rank(q) || p.y - q.y || p.x - q.x || (p.key < q.key ? -1 : p.key > q.key ? 1 : 0);
		});
}

/**
 * Place every item's label on a canvas of width × height px. An item's label as given is where its
 * hint (or pinned offset) puts it; pinned ones stay there, the others move to the first free
 * candidate (a hint's own spot first, then the nearest). Among free candidates of one ring the one
 * crossing the fewest links wins. When nothing is free, the near candidate touching the fewest
 * things, moved inside the canvas. Returns new items (same order); labels moved off their mark get a leader.
 */
export function placeLabels(
	items: readonly ComponentItem[],
	requests: ReadonlyMap<string, LabelRequest>,
	canvas: { readonly width: number; readonly height: number },
	obstacles: LabelObstacles
): ComponentItem[] {
	const blocked = new LabelGrid();
	const links = new LabelGrid(64);
	const reaches = items.map((k) => requests.get(k.key)?.reach ?? k.outer);
	items.forEach((k, i) => {
		if (k.kind !== 'anchor') blocked.addCircle(k.x, k.y, reaches[i]);
		if (k.inertia) blocked.addRect(rectOf(k.inertia));
	});
	for (const b of obstacles.boxes) blocked.addRect(rectOf(b));
	for (const c of obstacles.circles) blocked.addCircle(c.x, c.y, c.r);
	const scored = obstacles.lines.length <= MAX_SCORED_LINKS;
	if (scored) for (const s of obstacles.lines) links.addSegment(s.x1, s.y1, s.x2, s.y2);

	const inside = (r: Rect) => r.x0 >= EDGE - PAD && r.y0 >= EDGE - PAD && r.x1 <= canvas.width - EDGE + PAD && r.y1 <= canvas.height - EDGE + PAD;
	const out = items.slice();
	let budget = BUDGET_PER_LABEL * items.length + 2000;
	for (const i of order(items, requests)) {
		const k = items[i];
		const t = k.label;
		if (t.lines.length === 0) continue;
		const request = requests.get(k.key);
		if (request?.pinned) {
			blocked.addRect(rectOf(t.bounds));
			continue;
		}
		const r = reaches[i];
		const { width: w, height: h } = t.bounds;
		const rectAt = ([x, y]: [number, number]): Rect => ({ x0: x - PAD, y0: y - PAD, x1: x + w + PAD, y1: y + h + PAD });
		const free = (c: [number, number]) => {
			const rect = rectAt(c);
			return inside(rect) && blocked.count(rect, 1) === 0;
		};
		let chosen: [number, number] | null = null;
		let near = nearCandidates(k, r, w, h);
		if (request?.hint) {
			// A hint is kept where it is free; otherwise the nearest free spot to it.
			const hint: [number, number] = [t.bounds.x, t.bounds.y];
			// Checked without the padding, so an offset written back rounded to whole px still fits.
			const exact: Rect = { x0: hint[0], y0: hint[1], x1: hint[0] + w, y1: hint[1] + h };
			if (inside(exact) && blocked.count(exact, 1) === 0) chosen = hint;
			const d = (c: [number, number]) => Math.hypot(c[0] - hint[0], c[1] - hint[1]);
			near = near.map((c, j) => [c, j] as const).sort((a, b) => d(a[0]) - d(b[0]) || a[1] - b[1]).map(([c]) => c);
		}
		// Ring by ring; on a crowded canvas the outer rings are tried only while the budget lasts.
		const rings = budget > 0 ? RINGS : 0;
		const hinted = chosen !== null;
		let ringOf = 0;
		for (let n = 0; n <= rings && !chosen; n++) {
			ringOf = n;
			const ring = n === 0 ? near : ringCandidates(k, r, w, h, n);
			budget -= ring.length;
			let best = Infinity;
			for (const c of ring) {
				if (!free(c)) continue;
				// Counted up to a few: past that, a spot is as bad as any other.
				const crossings = scored ? links.count(rectAt(c), Math.min(best, MAX_CROSSINGS)) : 0;
				if (crossings < best) {
					best = crossings;
					chosen = c;
					if (crossings === 0) break;
				}
			}
		}
		// Nowhere free: the least crowded near spot, without a leader (it would only add clutter there).
		if (!chosen) {
			chosen = leastCrowded(near, rectAt, blocked, canvas, w, h);
			ringOf = 0;
		}
		const label = moved(t, chosen[0], chosen[1]);
		blocked.addRect(rectOf(label.bounds));
		// A kept hint is where the map put it: no leader, as in OWM.
		const leader = hinted ? null : leaderTo(k, r, label.bounds, ringOf);
		if (label !== t || leader) out[i] = { ...k, label, leader };
	}
	return out;
}

/** The candidate touching the fewest things once moved inside the canvas (first of equals). */
function leastCrowded(
	candidates: readonly [number, number][],
	rectAt: (c: [number, number]) => Rect,
	blocked: LabelGrid,
	canvas: { readonly width: number; readonly height: number },
	w: number,
	h: number
): [number, number] {
	let best: [number, number] = candidates[0];
	let fewest = Infinity;
	for (const [x, y] of candidates) {
		const c: [number, number] = [
			Math.max(EDGE, Math.min(canvas.width - EDGE - w, x)),
			Math.max(EDGE, Math.min(canvas.height - EDGE - h, y))
		];
		const n = blocked.count(rectAt(c), fewest);
		if (n < fewest) {
			fewest = n;
			best = c;
		}
	}
	return best;
}

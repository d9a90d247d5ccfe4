// A uniform grid of boxes, circles and segments for label placement: "is this box free?" and "how
// many things does it touch?" without looking at the whole map. Insertion order only, so the
// answers (and the placement built on them) are the same on every run. Pure.

/** An axis-aligned rectangle by its edges, in px. */
export interface Rect {
	readonly x0: number;
	readonly y0: number;
	readonly x1: number;
	readonly y1: number;
}

const RECT = 0;
const CIRCLE = 1;
const SEGMENT = 2;

/** One shape, all fields numbers (one hidden class: the hot loop stays monomorphic). */
interface Shape {
	readonly kind: typeof RECT | typeof CIRCLE | typeof SEGMENT;
	/** Bounding box. */
	readonly r: Rect;
	/** Circle: centre and radius (a unused); segment: its ends. */
	readonly a: number;
	readonly b: number;
	readonly c: number;
	readonly d: number;
}

/** Overlaps closer than this (px) do not count: boxes that only touch are free. */
const EPSILON = 0.5;

export function rectsOverlap(a: Rect, b: Rect): boolean {
	return a.x0 < b.x1 - EPSILON && b.x0 < a.x1 - EPSILON && a.y0 < b.y1 - EPSILON && b.y0 < a.y1 - EPSILON;
}

/** True when the circle reaches into the rectangle by more than EPSILON. */
export function circleInRect(x: number, y: number, radius: number, r: Rect): boolean {
	const dx = x - Math.max(r.x0, Math.min(x, r.x1));
	const dy = y - Math.max(r.y0, Math.min(y, r.y1));
	return dx * dx + dy * dy < (radius - EPSILON) * (radius - EPSILON) && radius > EPSILON;
}

/** True when the segment passes through the rectangle's inside (Liang–Barsky clipping). */
export function segmentInRect(x1: number, y1: number, x2: number, y2: number, r: Rect): boolean {
	const dx = x2 - x1;
	const dy = y2 - y1;
	// Clip the parameter range [t0, t1] against each edge in turn (hot path: no allocation).
	let t0 = 0;
	let t1 = 1;
	for (let k = 0; k < 4; k++) {
		const p = k === 0 ? -dx : k === 1 ? dx : k === 2 ? -dy : dy;
		const q = k === 0 ? x1 - r.x0 : k === 1 ? r.x1 - x1 : k === 2 ? y1 - r.y0 : r.y1 - y1;
		if (p === 0) {
			if (q > 0) continue;
			return false;
		}
		const t = q / p;
		if (p < 0) t0 = Math.max(t0, t);
		else t1 = Math.min(t1, t);
		if (t0 > t1) return false;
	}
	return t1 - t0 > 1e-9;
}

function hits(s: Shape, r: Rect): boolean {
	if (s.kind === SEGMENT) return segmentInRect(s.a, s.b, s.c, s.d, r);
	if (!rectsOverlap(s.r, r)) return false;
	return s.kind === RECT || circleInRect(s.a, s.b, s.c, r);
}

export class LabelGrid {
	private readonly cells = new Map<number, number[]>();
	private readonly shapes: Shape[] = [];
	private readonly seen: number[] = [];
	private stamp = 0;

	/** `cell`: the grid's cell size in px (about a label's height or two). */
	constructor(private readonly cell = 48) {}

	private add(s: Shape): void {
		const id = this.shapes.length;
		this.shapes.push(s);
		this.seen.push(0);
		const c = this.cell;
		const i0 = Math.floor(s.r.x0 / c);
		const i1 = Math.floor(s.r.x1 / c);
		const j0 = Math.floor(s.r.y0 / c);
		const j1 = Math.floor(s.r.y1 / c);
		const sloped = s.kind === SEGMENT && s.a !== s.c;
		for (let i = i0; i <= i1; i++) {
			let from = j0;
			let to = j1;
			if (sloped) {
				// A segment is filed only in the cells of this column its line passes through.
				const ya = s.b + ((Math.max(s.r.x0, i * c) - s.a) * (s.d - s.b)) / (s.c - s.a);
				const yb = s.b + ((Math.min(s.r.x1, (i + 1) * c) - s.a) * (s.d - s.b)) / (s.c - s.a);
				from = Math.floor(Math.min(ya, yb) / c);
				to = Math.floor(Math.max(ya, yb) / c);
			}
			for (let j = from; j <= to; j++) {
				const key = i * 65536 + j;
				const list = this.cells.get(key);
				if (list) list.push(id);
				else this.cells.set(key, [id]);
			}
		}
	}

	addRect(r: Rect): void {
		this.add({ kind: RECT, r, a: 0, b: 0, c: 0, d: 0 });
	}

	addCircle(x: number, y: number, radius: number): void {
		this.add({ kind: CIRCLE, r: { x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius }, a: x, b: y, c: radius, d: 0 });
	}

	addSegment(x1: number, y1: number, x2: number, y2: number): void {
		this.add({ kind: SEGMENT, r: { x0: Math.min(x1, x2), y0: Math.min(y1, y2), x1: Math.max(x1, x2), y1: Math.max(y1, y2) }, a: x1, b: y1, c: x2, d: y2 });
	}

	/** How many shapes `r` touches, counting at most `limit`. */
	count(r: Rect, limit = Infinity): number {
		const stamp = ++this.stamp;
		const c = this.cell;
		let n = 0;
		for (let i = Math.floor(r.x0 / c); i <= Math.floor(r.x1 / c); i++) {
			for (let j = Math.floor(r.y0 / c); j <= Math.floor(r.y1 / c); j++) {
				const list = this.cells.get(i * 65536 + j);
				if (!list) continue;
				for (const id of list) {
					if (this.seen[id] === stamp) continue;
					this.seen[id] = stamp;
					if (hits(this.shapes[id], r) && ++n >= limit) return n;
				}
			}
		}
		return n;
	}
}

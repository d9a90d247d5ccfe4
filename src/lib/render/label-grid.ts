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

type Shape =
	| { readonly kind: 'rect'; readonly r: Rect }
	| { readonly kind: 'circle'; readonly x: number; readonly y: number; readonly radius: number; readonly r: Rect }
	| { readonly kind: 'segment'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly r: Rect };

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
	const clip = (p: number, q: number): boolean => {
		if (p === 0) return q > 0;
		const t = q / p;
		if (p < 0) t0 = Math.max(t0, t);
		else t1 = Math.min(t1, t);
		return t0 <= t1;
	};
	return clip(-dx, x1 - r.x0) && clip(dx, r.x1 - x1) && clip(-dy, y1 - r.y0) && clip(dy, r.y1 - y1) && t1 - t0 > 1e-9;
}

function hits(s: Shape, r: Rect): boolean {
	if (!rectsOverlap(s.r, r) && s.kind !== 'segment') return false;
	if (s.kind === 'rect') return true;
	if (s.kind === 'circle') return circleInRect(s.x, s.y, s.radius, r);
	return segmentInRect(s.x1, s.y1, s.x2, s.y2, r);
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
		const [i0, i1, j0, j1] = [Math.floor(s.r.x0 / c), Math.floor(s.r.x1 / c), Math.floor(s.r.y0 / c), Math.floor(s.r.y1 / c)];
		for (let i = i0; i <= i1; i++) {
			let [from, to] = [j0, j1];
			if (s.kind === 'segment' && s.x1 !== s.x2) {
				// A segment is filed only in the cells of this column its line passes through.
				const at = (x: number) => s.y1 + ((x - s.x1) * (s.y2 - s.y1)) / (s.x2 - s.x1);
				const ya = at(Math.max(s.r.x0, i * c));
				const yb = at(Math.min(s.r.x1, (i + 1) * c));
				from = Math.floor(Math.min(ya, yb) / c);
				to = Math.floor(Math.max(ya, yb) / c);
			}
			for (let j = from; j <= to; j++) {
				const key = i * 65536 + j;
				let list = this.cells.get(key);
				if (!list) this.cells.set(key, (list = []));
				list.push(id);
			}
		}
	}

	addRect(r: Rect): void {
		this.add({ kind: 'rect', r });
	}

	addCircle(x: number, y: number, radius: number): void {
		this.add({ kind: 'circle', x, y, radius, r: { x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius } });
	}

	addSegment(x1: number, y1: number, x2: number, y2: number): void {
		this.add({
			kind: 'segment', x1, y1, x2, y2,
			r: { x0: Math.min(x1, x2), y0: Math.min(y1, y2), x1: Math.max(x1, x2), y1: Math.max(y1, y2) }
		});
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

// Numbers and SVG path strings, rounded to 2 decimals so the output is deterministic and small.
// Pure; d3-shape is not used (not installed): paths are built here by hand.

/** `n` rounded to 2 decimals; -0 and non-finite values become 0. */
export function round(n: number): number {
	if (!Number.isFinite(n)) return 0;
	const r = Math.round(n * 100) / 100;
	return r === 0 ? 0 : r;
}

/** A polygon through the points (px), closed: `M x,y L x,y … Z`. */
export function polygon(points: readonly (readonly [number, number])[]): string {
	return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ') + ' Z';
}

/** An open line through the points (px). */
export function polyline(points: readonly (readonly [number, number])[]): string {
	return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ');
}

/** A triangle pointing up, centred on (cx, cy), fitting a circle of radius r (px). */
export function triangle(cx: number, cy: number, r: number): string {
	const h = Math.sqrt(3) / 2;
	return polygon([[cx, cy - r], [cx + r * h, cy + r / 2], [cx - r * h, cy + r / 2]]);
}

/** A diamond (square on its corner) centred on (cx, cy) with half-diagonal r (px). */
export function diamond(cx: number, cy: number, r: number): string {
	return polygon([[cx, cy - r], [cx + r, cy], [cx, cy + r], [cx - r, cy]]);
}

/** An axis-aligned square centred on (cx, cy) with half-side r (px). */
export function square(cx: number, cy: number, r: number): string {
	return polygon([[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r]]);
}

/** A filled arrowhead with its tip at (x, y), pointing along the angle (radians), `size` px long. */
export function arrowhead(x: number, y: number, angle: number, size: number): string {
	const back = angle + Math.PI;
	const spread = 0.45;
	return polygon([
		[x, y],
		[x + size * Math.cos(back - spread), y + size * Math.sin(back - spread)],
		[x + size * Math.cos(back + spread), y + size * Math.sin(back + spread)]
	]);
}

/**
 * A block arrow (accelerator symbol) centred on (cx, cy), `w` × `h` px, pointing right when
 * `direction` is 1 and left when -1.
 */
export function blockArrow(cx: number, cy: number, w: number, h: number, direction: 1 | -1): string {
	const d = direction;
	const tail = cx - (d * w) / 2;
	const neck = cx + d * (w / 2 - h / 2);
	const tip = cx + (d * w) / 2;
	const shaft = h / 4;
	return polygon([
		[tail, cy - shaft], [neck, cy - shaft], [neck, cy - h / 2], [tip, cy],
		[neck, cy + h / 2], [neck, cy + shaft], [tail, cy + shaft]
	]);
}

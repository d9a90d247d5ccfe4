// WCAG 2.x colour contrast of `#rrggbb` colours, used to check the themes (and by anyone who lets a
// user pick colours). Pure; imports nothing.

/** Relative luminance 0 (black) … 1 (white) of a `#rrggbb` or `#rgb` colour, as WCAG 2.2 defines it. */
export function luminance(hex: string): number {
	const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
	if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
	const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
	const channel = (i: number) => {
		const c = parseInt(h.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** Contrast ratio 1 … 21 between two `#rrggbb` colours (order does not matter). */
export function contrastRatio(a: string, b: string): number {
	const la = luminance(a);
	const lb = luminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// Geometry of a strip plot of evolution positions (where councils place one component type):
// one dot per component, or a histogram when there are too many to see, with the quartile box
// and the vocabulary's typical range. Pure.
import { evolutionAxis, jitter, type Axis } from './chart.js';

export interface StripPlotInput {
	readonly positions: readonly number[];
	/** The vocabulary's typical evolution range, drawn as a band. */
	readonly typical?: readonly [number, number];
	readonly stats?: { readonly q1: number; readonly median: number; readonly q3: number } | null;
	readonly width?: number;
}

export interface StripPlot {
	readonly width: number;
	readonly height: number;
	readonly axis: Axis;
	/** Plot band: top and bottom y of the data. */
	readonly top: number;
	readonly bottom: number;
	readonly dots: readonly { readonly cx: number; readonly cy: number }[];
	readonly bins: readonly { readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly count: number }[];
	readonly band: { readonly x1: number; readonly x2: number } | null;
	readonly box: { readonly q1: number; readonly median: number; readonly q3: number } | null;
}

/** Above this many positions the plot is a histogram. */
export const MAX_DOTS = 400;
const BINS = 40;

export function stripPlot(input: StripPlotInput): StripPlot {
	const width = input.width ?? 720;
	const height = 150;
	const top = 28;
	const bottom = 108;
	const axis = evolutionAxis(16, width - 16);
	const values = input.positions.filter(Number.isFinite);
	let dots: StripPlot['dots'] = [];
	let bins: StripPlot['bins'] = [];
	if (values.length <= MAX_DOTS) {
		dots = values.map((v, i) => ({ cx: axis.x(v), cy: top + 8 + jitter(i + 1) * (bottom - top - 16) }));
	} else {
		const counts = new Array<number>(BINS).fill(0);
		for (const v of values) counts[Math.min(BINS - 1, Math.max(0, Math.floor(Math.min(1, Math.max(0, v)) * BINS)))]++;
		const max = Math.max(...counts);
		bins = counts.map((count, i) => {
			const h = max ? (count / max) * (bottom - top) : 0;
			const x1 = axis.x(i / BINS);
			return { x: x1 + 0.5, y: bottom - h, width: axis.x((i + 1) / BINS) - x1 - 1, height: h, count };
		});
	}
	const s = input.stats;
	return {
		width,
		height,
		axis,
		top,
		bottom,
		dots,
		bins,
		band: input.typical ? { x1: axis.x(input.typical[0]), x2: axis.x(input.typical[1]) } : null,
		box: s && values.length > 0 ? { q1: axis.x(s.q1), median: axis.x(s.median), q3: axis.x(s.q3) } : null
	};
}

// Small descriptive statistics for evolution spreads. Pure.

export interface Spread {
	readonly count: number;
	readonly min: number;
	readonly max: number;
	readonly median: number;
	/** First and third quartiles (linear interpolation between order statistics, as in R type 7). */
	readonly q1: number;
	readonly q3: number;
	/** q3 − q1. */
	readonly iqr: number;
}

/** The q-quantile (0..1) of ascending-sorted values; NaN for none. */
export function quantileSorted(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return NaN;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Min, max, median and quartiles of some values (NaN fields for none). */
export function spreadOf(values: readonly number[]): Spread {
	const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
	const q1 = quantileSorted(sorted, 0.25);
	const q3 = quantileSorted(sorted, 0.75);
	return {
		count: sorted.length,
		min: sorted.length ? sorted[0] : NaN,
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
		median: quantileSorted(sorted, 0.5),
		q1,
		q3,
		iqr: q3 - q1
	};
}

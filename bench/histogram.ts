// A latency histogram in 0.05 ms bins up to 10 s: no per-sample arrays (millions of samples must
// not disturb the GC), and histograms from several processes merge by adding their bins.

export interface HistogramData {
	bins: Uint32Array;
	count: number;
	max: number;
}

export class Histogram {
	bins = new Uint32Array(200_000);
	count = 0;
	max = 0;

	/** Record one latency, ms. */
	add(ms: number): void {
		this.bins[Math.min(this.bins.length - 1, Math.max(0, Math.round(ms * 20)))]++;
		this.count++;
		if (ms > this.max) this.max = ms;
	}

	/** Add another histogram's samples (from a worker process) to this one. */
	merge(other: HistogramData): void {
		for (let i = 0; i < this.bins.length; i++) this.bins[i] += other.bins[i];
		this.count += other.count;
		if (other.max > this.max) this.max = other.max;
	}

	/** The q-th percentile (0..100), ms; NaN when empty. */
	percentile(q: number): number {
		if (this.count === 0) return NaN;
		let target = Math.ceil((q / 100) * this.count);
		for (let i = 0; i < this.bins.length; i++) if ((target -= this.bins[i]) <= 0) return i / 20;
		return this.max;
	}

	data(): HistogramData {
		return { bins: this.bins, count: this.count, max: this.max };
	}
}

// The server's own share of an edit's propagation: from the moment an update is applied to the
// room's document to the broadcast that carries it (storage and coalescing included). Off
// unless enabled (benchmarks turn it on through /api/debug/stats); then two clock reads per update.

/** A latency histogram in 0.05 ms bins up to 1 s. */
export class BroadcastMetrics {
	enabled = false;
	private bins = new Uint32Array(20_000);
	private count = 0;
	private max = 0;

	record(ms: number): void {
		this.bins[Math.min(this.bins.length - 1, Math.max(0, Math.round(ms * 20)))]++;
		this.count++;
		if (ms > this.max) this.max = ms;
	}

	/** p50, p99 and max in ms since the last reset, and how many updates. */
	read(): { count: number; p50: number; p99: number; max: number } {
		const at = (q: number) => {
			let target = Math.ceil((q / 100) * this.count);
			for (let i = 0; i < this.bins.length; i++) if ((target -= this.bins[i]) <= 0) return i / 20;
			return this.max;
		};
		return { count: this.count, p50: at(50), p99: at(99), max: this.max };
	}

	reset(): void {
		this.bins.fill(0);
		this.count = 0;
		this.max = 0;
	}
}

// What the collaboration path counts for /metrics: plain numbers bumped on the hot path (an edit
// pays an increment and, for the store, two clock reads); metrics.ts turns them into Prometheus series.

export const counters = {
	/** Edits applied to any room's document. */
	edits: 0,
	/** Updates refused (permission, schema, size), by reason class. */
	refusals: new Map<string, number>(),
	/** Connections closed by the server, by close code. */
	closes: new Map<number, number>(),
	/** Messages to and from the other instances over Redis, and their bytes. */
	bus: { in: 0, out: 0, inBytes: 0, outBytes: 0 },
	/** Store latency samples (seconds) not yet handed to the histogram, by operation. */
	store: [] as [op: string, seconds: number][]
};

/** Most samples kept between two scrapes; past that the oldest are dropped (a scrape every 15 s is usual). */
const MAX_SAMPLES = 50_000;

export function countRefusal(reason: string): void {
	// Reasons carry numbers ("over 2,000 components"): keep the words only, so the label set stays small.
	const kind = reason.replace(/[\d,.]+/g, 'N').slice(0, 60);
	counters.refusals.set(kind, (counters.refusals.get(kind) ?? 0) + 1);
}

export function countBus(direction: 'in' | 'out', bytes: number): void {
	counters.bus[direction]++;
	counters.bus[direction === 'in' ? 'inBytes' : 'outBytes'] += bytes;
}

export function countClose(code: number): void {
	counters.closes.set(code, (counters.closes.get(code) ?? 0) + 1);
}

export function observeStore(op: string, seconds: number): void {
	if (counters.store.length >= MAX_SAMPLES) counters.store.shift();
	counters.store.push([op, seconds]);
}

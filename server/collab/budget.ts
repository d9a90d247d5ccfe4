// One budget for every byte the process has queued to send, across all connections: a socket that
// stops reading keeps what was sent to it in memory, so many of them could exhaust the process
// even when each stays under its own cap. Past the budget the slowest readers are dropped first.

/** What the budget needs of a connection. */
export interface Sender {
	/** Bytes queued for this connection and not yet written to the network. */
	readonly bufferedAmount: number;
	/** Drop it (close 1013, cut off soon after): it is too slow to keep up. */
	drop(): void;
}

/** Sends at least this big are admitted against the budget before they are queued. */
export const ADMIT_AT_BYTES = 64 * 1024;

export class OutboundBudget {
	private readonly senders = new Set<Sender>();
	private readonly dropped = new WeakSet<Sender>();
	private readonly timer: ReturnType<typeof setInterval>;

	/** `maxBytes`: most bytes queued across connections; checked on big sends and every `sweepMs`. */
	constructor(
		readonly maxBytes: number,
		sweepMs = 250
	) {
		this.timer = setInterval(() => this.admit(null, 0), sweepMs);
		this.timer.unref?.();
	}

	add(sender: Sender): void {
		this.senders.add(sender);
	}

	delete(sender: Sender): void {
		this.senders.delete(sender);
	}

	/** Bytes queued now across the connections not already dropped. */
	total(): number {
		let sum = 0;
		for (const s of this.senders) if (!this.dropped.has(s)) sum += s.bufferedAmount;
		return sum;
	}

	/**
	 * Whether `from` may queue `bytes` more. When the total would pass the budget, the connections
	 * with the most queued are dropped until it fits; false when `from` itself was among them.
	 */
	admit(from: Sender | null, bytes: number): boolean {
		let total = this.total();
		if (total + bytes <= this.maxBytes) return true;
		const slowest = [...this.senders].filter((s) => !this.dropped.has(s)).sort((a, b) => b.bufferedAmount - a.bufferedAmount);
		let fromDropped = false;
		for (const s of slowest) {
			if (total + bytes <= this.maxBytes) break;
			// The sender's own message counts as queued for it: it is as slow as what it asks for.
			const queued = s.bufferedAmount + (s === from ? bytes : 0);
			if (queued === 0) break;
			this.dropped.add(s);
			total -= s.bufferedAmount;
			if (s === from) {
				fromDropped = true;
				bytes = 0;
			}
			s.drop();
		}
		return !fromDropped;
	}

	close(): void {
		clearInterval(this.timer);
		this.senders.clear();
	}
}

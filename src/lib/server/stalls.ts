// The main thread's longest stall, for benchmarks and the attack tests (GET /api/debug/stats):
// the wall time between two ticks of a 5 ms timer, and how much of that gap this thread spent on a
// CPU (Linux schedstat). On a shared machine other processes take the CPU from an idle server; only
// the CPU part is the server's own work blocking its event loop. Server only.
import { readFileSync } from 'node:fs';

const SCHEDSTAT = '/proc/thread-self/schedstat';

/** Nanoseconds this thread has run on a CPU, or null where /proc does not say (not Linux). */
function cpuNs(): number | null {
	try {
		return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]);
	} catch {
		return null;
	}
}

export interface Stall {
	/** The longest gap between two ticks, ms. */
	readonly wallMs: number;
	/** The longest time this thread ran on a CPU within one gap, ms (the wall time where that cannot be read). */
	readonly cpuMs: number;
}

export class StallWatch {
	private wall = 0;
	private cpu = 0;
	private lastAt = performance.now();
	private lastCpu = cpuNs();
	private readonly timer: NodeJS.Timeout;

	constructor(intervalMs = 5) {
		this.timer = setInterval(() => this.tick(), intervalMs);
		this.timer.unref();
	}

	private tick(): void {
		const at = performance.now();
		const cpu = cpuNs();
		const gap = at - this.lastAt;
		const ran = cpu !== null && this.lastCpu !== null ? (cpu - this.lastCpu) / 1e6 : gap;
		this.wall = Math.max(this.wall, gap);
		this.cpu = Math.max(this.cpu, Math.min(ran, gap));
		this.lastAt = at;
		this.lastCpu = cpu;
	}

	/** The longest stall since the previous read; starts again. */
	read(): Stall {
		this.tick();
		const stall = { wallMs: this.wall, cpuMs: this.cpu };
		this.wall = this.cpu = 0;
		return stall;
	}

	stop(): void {
		clearInterval(this.timer);
	}
}

// What an attack costs everyone else, for the attack benchmark: two real y-websocket clients in a
// map of their own (one moves a component 20 times a second, the other times each move's arrival),
// the server's RSS and CPU from /proc, and its event-loop delay from /api/debug/stats.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot, type ComponentId } from '../src/lib/map/index.js';
import { until } from '../tests/helpers/collab.js';
import { runQueueWaitMs, sample } from './proc.js';
import { connect, disconnect, type Relay } from './relays.js';
import { WireLatency, every } from './wire.js';

export interface Delivery {
	p50: number;
	p99: number;
	max: number;
	/** Moves timed, and moves sent in the window that never arrived. */
	count: number;
	lost: number;
}

/** A sender and a receiver in a probe map on `relay`. */
export class Probe {
	private readonly wire = new WireLatency();
	private stop: (() => void) | null = null;
	private sender!: WebsocketProvider;
	private receiver!: WebsocketProvider;
	private component!: ComponentId;

	static async open(relay: Relay): Promise<Probe> {
		const probe = new Probe();
		const room = await relay.newRoom('Probe');
		probe.sender = await connect(room, 'Sender');
		probe.receiver = await connect(room, 'Receiver', (p, payload) => probe.wire.onMessage(p.doc.clientID, payload));
		probe.component = addComponent(probe.sender.doc, { name: 'Probe', evolution: 0.5, visibility: 0.5 });
		await until(() => readSnapshot(probe.receiver.doc).components.length === 1, 10_000, 'probe component');
		return probe;
	}

	start(): void {
		this.wire.start([this.receiver.doc.clientID], [this.sender.doc]);
		let k = 0;
		this.stop = every(20, 0, () => {
			k++;
			moveComponent(this.sender.doc, this.component, { evolution: (k % 97) / 100, visibility: (k % 89) / 100 });
			this.wire.onSent(this.sender.doc);
		});
	}

	/** Stop moving, give the last moves `drainMs` to arrive, and return their delivery times, ms. */
	async finish(drainMs = 1000): Promise<Delivery> {
		this.stop?.();
		await new Promise((r) => setTimeout(r, drainMs));
		const h = this.wire.latencies;
		return { p50: h.percentile(50), p99: h.percentile(99), max: h.max, count: h.count, lost: this.wire.lost() };
	}

	close(): void {
		this.stop?.();
		disconnect([this.sender, this.receiver]);
	}
}

export interface Watched {
	/** The server's RSS before, its peak sampled every 100 ms, and at the end, MiB. */
	before: number;
	peak: number;
	end: number;
	/** The server's own high-water mark (VmHWM) at the end, since it started, MiB. */
	hwm: number;
	/** The server's CPU time in the window (user, system) and its main thread's wait for a core, ms. */
	userMs: number;
	systemMs: number;
	waitMs: number;
	/** Kernel memory in TCP buffers, the whole machine's (on loopback both ends are here): peak, MiB. */
	tcpPeak: number;
	/**
	 * The kernel's send queues of the server's own sockets at their peak (sampled every 500 ms), MiB,
	 * and of those the ones the server had closed (orphans whose data the kernel still holds).
	 */
	sendQueuesPeak: number;
	closedQueuedPeak: number;
	closedSocketsPeak: number;
	/** This process's (the attacker's and the probe's) event-loop delay in the window, ms. */
	ownLoopP99: number;
	ownLoopMax: number;
}

const PAGE = 4096;
const run = promisify(execFile);

/** Pages of memory the kernel holds in TCP buffers (/proc/net/sockstat), MiB. */
function tcpMiB(): number {
	const m = /^TCP:.* mem (\d+)/m.exec(readFileSync('/proc/net/sockstat', 'utf8'));
	return m ? (Number(m[1]) * PAGE) / 2 ** 20 : NaN;
}

export interface SocketQueues {
	/** Bytes the kernel holds to send on the sockets of local `port`, MiB; those not established (closed by the server). */
	queuedMiB: number;
	closedMiB: number;
	closedSockets: number;
}

/** The send queues of the TCP sockets on local port `port` (`ss -tmna`: skmem w, wmem_queued). */
export async function socketQueues(port: number): Promise<SocketQueues> {
	const { stdout } = await run('ss', ['-tmnaH', `( sport = :${port} )`], { maxBuffer: 64 * 1024 * 1024 });
	const q: SocketQueues = { queuedMiB: 0, closedMiB: 0, closedSockets: 0 };
	let state = '';
	for (const line of stdout.split('\n')) {
		const mem = /skmem:\(.*\bw(\d+)/.exec(line);
		if (!mem) {
			state = line.trim().split(/\s+/)[0] ?? '';
			continue;
		}
		const mib = Number(mem[1]) / 2 ** 20;
		q.queuedMiB += mib;
		if (state !== 'ESTAB' && state !== 'LISTEN' && mib > 0) {
			q.closedMiB += mib;
			q.closedSockets++;
		}
	}
	return q;
}

/** Watch server process `pid` listening on `port` (RSS every `ms`, CPU, socket queues) and this process's event loop until the returned function is called. */
export function watch(pid: number, port: number, ms = 100): () => Watched {
	const read = () => {
		try {
			return sample(pid);
		} catch {
			return null; // the process is gone
		}
	};
	const first = read();
	const wait0 = runQueueWaitMs(pid);
	const own = monitorEventLoopDelay({ resolution: 1 });
	own.enable();
	const w: Watched = { before: first?.rssMiB ?? NaN, peak: first?.rssMiB ?? NaN, end: NaN, hwm: NaN, userMs: NaN, systemMs: NaN, waitMs: NaN, tcpPeak: tcpMiB(), sendQueuesPeak: 0, closedQueuedPeak: 0, closedSocketsPeak: 0, ownLoopP99: NaN, ownLoopMax: NaN };
	let asking = false;
	const queues = setInterval(() => {
		if (asking) return;
		asking = true;
		socketQueues(port)
			.then((q) => {
				w.sendQueuesPeak = Math.max(w.sendQueuesPeak, q.queuedMiB);
				w.closedQueuedPeak = Math.max(w.closedQueuedPeak, q.closedMiB);
				w.closedSocketsPeak = Math.max(w.closedSocketsPeak, q.closedSockets);
			})
			.catch(() => undefined)
			.finally(() => (asking = false));
	}, 500);
	const timer = setInterval(() => {
		const s = read();
		if (s) w.peak = Math.max(w.peak, s.rssMiB);
		w.tcpPeak = Math.max(w.tcpPeak, tcpMiB());
	}, ms);
	return () => {
		clearInterval(timer);
		clearInterval(queues);
		own.disable();
		w.ownLoopP99 = own.percentile(99) / 1e6;
		w.ownLoopMax = own.max / 1e6;
		const s = read();
		if (s && first) {
			w.end = s.rssMiB;
			w.peak = Math.max(w.peak, s.rssMiB);
			w.hwm = s.peakMiB;
			w.userMs = s.userMs - first.userMs;
			w.systemMs = s.systemMs - first.systemMs;
			w.waitMs = runQueueWaitMs(pid) - wait0;
		}
		return w;
	};
}

export interface LoopDelay {
	p50: number;
	p99: number;
	max: number;
}

/** The server's event-loop delay since the previous call, ms (NaN when it did not answer in 30 s). */
export async function loopDelay(base: string): Promise<LoopDelay> {
	try {
		const res = await fetch(`${base}/api/debug/stats?gc=0`, { signal: AbortSignal.timeout(30_000) });
		return ((await res.json()) as { eventLoopMs: LoopDelay }).eventLoopMs;
	} catch {
		return { p50: NaN, p99: NaN, max: NaN };
	}
}

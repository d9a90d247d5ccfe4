// Watching a built server while it is attacked: its own event-loop delay and memory (from
// /api/debug/stats, STACKMAP_DEBUG_STATS=1), and edits made and received in a room of their own.
import type { WebsocketProvider } from 'y-websocket';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp, until, type ServerProcess } from './collab.js';

export interface ServerStats {
	/** Event-loop delay since the previous read, ms (wall time: other processes taking the CPU count too). */
	readonly eventLoopMs: { readonly p50: number; readonly p99: number; readonly max: number };
	/** The longest stall since the previous read: wall time, and the part the main thread spent on a CPU (its own work). */
	readonly stallMs: { readonly wallMs: number; readonly cpuMs: number };
	readonly memory: { readonly rss: number; readonly heapUsed: number };
	readonly work: { readonly workers: number; readonly running: number; readonly waiting: number };
}

/** The server's stats since the previous call (the first call starts the monitors). No forced GC. */
export async function serverStats(srv: ServerProcess): Promise<ServerStats> {
	const res = await fetch(`${srv.base}/api/debug/stats?gc=0`);
	if (res.status !== 200) throw new Error(`stats: ${res.status} (start the server with STACKMAP_DEBUG_STATS=1)`);
	return (await res.json()) as ServerStats;
}

export interface EditStream {
	/** Stop editing; resolves once the other client has every component the first one added. */
	stop(): Promise<number>;
	close(): void;
}

/** Two clients in a new map of `srv`: one adds a component every `everyMs`, the other must receive each. */
export async function editStream(srv: ServerProcess, everyMs = 10): Promise<EditStream> {
	const map = await createMapHttp(srv.base, 'Bystanders');
	const url = `ws://127.0.0.1:${srv.port}/collab`;
	const clients: WebsocketProvider[] = [await connectClient(url, map.id, map.editKey), await connectClient(url, map.id, map.editKey)];
	const [writer, reader] = clients;
	let made = 0;
	const timer = setInterval(() => addComponent(writer.doc, { name: `Edit ${++made}` }), everyMs);
	return {
		async stop() {
			clearInterval(timer);
			await until(() => readSnapshot(reader.doc).components.length === made, 10_000, `all ${made} edits to reach the other client`);
			return made;
		},
		close() {
			clearInterval(timer);
			for (const c of clients) c.destroy();
		}
	};
}

/** Longest the server's own work may stall its event loop while it is attacked, ms (issue 19). */
export const MAX_STALL_MS = 100;

/**
 * Why the stall in `stats` is too long, or null. Judged on the main thread's CPU time within the
 * longest gap: on a shared machine other processes can delay an idle server's timers by more.
 */
export function stalled(stats: ServerStats): string | null {
	const { wallMs, cpuMs } = stats.stallMs;
	return cpuMs < MAX_STALL_MS ? null : `the server's own work stalled its event loop for ${cpuMs.toFixed(0)} ms (${wallMs.toFixed(0)} ms wall; event-loop delay p99 ${stats.eventLoopMs.p99.toFixed(0)} ms)`;
}

// GET /api/debug/stats — for benchmarks only (404 unless STACKMAP_DEBUG_STATS=1): CPU, memory after
// a GC (?gc=0 skips it), the event-loop and apply → broadcast delays since the previous call, the
// main thread's longest stall (wall time, and the part it spent on a CPU: stalls.ts), the import and
// PNG workers (alive, running, waiting);
// ?profile=start starts a CPU profile, ?profile=<file> stops it and writes it there.
import { error, json } from '@sveltejs/kit';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { PerformanceObserver, constants, monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { stackmap } from '$lib/server/context.js';
import { StallWatch } from '$lib/server/stalls.js';
import type { RequestHandler } from './$types';

let loop: IntervalHistogram | null = null;
let stalls: StallWatch | null = null;
const gc = { count: 0, totalMs: 0, maxMs: 0, /** Longest pause of each kind (minor = scavenge, major = mark-compact). */ maxByKind: {} as Record<string, number> };
const GC_KINDS: Record<number, string> = {
	[constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
	[constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
	[constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
	[constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb'
};
let session: Session | null = null;

function post<T>(s: Session, method: string): Promise<T> {
	return new Promise((resolve, reject) => s.post(method, (err, result) => (err ? reject(err) : resolve(result as T))));
}

async function profile(action: string): Promise<void> {
	if (action === 'start') {
		session = new Session();
		session.connect();
		await post(session, 'Profiler.enable');
		await post(session, 'Profiler.start');
	} else if (session) {
		const { profile: p } = await post<{ profile: unknown }>(session, 'Profiler.stop');
		writeFileSync(action, JSON.stringify(p));
		session.disconnect();
		session = null;
	}
}

export const GET: RequestHandler = async ({ url }) => {
	if (process.env.STACKMAP_DEBUG_STATS !== '1') error(404, 'Not found');
	if (!loop) {
		loop = monitorEventLoopDelay({ resolution: 1 });
		loop.enable();
		stalls = new StallWatch();
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) {
				gc.count++;
				gc.totalMs += e.duration;
				gc.maxMs = Math.max(gc.maxMs, e.duration);
				const kind = GC_KINDS[(e as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
				gc.maxByKind[kind] = Math.max(gc.maxByKind[kind] ?? 0, e.duration);
			}
		}).observe({ entryTypes: ['gc'] });
	}
	const action = url.searchParams.get('profile');
	if (action) await profile(action);
	const eventLoopMs = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
	loop.reset();
	const stallMs = stalls!.read();
	const gcMs = { ...gc };
	Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0, maxByKind: {} });
	const metrics = stackmap().metrics;
	metrics.enabled = true;
	const broadcastMs = metrics.read();
	metrics.reset();
	if (url.searchParams.get('gc') !== '0') (globalThis as { gc?: () => void }).gc?.();
	const work = stackmap().work.state;
	return json({ cpu: process.cpuUsage(), memory: process.memoryUsage(), eventLoopMs, stallMs, broadcastMs, gcMs, rooms: stackmap().rooms.size, work, at: Date.now() });
};

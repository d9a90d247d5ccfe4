// Live-workshop load against the built server in a child process (its CPU and memory from the
// opt-in /api/debug/stats): one room with 60 real y-websocket clients (5 dragging at 30 Hz, all
// moving cursors at 10 Hz), then 200 rooms × 5 clients at once. The clients run in several worker
// processes (bench/workshop-clients.ts), so no one event loop carries them all. Writes section `workshop`
// (`workshop-protocol` and `workshop-failover` with WORKSHOP_BENCH_PART=protocol / failover).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { build } from 'vite';
import { WebsocketProvider } from 'y-websocket';
import { Redis } from 'ioredis';
import { addComponent, type ComponentId } from '../src/lib/map/index.js';
import { createMapHttp, spawnServer, tempDataDir, type ServerProcess } from '../tests/helpers/collab.js';
import { startPostgres, type TestPostgres } from '../tests/helpers/postgres.js';
import { startRedis } from '../tests/helpers/redis.js';
import { Histogram } from './histogram.js';
import { pinToCpus } from './relays.js';
import { runQueueWaitMs } from './proc.js';
import type { ClientSpec, ToWorker, WorkerReport, WorkerStop } from './workshop-clients.js';
import { table, writeSection } from './report.js';
import { failover } from './workshop-failover.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f1 = (n: number) => n.toFixed(1);

interface Stats {
	cpu: { user: number; system: number };
	memory: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
	eventLoopMs: { p50: number; p99: number; max: number };
	broadcastMs: { count: number; p50: number; p99: number; max: number };
	gcMs: { count: number; totalMs: number; maxMs: number; maxByKind?: Record<string, number> };
	rooms: number;
	at: number;
}

async function stats(server: ServerProcess, gc = true): Promise<Stats> {
	const res = await fetch(`${server.base}/api/debug/stats${gc ? '' : '?gc=0'}`);
	if (!res.ok) throw new Error(`debug stats → ${res.status}`);
	return (await res.json()) as Stats;
}

function cpuPercent(a: Stats, b: Stats): number {
	return ((b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1000 / (b.at - a.at)) * 100;
}

/** Bundle the client worker to plain JS (workers are plain Node processes, not Vitest's). */
async function bundleClients(): Promise<string> {
	const outDir = 'node_modules/.cache/stackmap-workshop-bench';
	await build({
		configFile: false,
		logLevel: 'warn',
		build: { ssr: 'bench/workshop-clients.ts', outDir, emptyOutDir: true, minify: false, rollupOptions: { output: { entryFileNames: 'workshop-clients.mjs' } } }
	});
	return join(outDir, 'workshop-clients.mjs');
}

/** Node flags from a space-separated environment variable (none when unset). */
function nodeFlags(name: string): string[] {
	return (process.env[name] ?? '').split(' ').filter(Boolean);
}

/** Nice of the client worker processes (WORKSHOP_BENCH_CLIENT_NICE, default 0). */
const CLIENT_NICE = Number(process.env.WORKSHOP_BENCH_CLIENT_NICE ?? 0);

/** A client worker process: one request of each type in flight at a time. */
class Worker {
	readonly child: ChildProcess;
	private readonly waiting = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	constructor(file: string) {
		// SCHED_BATCH: a client process the server's write wakes does not preempt the server at once
		// (on a 2-core machine it otherwise did so for nearly every frame; real clients are remote).
		// CLIENT_NICE: the load generator yields the CPU to the server it measures when both want it.
		const flags = nodeFlags('WORKSHOP_BENCH_CLIENT_FLAGS');
		const node = CLIENT_NICE ? ['nice', '-n', String(CLIENT_NICE), process.execPath, ...flags, file] : [process.execPath, ...flags, file];
		const [cmd, args] = BATCH ? ['chrt', ['-b', '0', ...node]] : [node[0], node.slice(1)];
		this.child = spawn(cmd, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		if (PIN_CLIENTS) pinToCpus(this.child, PIN_CLIENTS);
		this.child.on('message', (m: { type: string; value?: unknown; error?: string }) => {
			const w = this.waiting.get(m.type);
			this.waiting.delete(m.type);
			if (m.error) w?.reject(new Error(m.error));
			else w?.resolve(m.value);
		});
		this.child.on('exit', (code) => {
			for (const w of this.waiting.values()) w.reject(new Error(`client worker exited with ${code}`));
			this.waiting.clear();
		});
	}
	ask<T>(message: ToWorker): Promise<T> {
		return new Promise((resolve, reject) => {
			this.waiting.set(message.type, { resolve: resolve as (v: unknown) => void, reject });
			this.child.send(message);
		});
	}
}

/**
 * How far a worker's clock (performance.timeOrigin + performance.now()) is from this process's:
 * the smallest-round-trip estimate over 30 pings, ms. Latencies are differences across processes.
 */
async function clockSkew(worker: Worker): Promise<number> {
	let best = { rtt: Infinity, offset: 0 };
	for (let i = 0; i < 30; i++) {
		const t0 = performance.timeOrigin + performance.now();
		const t = await worker.ask<number>({ type: 'clock' });
		const t1 = performance.timeOrigin + performance.now();
		if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: t - (t0 + t1) / 2 };
	}
	return best.offset;
}

function connect(server: ServerProcess, id: string, key: string, name: string): Promise<WebsocketProvider> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, id, doc, {
		params: { key, name },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no sync in 20 s')), 20_000);
		provider.once('sync', () => {
			clearTimeout(timer);
			resolve(provider);
		});
	});
}

/** A map with `n` components, created over HTTP and filled by a facilitator in one transaction. */
async function seededMap(server: ServerProcess, n: number) {
	const map = await createMapHttp(server.base, 'Workshop bench');
	const f = await connect(server, map.id, map.facilitatorKey, 'Seeder');
	const ids: ComponentId[] = [];
	f.doc.transact(() => {
		for (let i = 0; i < n; i++) ids.push(addComponent(f.doc, { name: `Component ${i}`, evolution: (i % 10) / 10 + 0.05, visibility: Math.floor(i / 10) / 5 + 0.1 }));
	});
	await sleep(50);
	f.destroy();
	f.doc.destroy();
	return { ...map, components: ids };
}

interface LoadResult {
	loops: { gc: Stats['gcMs']; broadcast: Stats['broadcastMs']; server: Stats['eventLoopMs']; clients: Stats['eventLoopMs']; idle: { p99: number; max: number }; load: number[] };
	/** CPU of all client processes together over the window, % of one core. */
	clientCpu: number;
	latencies: Histogram;
	/** The moves whose sender is on another instance than the receiver (rooms spread over instances). */
	remoteLatencies: Histogram;
	cursorLatencies: Histogram;
	/** The other instances (runLoad's `more`), in order: CPU (one core), stored → broadcast, event-loop delay. */
	more: { cpu: number; broadcast: Stats['broadcastMs']; loop: Stats['eventLoopMs'] }[];
	/** Redis's CPU over the window, % of one core; null without Redis. */
	redisCpu: number | null;
	/** How long each server's main thread (`server`, then `more`) was ready to run but waited for a core, % of the window. */
	waited: number[];
	lost: number;
	reordered: number;
	cpu: number;
	converged: boolean;
	moves: number;
}

/**
 * Spread `rooms` over the workers (a room's clients round-robin, so draggers land in different
 * processes), join them all, then drive them for `seconds`: draggers move their component at
 * dragHz, everyone's cursor at cursorHz. A room's `ports` put its clients (by index) on instances
 * other than `server`; `more` are those instances and `redisCpuMs` Redis's CPU time so far, ms,
 * measured over the same window.
 */
async function runLoad(
	workers: Worker[],
	server: ServerProcess,
	rooms: { mapId: string; key: string; clients: number; draggers: number; components: ComponentId[]; lite?: boolean; ports?: number[] }[],
	seconds: number,
	dragHz: number,
	cursorHz: number,
	components: number,
	more: ServerProcess[] = [],
	redisCpuMs?: () => Promise<number>
): Promise<{ result: LoadResult; loaded: Stats }> {
	const specs: ClientSpec[][] = workers.map(() => []);
	const placed: { worker: number; slot: number; room: number; dragger: boolean; port: number }[] = [];
	let n = 0;
	rooms.forEach((room, r) => {
		for (let i = 0; i < room.clients; i++, n++) {
			const w = n % workers.length;
			const port = room.ports?.[i] ?? server.port;
			placed.push({ worker: w, slot: specs[w].length, room: r, dragger: i < room.draggers, port });
			specs[w].push({ room: r, mapId: room.mapId, key: room.key, name: `Person ${i}`, drag: i < room.draggers ? room.components[i] : undefined, phase: n * 7, lite: room.lite && i >= room.draggers, port });
		}
	});
	const stockPresence = process.env.WORKSHOP_BENCH_STOCK_PRESENCE === '1';
	const joined = await Promise.all(workers.map((w, i) => w.ask<{ index: number; clientID: number }[]>({ type: 'join', port: server.port, clients: specs[i], stockPresence })));
	await Promise.all(workers.map((w) => w.ask({ type: 'synced', components })));
	const loaded = await stats(server);
	const senders: Record<number, number[]> = {};
	const ports: Record<number, number> = {};
	for (const p of placed) {
		if (!p.dragger) continue;
		const id = joined[p.worker][p.slot].clientID;
		(senders[p.room] ??= []).push(id);
		ports[id] = p.port;
	}

	// Warm-up, not measured: a cold server (code not yet optimised by V8) stalls in its first
	// seconds of load, which a server that has run for a while does not.
	await Promise.all(workers.map((w) => w.ask({ type: 'start', dragHz, cursorHz })));
	await sleep(WARMUP * 1000);
	const idle = canary();
	await sleep(200);
	const load0 = loadavg()[0];
	const before = await stats(server, false);
	const moreBefore = await Promise.all(more.map((s) => stats(s, false)));
	const redis0 = await redisCpuMs?.();
	const redisAt0 = performance.now();
	const waited0 = [server, ...more].map((s) => runQueueWaitMs(s.child.pid!));
	// WORKSHOP_BENCH_PROFILE=<file>: write the server's CPU profile of the load window there.
	if (process.env.WORKSHOP_BENCH_PROFILE) await fetch(`${server.base}/api/debug/stats?gc=0&profile=start`);
	await Promise.all(workers.map((w) => w.ask({ type: 'record', senders, ports: more.length ? ports : undefined })));
	await sleep(seconds * 1000);
	const stopped = await Promise.all(workers.map((w) => w.ask<WorkerStop>({ type: 'stop' })));
	const after = await stats(server, false);
	const moreAfter = await Promise.all(more.map((s) => stats(s, false)));
	const redis1 = await redisCpuMs?.();
	const redisCpu = redis0 === undefined || redis1 === undefined ? null : ((redis1 - redis0) / (performance.now() - redisAt0)) * 100;
	const waited = [server, ...more].map((s, i) => ((runQueueWaitMs(s.child.pid!) - waited0[i]) / (performance.now() - redisAt0)) * 100);
	const idleLoop = await idle.stop();
	const load = [load0, loadavg()[0]];
	if (process.env.WORKSHOP_BENCH_PROFILE) await fetch(`${server.base}/api/debug/stats?gc=0&profile=${encodeURIComponent(process.env.WORKSHOP_BENCH_PROFILE)}`);
	await sleep(1500); // drain: moves in flight at the stop are still received and counted
	const logs = Object.assign({}, ...stopped.map((s) => s.logs));
	const reports = await Promise.all(workers.map((w) => w.ask<WorkerReport>({ type: 'collect', logs })));

	const latencies = new Histogram();
	const remoteLatencies = new Histogram();
	const cursorLatencies = new Histogram();
	const digests = new Map<number, Set<string>>();
	for (const r of reports) {
		latencies.merge(r.moves);
		remoteLatencies.merge(r.remoteMoves);
		cursorLatencies.merge(r.cursors);
		for (const d of r.digests) (digests.get(d.room) ?? digests.set(d.room, new Set()).get(d.room)!).add(d.digest);
	}
	const worst = (k: 'p99' | 'max') => Math.max(...stopped.map((s) => s.loop[k]));
	return {
		loaded,
		result: {
			loops: { gc: after.gcMs, broadcast: after.broadcastMs, server: after.eventLoopMs, clients: { p50: 0, p99: worst('p99'), max: worst('max') }, idle: idleLoop, load },
			clientCpu: stopped.reduce((s, w) => s + w.cpu, 0),
			latencies,
			remoteLatencies,
			cursorLatencies,
			more: moreAfter.map((a, i) => ({ cpu: cpuPercent(moreBefore[i], a), broadcast: a.broadcastMs, loop: a.eventLoopMs })),
			redisCpu,
			waited,
			lost: reports.reduce((s, r) => s + r.lost, 0),
			reordered: reports.reduce((s, r) => s + r.reordered, 0),
			cpu: cpuPercent(before, after),
			converged: [...digests.values()].every((set) => set.size === 1),
			moves: stopped.reduce((s, w) => s + w.moves, 0)
		}
	};
}

/**
 * An idle process that only measures its own event-loop delay: on a shared machine, stalls it
 * sees are the scheduler's, not Stackmap's.
 */
function canary(): { stop(): Promise<{ p99: number; max: number }> } {
	const code = `const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 1 }); h.enable();
process.on('message', () => { process.send({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 }, () => process.exit(0)); });`;
	const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
	return {
		stop: () =>
			new Promise((resolve) => {
				child.once('message', (m) => resolve(m as { p99: number; max: number }));
				child.send('stop');
			})
	};
}

/** How instances are named in the tables: the first is runLoad's `server`. */
const INSTANCE = ['A', 'B', 'C', 'D'];

/** This session's scheduler autogroup nice (Linux): other sessions' niced work is weighed against it, not against nice. */
function autogroup(): string {
	try {
		return readFileSync('/proc/self/autogroup', 'utf8').trim().split(/\s+/).pop() ?? '?';
	} catch {
		return 'n/a';
	}
}

/** Event-loop delay of the server, the clients and an idle canary, and the machine's load, in the window. */
function stallNote(r: LoadResult, workers: number): string {
	const { server, clients, idle, load } = r.loops;
	const servers = r.more.length
		? `servers ${[server, ...r.more.map((m) => m.loop)].map((l, i) => `${INSTANCE[i]} ${f1(l.p99)} / ${f1(l.max)}`).join(', ')}`
		: `server ${f1(server.p99)} / ${f1(server.max)}`;
	const waited = r.waited.length > 1 ? r.waited.map((w, i) => `${INSTANCE[i]} ${f1(w)} %`).join(', ') : `${f1(r.waited[0])} %`;
	return (
		`Event-loop delay in the window, p99 / max ms: ${servers}, the worst of the ${workers} client processes ${f1(clients.p99)} / ${f1(clients.max)}, ` +
		`an idle canary process ${f1(idle.p99)} / ${f1(idle.max)}; ${r.waited.length > 1 ? "the servers' main threads" : "the server's main thread"} waited for a core (runnable, not running) ${waited} of the window; load average ${load.map((l) => l.toFixed(1)).join(' → ')} on ${cpus().length} cores ` +
		`(this session's autogroup nice ${autogroup()}).`
	);
}

/**
 * Knobs: WORKSHOP_BENCH_SECONDS (default 60), WORKSHOP_BENCH_WARMUP (unmeasured load first, default
 * 5 s), WORKSHOP_BENCH_WORKERS (client processes, default 3), WORKSHOP_BENCH_CLIENT_SCHED=other
 * (clients not SCHED_BATCH),
 * WORKSHOP_BENCH_PART=one|many (one part, printed, not written), WORKSHOP_BENCH_PART=protocol (section
 * workshop-protocol; WORKSHOP_BENCH_POSTGRES=0 / WORKSHOP_BENCH_REDIS=0 skip its PostgreSQL / two-instance
 * runs), WORKSHOP_BENCH_PART=failover (section workshop-failover; WORKSHOP_BENCH_FAILOVER_RUNS, default 3),
 * WORKSHOP_BENCH_PROFILE=<file>
 * (the server's CPU profile over the window), WORKSHOP_BENCH_STOCK_PRESENCE=1 (clients relay
 * everyone's presence), WORKSHOP_BENCH_SERVER_FLAGS / WORKSHOP_BENCH_CLIENT_FLAGS (Node flags for the
 * server / the client processes, space-separated, e.g. `--max-semi-space-size=64`).
 */
const SECONDS = Number(process.env.WORKSHOP_BENCH_SECONDS ?? 60);
const WORKERS = Number(process.env.WORKSHOP_BENCH_WORKERS ?? 3);
const BATCH = process.env.WORKSHOP_BENCH_CLIENT_SCHED !== 'other';
const WARMUP = Number(process.env.WORKSHOP_BENCH_WARMUP ?? 5);
/** WORKSHOP_BENCH_PIN=<server cpus>/<client cpus> (taskset lists, e.g. 0/1): the server and the client processes on their own cores. */
const [PIN_SERVER, PIN_CLIENTS] = process.env.WORKSHOP_BENCH_PIN?.split('/') ?? [];

it('measures a 60-person workshop room and 200 rooms at once', async () => {
	if (process.env.WORKSHOP_BENCH_PART === 'failover') return failover();
	const file = await bundleClients();
	const spawnWith = async (env: Record<string, string>, dataDir = tempDataDir('stackmap-bench-')) => {
		const started = await spawnServer(
			dataDir,
			{ STACKMAP_DEBUG_STATS: '1', NODE_OPTIONS: '--expose-gc', STACKMAP_GRACE_MS: '2000', STACKMAP_MAX_CONNECTIONS_PER_IP: '1100', ...env },
			nodeFlags('WORKSHOP_BENCH_SERVER_FLAGS')
		);
		if (PIN_SERVER) pinToCpus(started.child, PIN_SERVER);
		return started;
	};
	const server = await spawnWith({});
	const part = process.env.WORKSHOP_BENCH_PART;
	const rows: string[] = [];
	let workers: Worker[] = [];
	const startWorkers = async () => {
		workers = Array.from({ length: WORKERS }, () => new Worker(file));
		return Math.max(...(await Promise.all(workers.map(clockSkew))).map(Math.abs));
	};
	const stopWorkers = async () => {
		await Promise.all(workers.map((w) => w.ask({ type: 'exit' }).catch(() => undefined)));
		workers = [];
	};
	const p = (h: Histogram, q: number) => f1(h.percentile(q));
	try {
		if (part === 'protocol') return await protocolRooms(server, spawnWith, startWorkers, stopWorkers, () => workers);
		// ---- one room, 60 clients -------------------------------------------------------------
		if (part !== 'many') {
			const map = await seededMap(server, 50);
			const skew = await startWorkers();
			const { result: one } = await runLoad(workers, server, [{ mapId: map.id, key: map.editKey, clients: 60, draggers: 5, components: map.components }], SECONDS, 30, 10, 50);
			const room1 = await stats(server);
			await stopWorkers();
			if (part === 'one') {
				console.log(`one room: p50 ${p(one.latencies, 50)} p99 ${p(one.latencies, 99)} max ${f1(one.latencies.max)} cursor p50 ${p(one.cursorLatencies, 50)} p99 ${p(one.cursorLatencies, 99)} server ${f1(one.cpu)}% clients ${f1(one.clientCpu)}% lost ${one.lost} reordered ${one.reordered} converged ${one.converged} skew ${skew.toFixed(3)} loops ${JSON.stringify(one.loops)}`);
				return;
			}
			rows.push(
				`**One room, 60 clients** (50 components; 5 clients drag their own component at 30 Hz, all 60 move cursors at 10 Hz; ${SECONDS} s; ` +
					`server = built \`dist/server/index.js\` in a child process; clients = 60 y-websocket \`WebsocketProvider\`s spread over ${WORKERS} worker processes${BATCH ? ' (SCHED_BATCH)' : ''}, loopback; ` +
					`${WARMUP} s of load before the window is not measured; ` +
					`a move's latency runs from just before the sender's \`moveComponent\` to the first frame carrying it at each other client, on the machine's shared clock (processes agree within ${skew.toFixed(2)} ms)):`,
				'',
				table(
					['what', 'p50 ms', 'p99 ms', 'max ms', 'target'],
					[
						['move → every other client (wire)', p(one.latencies, 50), p(one.latencies, 99), f1(one.latencies.max), 'p50 ≤ 10, p99 ≤ 25'],
						['of which in the server: stored → broadcast', f1(one.loops.broadcast.p50), f1(one.loops.broadcast.p99), f1(one.loops.broadcast.max), '—'],
						['cursor → every other client', p(one.cursorLatencies, 50), p(one.cursorLatencies, 99), f1(one.cursorLatencies.max), '—']
					]
				),
				'',
				table(
					['moves sent', 'deliveries measured', 'lost', 'out of order', 'converged', 'server CPU (one core)', 'server RSS', 'client processes CPU (sum)'],
					[[one.moves, one.latencies.count, one.lost, one.reordered, one.converged ? 'yes' : 'NO', `${f1(one.cpu)} %`, `${f1(room1.memory.rss / 2 ** 20)} MiB`, `${f1(one.clientCpu)} %`]]
				),
				'',
				stallNote(one, WORKERS),
				''
			);
		}

		// ---- 200 rooms × 5 clients ----------------------------------------------------------
		const maps = [];
		for (let i = 0; i < 200; i++) maps.push(await seededMap(server, 50));
		await sleep(4000); // the seeded rooms unload after the grace period
		const base = await stats(server);
		const skew = await startWorkers();
		const seconds = Math.min(SECONDS, 30);
		const { result: many, loaded } = await runLoad(
			workers,
			server,
			maps.map((m) => ({ mapId: m.id, key: m.editKey, clients: 5, draggers: 1, components: m.components })),
			seconds,
			5,
			1,
			50
		);
		await stopWorkers();
		const perRoom = (k: 'heapUsed' | 'rss' | 'external') => (loaded.memory[k] - base.memory[k]) / 200 / 1024;
		if (part === 'many') {
			console.log(`many: p50 ${p(many.latencies, 50)} p99 ${p(many.latencies, 99)} max ${f1(many.latencies.max)} server ${f1(many.cpu)}% clients ${f1(many.clientCpu)}% lost ${many.lost} reordered ${many.reordered} converged ${many.converged} skew ${skew.toFixed(3)} loops ${JSON.stringify(many.loops)} heap/room ${f1(perRoom('heapUsed'))}`);
			return;
		}
		rows.push(
			`**200 rooms × 5 clients at once** (each room 50 components; in each room one client drags at 5 Hz and all 5 move cursors at 1 Hz; ${seconds} s; 1,000 clients over ${WORKERS} worker processes${BATCH ? ' (SCHED_BATCH)' : ''}, ${WARMUP} s unmeasured warm-up, processes agree within ${skew.toFixed(2)} ms):`,
			'',
			table(
				['what', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'out of order', 'converged', 'server CPU', 'client processes CPU (sum)'],
				[
					['move → the room’s other 4 clients', p(many.latencies, 50), p(many.latencies, 99), f1(many.latencies.max), many.lost, many.reordered, many.converged ? 'yes' : 'NO', `${f1(many.cpu)} %`, `${f1(many.clientCpu)} %`],
					['of which in the server: stored → broadcast', f1(many.loops.broadcast.p50), f1(many.loops.broadcast.p99), f1(many.loops.broadcast.max), '', '', '', '', '']
				]
			),
			'',
			stallNote(many, WORKERS),
			'',
			table(
				['memory per open room (incl. its 5 connections), after GC', 'JS heap', 'external (buffers)', 'RSS', 'target'],
				[['200 rooms of 50 components', `${f1(perRoom('heapUsed'))} KB`, `${f1(perRoom('external'))} KB`, `${f1(perRoom('rss'))} KB`, '≤ 400 KB']]
			)
		);
	} finally {
		await stopWorkers();
		server.child.kill('SIGTERM');
		await new Promise((r) => server.child.once('exit', r));
	}
	writeSection('workshop', 'Live workshops (issue 4)', rows.join('\n'));
});

/**
 * 200 rooms × 5 with protocol clients (WORKSHOP_BENCH_PART=protocol): in each room the dragger is a
 * real provider and the other 4 are raw sockets that decode only the frame headers they time, so
 * the harness is not what is measured. Run against the server on SQLite, then on a throwaway
 * PostgreSQL holding the documents (WORKSHOP_BENCH_POSTGRES=0 skips it), then two instances on that
 * PostgreSQL and a throwaway Redis with each room split over both (WORKSHOP_BENCH_REDIS=0 skips
 * it). Writes `workshop-protocol`.
 */
async function protocolRooms(
	sqlite: ServerProcess,
	spawnWith: (env: Record<string, string>, dataDir?: string) => Promise<ServerProcess>,
	startWorkers: () => Promise<number>,
	stopWorkers: () => Promise<void>,
	workers: () => Worker[]
): Promise<void> {
	const seconds = Math.min(SECONDS, 30);
	// With a second instance, a room's dragger and one other client are on one instance and the other
	// 3 on the other, the dragger's instance alternating by room: 3 of every 4 deliveries cross over.
	const one = async (server: ServerProcess, other?: ServerProcess, redisCpuMs?: () => Promise<number>) => {
		const maps = [];
		for (let i = 0; i < 200; i++) maps.push(await seededMap(server, 50));
		await sleep(4000); // the seeded rooms unload after the grace period
		const skew = await startWorkers();
		const split = (r: number) => {
			const [near, far] = r % 2 === 0 ? [server.port, other!.port] : [other!.port, server.port];
			return [near, near, far, far, far];
		};
		const rooms = maps.map((m, r) => ({ mapId: m.id, key: m.editKey, clients: 5, draggers: 1, components: m.components, lite: true, ports: other ? split(r) : undefined }));
		const { result } = await runLoad(workers(), server, rooms, seconds, 5, 1, 50, other ? [other] : [], redisCpuMs);
		await stopWorkers();
		return { result, skew };
	};
	const runs: { store: string; result: LoadResult; skew: number }[] = [{ store: 'SQLite (the default)', ...(await one(sqlite)) }];
	if (process.env.WORKSHOP_BENCH_POSTGRES !== '0') {
		const postgres = await startPostgres();
		try {
			const server = await spawnWith({ DATABASE_URL: await postgres.createDatabase() });
			try {
				runs.push({ store: 'PostgreSQL (everything stored there; same machine, loopback, fsync on)', ...(await one(server)) });
			} finally {
				await stopServer(server);
			}
			if (process.env.WORKSHOP_BENCH_REDIS !== '0') runs.push(await twoInstances(postgres, spawnWith, one));
		} finally {
			await postgres.close();
		}
	}
	const p = (h: Histogram, q: number) => f1(h.percentile(q));
	const perInstance = (r: LoadResult, own: string, more: (m: LoadResult['more'][number]) => string) =>
		r.more.length ? [own, ...r.more.map(more)].map((v, i) => `${INSTANCE[i]} ${v}`).join(' · ') : own;
	const body = [
		`**200 rooms × 5 clients, protocol clients** (as in "200 rooms × 5" of the section above — 50 components a room, one client drags at 5 Hz, all 5 move cursors at 1 Hz, ${seconds} s each, ${WARMUP} s unmeasured warm-up — ` +
			`but in each room only the dragger is a y-websocket provider with a document; the other 4 are raw sockets that speak the sync and awareness protocol, ` +
			`hold no document and read only the update headers they time (\`Y.parseUpdateMeta\`). 1,000 clients from one address (so the server's per-address limit is raised to 1,100) over ${WORKERS} worker processes${BATCH ? ' (SCHED_BATCH)' : ''}; ` +
			`processes agree within ${Math.max(...runs.map((r) => r.skew)).toFixed(2)} ms. One server (one instance) per store, one after the other; ` +
			`then two instances A and B of the built server on the same PostgreSQL database and one Redis (pub/sub), in each room the dragger and one other client on one instance and the other 3 on the other, ` +
			`the dragger on A in even rooms and on B in odd ones (500 clients on each): 3 of every 4 deliveries go store → Redis → the other instance → its clients):`,
		'',
		table(
			['store', 'move → the room’s other 4 (wire) p50 / p99 / max ms', 'of which across instances p50 / p99 / max ms', 'in the server: stored → broadcast p50 / p99 ms', 'target', 'lost', 'out of order', 'server CPU (one core)', 'client processes CPU (sum)'],
			runs.map(({ store, result: r }) => [
				store,
				`${p(r.latencies, 50)} / ${p(r.latencies, 99)} / ${f1(r.latencies.max)}`,
				r.more.length ? `${p(r.remoteLatencies, 50)} / ${p(r.remoteLatencies, 99)} / ${f1(r.remoteLatencies.max)}` : '—',
				perInstance(r, `${f1(r.loops.broadcast.p50)} / ${f1(r.loops.broadcast.p99)}`, (m) => `${f1(m.broadcast.p50)} / ${f1(m.broadcast.p99)}`),
				'p99 ≤ 25',
				r.lost,
				r.reordered,
				perInstance(r, `${f1(r.cpu)} %`, (m) => `${f1(m.cpu)} %`) + (r.redisCpu === null ? '' : ` (Redis ${f1(r.redisCpu)} %)`),
				`${f1(r.clientCpu)} %`
			])
		),
		'',
		`Moves sent: ${runs.map((r) => `${r.result.moves} (${r.result.latencies.count} deliveries measured)`).join(', ')}. Cursors are sent but not timed: the server passes on only the presence fields it checks, which leave out a sender's timestamp.`,
		'',
		...runs.map((r) => `${r.store}: ${stallNote(r.result, WORKERS)}`)
	];
	writeSection('workshop-protocol', 'Live workshops with protocol clients (issue 24)', body.join('\n'));
}

async function stopServer(server: ServerProcess): Promise<void> {
	if (server.child.exitCode !== null || server.child.signalCode !== null) return;
	server.child.kill('SIGTERM');
	await new Promise((r) => server.child.once('exit', r));
}

/** The 200 rooms on two instances sharing a new database of `postgres` and a throwaway Redis. */
async function twoInstances(
	postgres: TestPostgres,
	spawnWith: (env: Record<string, string>, dataDir?: string) => Promise<ServerProcess>,
	one: (server: ServerProcess, other: ServerProcess, redisCpuMs: () => Promise<number>) => Promise<{ result: LoadResult; skew: number }>
): Promise<{ store: string; result: LoadResult; skew: number }> {
	const redis = await startRedis();
	const info = new Redis(redis.url);
	// Redis counts its own CPU time (INFO cpu, seconds): no need to find its process.
	const redisCpuMs = async () => {
		const text = await info.info('cpu');
		const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(text)?.[1] ?? NaN);
		return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
	};
	const dataDir = tempDataDir('stackmap-bench-');
	const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url };
	const servers: ServerProcess[] = [];
	try {
		// The second starts once the first has prepared the schema (and the shared SQLite file).
		servers.push(await spawnWith(env, dataDir));
		servers.push(await spawnWith(env, dataDir));
		const run = await one(servers[0], servers[1], redisCpuMs);
		return { store: 'PostgreSQL + Redis, two instances A and B (each room split 2 + 3 over them)', ...run };
	} finally {
		for (const s of servers) await stopServer(s);
		info.disconnect();
		await redis.close();
	}
}

// Live-workshop load against the built server in a child process (its CPU and memory from the
// opt-in /api/debug/stats): one room with 60 real y-websocket clients (5 dragging at 30 Hz, all
// moving cursors at 10 Hz), then 200 rooms × 5 clients at once. Writes section `workshop`.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot, type ComponentId } from '../src/lib/map/index.js';
import { relayOwnPresenceOnly } from '../src/lib/collab/live.js';
import { createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../tests/helpers/collab.js';
import { table, writeSection } from './report.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f1 = (n: number) => n.toFixed(1);

interface Stats {
	cpu: { user: number; system: number };
	memory: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
	eventLoopMs: { p50: number; p99: number; max: number };
	broadcastMs: { count: number; p50: number; p99: number; max: number };
	gcMs: { count: number; totalMs: number; maxMs: number };
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

/** Latencies in 0.05 ms bins (no per-sample arrays: millions of samples must not disturb the GC). */
class Histogram {
	private readonly bins = new Uint32Array(200_000);
	count = 0;
	max = 0;
	add(ms: number): void {
		this.bins[Math.min(this.bins.length - 1, Math.max(0, Math.round(ms * 20)))]++;
		this.count++;
		if (ms > this.max) this.max = ms;
	}
	percentile(q: number): number {
		let target = Math.ceil((q / 100) * this.count);
		for (let i = 0; i < this.bins.length; i++) if ((target -= this.bins[i]) <= 0) return i / 20;
		return this.max;
	}
}

/**
 * Wire-level propagation: each sender notes its Yjs clock and the time after every move; each
 * receiver reads every sync message before y-websocket applies it, so a move's latency is
 * (first message carrying its clock) − (send time), and a message that skips clocks is out of order.
 */
class Propagation {
	readonly latencies = new Histogram();
	reordered = 0;
	duplicates = 0;
	private readonly sent = new Map<number, { clock: number; at: number }[]>();
	private readonly seen = new Map<string, { to: number; next: number }>();
	recording = false;

	track(client: number): void {
		this.sent.set(client, []);
	}

	onSent(client: number, clock: number): void {
		if (this.recording) this.sent.get(client)!.push({ clock, at: performance.now() });
	}

	/** Start the window for (receiver, sender) pairs: each receiver has its sender's current clock. */
	start(pairs: [number, number][], clockOf: (client: number) => number): void {
		for (const [r, s] of pairs) if (r !== s) this.seen.set(`${r}:${s}`, { to: clockOf(s), next: 0 });
		this.recording = true;
	}

	private readonly metaCache = new Map<string, ReturnType<typeof Y.parseUpdateMeta>>();

	/** The server sends the same frame to every client: parse each distinct payload once. */
	private meta(payload: Uint8Array): ReturnType<typeof Y.parseUpdateMeta> {
		const key = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('latin1');
		let meta = this.metaCache.get(key);
		if (!meta) {
			meta = Y.parseUpdateMeta(payload);
			if (this.metaCache.size > 1000) this.metaCache.clear();
			this.metaCache.set(key, meta);
		}
		return meta;
	}

	onMessage(receiver: number, payload: Uint8Array): void {
		if (!this.recording) return;
		const at = performance.now();
		const meta = this.meta(payload);
		for (const [client, to] of meta.to) {
			const log = this.sent.get(client);
			const seen = this.seen.get(`${receiver}:${client}`);
			if (!log || !seen) continue;
			const from = meta.from.get(client) ?? 0;
			if (from > seen.to) this.reordered++;
			if (to <= seen.to) {
				this.duplicates++;
				continue;
			}
			seen.to = to;
			while (seen.next < log.length && log[seen.next].clock <= to) this.latencies.add(at - log[seen.next++].at);
		}
	}

	/** Moves sent in the window that some receiver never got. */
	lost(): number {
		let n = 0;
		for (const [key, seen] of this.seen) n += this.sent.get(Number(key.split(':')[1]))!.length - seen.next;
		return n;
	}
}

function connect(server: ServerProcess, id: string, key: string, name: string, onSync?: (payload: Uint8Array) => void): Promise<WebsocketProvider> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, id, doc, {
		params: { key, name },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	// Our client (src/lib/collab/live.ts) sends only its own presence; a stock one relays everyone's.
	if (process.env.WORKSHOP_BENCH_STOCK_PRESENCE !== '1') relayOwnPresenceOnly(provider);
	provider.awareness.setLocalState({ user: { name, colour: '#1d70b8', role: 'participant' }, cursor: null, selection: [], dragging: [], viewport: null, status: 'active' });
	if (onSync) {
		const original = provider.messageHandlers[0];
		provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
			const peek = decoding.clone(decoder);
			if (decoding.readVarUint(peek) === 2) onSync(decoding.readVarUint8Array(peek));
			original(encoder, decoder, p, emitSynced, type);
		};
	}
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

/** Run `tick(i)` every `1000 / hz` ms, at a staggered phase, until stopped. */
function every(hz: number, phase: number, tick: () => void): () => void {
	let timer: ReturnType<typeof setInterval> | null = null;
	const start = setTimeout(() => (timer = setInterval(tick, 1000 / hz)), phase % (1000 / hz));
	return () => {
		clearTimeout(start);
		if (timer) clearInterval(timer);
	};
}

interface LoadResult {
	/** Event-loop delay over the window, ms. */
	loops: { gc: Stats['gcMs']; broadcast: Stats['broadcastMs']; server: Stats['eventLoopMs']; client: Stats['eventLoopMs']; idle: { p99: number; max: number }; load: number[] };
	/** CPU of this (client) process over the window, % of one core. */
	clientCpu: number;
	latencies: Histogram;
	lost: number;
	reordered: number;
	cpu: number;
	converged: boolean;
	moves: number;
	cursorLatencies: Histogram;
}

/** Drive `rooms` for `seconds`: draggers move their component at dragHz, everyone's cursor at cursorHz. */
async function runLoad(
	rooms: { clients: WebsocketProvider[]; draggers: number; components: ComponentId[] }[],
	prop: Propagation,
	server: ServerProcess,
	seconds: number,
	dragHz: number,
	cursorHz: number,
	cursorLatencies: Histogram
): Promise<LoadResult> {
	const stops: (() => void)[] = [];
	let moves = 0;
	const pairs: [number, number][] = [];
	const clockOf = new Map<number, () => number>();
	for (const room of rooms) {
		for (let d = 0; d < room.draggers; d++) {
			const sender = room.clients[d].doc;
			clockOf.set(sender.clientID, () => Y.getState(sender.store, sender.clientID));
			for (const c of room.clients) pairs.push([c.doc.clientID, sender.clientID]);
		}
	}
	prop.start(pairs, (client) => clockOf.get(client)!());
	const idle = canary();
	await sleep(200);
	const load0 = loadavg()[0];
	const before = await stats(server, false);
	// WORKSHOP_BENCH_PROFILE=<file>: write the server's CPU profile of the load window there.
	if (process.env.WORKSHOP_BENCH_PROFILE) await fetch(`${server.base}/api/debug/stats?gc=0&profile=start`);
	const clientProfile = process.env.WORKSHOP_BENCH_CLIENT_PROFILE ? new Session() : null;
	if (clientProfile) {
		clientProfile.connect();
		await new Promise((r) => clientProfile.post('Profiler.enable', () => clientProfile.post('Profiler.start', r)));
	}
	const clientLoop = monitorEventLoopDelay({ resolution: 1 });
	clientLoop.enable();
	const clientCpu0 = process.cpuUsage();
	const wall0 = performance.now();
	let phase = 0;
	for (const room of rooms) {
		room.clients.forEach((c, i) => {
			if (i < room.draggers) {
				const cid = room.components[i];
				let step = 0;
				stops.push(
					every(dragHz, (phase += 7), () => {
						step++;
						moveComponent(c.doc, cid, { evolution: 0.5 + 0.4 * Math.sin(step / 10), visibility: 0.5 + 0.4 * Math.cos(step / 10) });
						moves++;
						prop.onSent(c.doc.clientID, Y.getState(c.doc.store, c.doc.clientID));
					})
				);
			}
			let k = 0;
			stops.push(
				every(cursorHz, (phase += 13), () => {
					k++;
					c.awareness.setLocalStateField('cursor', { evolution: (k % 100) / 100, visibility: 0.5, t: performance.now() });
				})
			);
		});
	}
	await sleep(seconds * 1000);
	for (const stop of stops) stop();
	const after = await stats(server, false);
	const idleLoop = await idle.stop();
	const load = [load0, loadavg()[0]];
	if (process.env.WORKSHOP_BENCH_PROFILE) await fetch(`${server.base}/api/debug/stats?gc=0&profile=${encodeURIComponent(process.env.WORKSHOP_BENCH_PROFILE)}`);
	clientLoop.disable();
	if (clientProfile) {
		await new Promise<void>((r) =>
			clientProfile.post('Profiler.stop', (_err, result) => {
				writeFileSync(process.env.WORKSHOP_BENCH_CLIENT_PROFILE!, JSON.stringify(result.profile));
				clientProfile.disconnect();
				r();
			})
		);
	}
	const loops = { gc: after.gcMs, broadcast: after.broadcastMs, server: after.eventLoopMs, client: { p50: clientLoop.percentile(50) / 1e6, p99: clientLoop.percentile(99) / 1e6, max: clientLoop.max / 1e6 }, idle: idleLoop, load };
	const used = process.cpuUsage(clientCpu0);
	const clientCpu = ((used.user + used.system) / 1000 / (performance.now() - wall0)) * 100;
	prop.recording = false;
	await sleep(1500); // drain
	let converged = true;
	for (const room of rooms) {
		const want = JSON.stringify(readSnapshot(room.clients[0].doc).components);
		if (!room.clients.every((c) => JSON.stringify(readSnapshot(c.doc).components) === want)) converged = false;
	}
	return { loops, clientCpu, latencies: prop.latencies, lost: prop.lost(), reordered: prop.reordered, cpu: cpuPercent(before, after), converged, moves, cursorLatencies };
}

/** Cursor latency: receivers read the sender's timestamp from each awareness update. */
function watchCursors(c: WebsocketProvider, sink: Histogram, recording: () => boolean): void {
	c.awareness.on('change', ({ updated }: { updated: number[] }) => {
		if (!recording()) return;
		const now = performance.now();
		for (const id of updated) {
			if (id === c.doc.clientID) continue;
			const t = (c.awareness.getStates().get(id)?.cursor as { t?: number } | undefined)?.t;
			if (typeof t === 'number') sink.add(now - t);
		}
	});
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

/** Event-loop delay of the server, the clients and an idle canary, and the machine's load, in the window. */
function stallNote(r: LoadResult): string {
	const { server, client, idle, load } = r.loops;
	return (
		`Event-loop delay in the window, p99 / max ms: server ${f1(server.p99)} / ${f1(server.max)}, clients ${f1(client.p99)} / ${f1(client.max)}, ` +
		`an idle canary process ${f1(idle.p99)} / ${f1(idle.max)}; load average ${load.map((l) => l.toFixed(1)).join(' → ')} on ${cpus().length} cores.`
	);
}

/**
 * Knobs: WORKSHOP_BENCH_SECONDS (default 60), WORKSHOP_BENCH_PART=one|many (one part, printed, not
 * written), WORKSHOP_BENCH_PROFILE / WORKSHOP_BENCH_CLIENT_PROFILE=<file> (CPU profiles of the
 * server / the clients over the window), WORKSHOP_BENCH_STOCK_PRESENCE=1 (clients relay everyone's presence).
 */
const SECONDS = Number(process.env.WORKSHOP_BENCH_SECONDS ?? 60);

it('measures a 60-person workshop room and 200 rooms at once', async () => {
	const server = await spawnServer(tempDataDir('stackmap-bench-'), { STACKMAP_DEBUG_STATS: '1', NODE_OPTIONS: '--expose-gc', STACKMAP_GRACE_MS: '2000' });
	const rows: string[] = [];
	try {
		// ---- one room, 60 clients -------------------------------------------------------------
		const onlyMany = process.env.WORKSHOP_BENCH_PART === 'many';
		const map = await seededMap(server, 50);
		const prop = new Propagation();
		const cursorLat = new Histogram();
		const clients: WebsocketProvider[] = [];
		for (let i = 0; i < (onlyMany ? 6 : 60); i++) {
			const idx = i;
			const c = await connect(server, map.id, map.editKey, `Person ${i}`, (payload) => prop.onMessage(clients[idx]?.doc.clientID ?? -1, payload));
			clients.push(c);
			if (i < 5) prop.track(c.doc.clientID);
		}
		for (const c of clients) watchCursors(c, cursorLat, () => prop.recording);
		await until(() => clients.every((c) => readSnapshot(c.doc).components.length === 50), 10_000, 'all synced');
		const one = await runLoad([{ clients, draggers: 5, components: map.components }], prop, server, onlyMany ? 1 : SECONDS, 30, 10, cursorLat);
		const room1 = await stats(server);
		for (const c of clients) c.destroy();
		if (process.env.WORKSHOP_BENCH_PART === 'one') {
			console.log(`one room: p50 ${one.latencies.percentile(50)} p99 ${one.latencies.percentile(99)} cursor p50 ${one.cursorLatencies.percentile(50)} server ${one.cpu}% client ${one.clientCpu}% lost ${one.lost} loops ${JSON.stringify(one.loops)}`);
			return;
		}

		// ---- 200 rooms × 5 clients ----------------------------------------------------------
		const maps = [];
		for (let i = 0; i < 200; i++) maps.push(await seededMap(server, 50));
		await sleep(4000); // the seeded rooms unload after the grace period
		const base = await stats(server);
		const prop2 = new Propagation();
		const cursor2 = new Histogram();
		const rooms: { clients: WebsocketProvider[]; draggers: number; components: ComponentId[] }[] = [];
		for (const m of maps) {
			const roomClients: WebsocketProvider[] = [];
			const joined = await Promise.all(
				[0, 1, 2, 3, 4].map((i) => connect(server, m.id, m.editKey, `P${i}`, (payload) => prop2.onMessage(roomClients[i]?.doc.clientID ?? -1, payload)))
			);
			roomClients.push(...joined);
			prop2.track(joined[0].doc.clientID);
			rooms.push({ clients: roomClients, draggers: 1, components: m.components });
		}
		const all = rooms.flatMap((r) => r.clients);
		await until(() => all.every((c) => readSnapshot(c.doc).components.length === 50), 30_000, 'all rooms synced');
		const loaded = await stats(server);
		const many = await runLoad(rooms, prop2, server, Math.min(SECONDS, 30), 5, 1, cursor2);
		if (onlyMany) {
			console.log(`many: p50 ${many.latencies.percentile(50)} p99 ${many.latencies.percentile(99)} server ${many.cpu}% client ${many.clientCpu}% lost ${many.lost} loops ${JSON.stringify(many.loops)} heap/room ${(loaded.memory.heapUsed - base.memory.heapUsed) / 200 / 1024}`);
			return;
		}
		for (const c of all) c.destroy();

		const perRoom = (k: 'heapUsed' | 'rss' | 'external') => (loaded.memory[k] - base.memory[k]) / 200 / 1024;
		const p = (h: Histogram, q: number) => f1(h.percentile(q));
		rows.push(
			`**One room, 60 clients** (50 components; 5 clients drag their own component at 30 Hz, all 60 move cursors at 10 Hz; ${SECONDS} s; ` +
				`server = built \`dist/server/index.js\` in a child process, clients = 60 y-websocket clients in the bench process, loopback):`,
			'',
			table(
				['what', 'p50 ms', 'p99 ms', 'max ms', 'target'],
				[
					['move → every other client (wire)', p(one.latencies, 50), p(one.latencies, 99), f1(one.latencies.max), 'p50 ≤ 10, p99 ≤ 25'],
					['of which in the server: applied → broadcast', f1(one.loops.broadcast.p50), f1(one.loops.broadcast.p99), f1(one.loops.broadcast.max), '—'],
					['cursor → every other client', p(one.cursorLatencies, 50), p(one.cursorLatencies, 99), f1(one.cursorLatencies.max), '—']
				]
			),
			'',
			table(
				['moves sent', 'deliveries measured', 'lost', 'out of order', 'converged', 'server CPU (one core)', 'server RSS', 'client process CPU'],
				[[one.moves, one.latencies.count, one.lost, one.reordered, one.converged ? 'yes' : 'NO', `${f1(one.cpu)} %`, `${f1(room1.memory.rss / 2 ** 20)} MiB`, `${f1(one.clientCpu)} %`]]
			),
			'',
			stallNote(one),
			'',
			`**200 rooms × 5 clients at once** (each room 50 components; in each room one client drags at 5 Hz and all 5 move cursors at 1 Hz; ${Math.min(SECONDS, 30)} s; 1,000 clients in the bench process):`,
			'',
			table(
				['what', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'out of order', 'server CPU', 'client process CPU'],
				[
					['move → the room’s other 4 clients', p(many.latencies, 50), p(many.latencies, 99), f1(many.latencies.max), many.lost, many.reordered, `${f1(many.cpu)} %`, `${f1(many.clientCpu)} %`],
					['of which in the server: applied → broadcast', f1(many.loops.broadcast.p50), f1(many.loops.broadcast.p99), f1(many.loops.broadcast.max), '', '', '', '']
				]
			),
			'',
			stallNote(many),
			'',
			table(
				['memory per open room (incl. its 5 connections), after GC', 'JS heap', 'external (buffers)', 'RSS', 'target'],
				[['200 rooms of 50 components', `${f1(perRoom('heapUsed'))} KB`, `${f1(perRoom('external'))} KB`, `${f1(perRoom('rss'))} KB`, '≤ 400 KB']]
			)
		);
	} finally {
		server.child.kill('SIGTERM');
		await new Promise((r) => server.child.once('exit', r));
	}
	writeSection('workshop', 'Live workshops (issue 4)', rows.join('\n'));
});

// Stackmap's server against the y-websocket reference server (1.5.4, LevelDB persistence) in the
// same run, on the same load, both as child processes on loopback measured the same way (CPU and
// memory from /proc): propagation latency, burst throughput, CPU, memory, and what survives a
// SIGKILL. Writes section `relay`. Knob: RELAY_BENCH_SECONDS (each latency window, default 20).
import { loadavg, cpus } from 'node:os';
import { afterAll, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot, type ComponentId } from '../src/lib/map/index.js';
import { tempDataDir, until } from '../tests/helpers/collab.js';
import { cpuPercent, runQueueWaitMs, sample, type ProcSample } from './proc.js';
import { connect, disconnect, killAll, startReference, startStackmap, type Relay, type RoomAddress } from './relays.js';
import { table, writeSection } from './report.js';
import { Histogram, WireLatency, every } from './wire.js';

const SECONDS = Number(process.env.RELAY_BENCH_SECONDS ?? 20);
const ROUNDS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(killAll);

interface Load {
	clients: number;
	senders: number;
	/** Moves per second per sender. */
	hz: number;
	/** Cursor moves per second per client (0: none). */
	cursorHz: number;
}

interface Room {
	clients: WebsocketProvider[];
	components: ComponentId[];
	wire: WireLatency;
}

/** A room of `n` clients on `relay`; the first adds 50 components, the rest join after. */
async function openRoom(relay: Relay, label: string, n: number): Promise<Room> {
	const address: RoomAddress = await relay.newRoom(label);
	const wire = new WireLatency();
	const join = (i: number) => connect(address, `Person ${i}`, (p, payload) => wire.onMessage(p.doc.clientID, payload));
	const first = await join(0);
	const components: ComponentId[] = [];
	first.doc.transact(() => {
		for (let i = 0; i < 50; i++) components.push(addComponent(first.doc, { name: `Component ${i}`, evolution: (i % 10) / 10 + 0.05, visibility: Math.floor(i / 10) / 5 + 0.1 }));
	});
	const clients = [first];
	for (let i = 1; i < n; i++) clients.push(await join(i));
	await until(() => clients.every((c) => readSnapshot(c.doc).components.length === 50), 20_000, `${relay.name}: room synced`);
	return { clients, components, wire };
}

interface Totals {
	latencies: Histogram;
	lost: number;
	/** Edits sent in the windows. */
	edits: number;
	/** Time the server's main thread and this process's (the clients') spent waiting for a core, ms. */
	serverWaitMs: number;
	clientsWaitMs: number;
	/** Server CPU time and wall time over the windows, ms. */
	cpuMs: number;
	wallMs: number;
	after: ProcSample | null;
}

const totals = (): Totals => ({ latencies: new Histogram(), lost: 0, edits: 0, serverWaitMs: 0, clientsWaitMs: 0, cpuMs: 0, wallMs: 0, after: null });

/** Senders move their own component at `load.hz`, everyone moves a cursor, for `seconds`; adds to `into`. */
async function propagate(relay: Relay, room: Room, load: Load, seconds: number, into: Totals): Promise<void> {
	const senders = room.clients.slice(0, load.senders);
	room.wire.start(
		room.clients.map((c) => c.doc.clientID),
		senders.map((s) => s.doc)
	);
	const stops: (() => void)[] = [];
	let phase = 0;
	const before = sample(relay.pid);
	const waited = [runQueueWaitMs(relay.pid), runQueueWaitMs(process.pid)];
	let edits = 0;
	senders.forEach((s, i) => {
		let step = 0;
		stops.push(
			every(load.hz, (phase += 7), () => {
				step++;
				edits++;
				moveComponent(s.doc, room.components[i], { evolution: 0.5 + 0.4 * Math.sin(step / 10), visibility: 0.5 + 0.4 * Math.cos(step / 10) });
				room.wire.onSent(s.doc);
			})
		);
	});
	if (load.cursorHz > 0) {
		room.clients.forEach((c) => {
			let k = 0;
			stops.push(every(load.cursorHz, (phase += 13), () => c.awareness.setLocalStateField('cursor', { evolution: (++k % 100) / 100, visibility: 0.5 })));
		});
	}
	await sleep(seconds * 1000);
	for (const stop of stops) stop();
	const after = sample(relay.pid);
	into.serverWaitMs += runQueueWaitMs(relay.pid) - waited[0];
	into.clientsWaitMs += runQueueWaitMs(process.pid) - waited[1];
	into.edits += edits;
	await sleep(1500); // drain
	room.wire.recording = false;
	into.latencies.merge(room.wire.latencies);
	into.lost += room.wire.lost();
	into.cpuMs += after.cpuMs - before.cpuMs;
	into.wallMs += after.at - before.at;
	into.after = after;
}

/** The same load on each relay's room in turn, `rounds` times, alternating which goes first. */
async function interleaved(sides: [Relay, Room][], load: Load, seconds: number, rounds: number): Promise<Totals[]> {
	const out = sides.map(totals);
	for (let r = 0; r < rounds; r++) for (const i of r % 2 ? [1, 0] : [0, 1]) await propagate(sides[i][0], sides[i][1], load, seconds / rounds, out[i]);
	return out;
}

interface Burst {
	updates: number;
	seconds: number;
	cpuMs: number;
}

/** `senders` clients each send `per` moves at once; time until every client has all of them. */
async function burst(relay: Relay, room: Room, senders: number, per: number, into: Burst): Promise<void> {
	const from = room.clients.slice(0, senders);
	const before = sample(relay.pid);
	const t0 = performance.now();
	for (let i = 0; i < per; i++) from.forEach((s, k) => moveComponent(s.doc, room.components[k], { evolution: i / per, visibility: 0.25 }));
	const want = from.map((s) => [s.doc.clientID, Y.getState(s.doc.store, s.doc.clientID)] as const);
	await until(() => room.clients.every((c) => want.every(([id, clock]) => Y.getState(c.doc.store, id) >= clock)), 120_000, `${relay.name}: burst delivered`);
	into.seconds += (performance.now() - t0) / 1000;
	into.updates += senders * per;
	into.cpuMs += sample(relay.pid).cpuMs - before.cpuMs;
	await sleep(500);
}

const EDIT = /^edit (\d+)-(\d+)$/;
const edits = (doc: Y.Doc) => new Set(readSnapshot(doc).components.map((c) => c.name).filter((n) => EDIT.test(n)));

interface Survival {
	sent: number;
	received: number;
	survived: number;
	restarted: Relay;
}

/**
 * Four clients add uniquely named components (at `hz` each, or `burstOf` at once); a watcher
 * client records what the relay sent it. The relay is SIGKILLed once `killWhen(received)` holds,
 * restarted on the same data and a new port (so no old client can resend anything), and a fresh
 * client counts how many of the received edits the restarted relay has.
 */
async function survival(relay: Relay, mode: { hz: number } | { burstOf: number }, killWhen: (received: number, ms: number) => boolean): Promise<Survival> {
	const address = await relay.newRoom('durability');
	const watcher = await connect(address, 'Watcher');
	const senders: WebsocketProvider[] = [];
	for (let k = 0; k < 4; k++) senders.push(await connect(address, `Sender ${k}`));
	let sent = 0;
	const stops: (() => void)[] = [];
	const add = (s: WebsocketProvider, k: number, i: number) => {
		addComponent(s.doc, { name: `edit ${k}-${i}`, evolution: (i % 97) / 100, visibility: (k + 1) / 6 });
		sent++;
	};
	const t0 = performance.now();
	if ('hz' in mode) senders.forEach((s, k) => { let i = 0; stops.push(every(mode.hz, k * 5, () => add(s, k, i++))); });
	else for (let i = 0; i < mode.burstOf / 4; i++) senders.forEach((s, k) => add(s, k, i));
	await until(() => killWhen(edits(watcher.doc).size, performance.now() - t0), 60_000, `${relay.name}: kill point`);
	await relay.stop('SIGKILL');
	for (const stop of stops) stop();
	await sleep(300); // frames the relay wrote before it died are still read from the socket
	const received = edits(watcher.doc);
	disconnect([watcher, ...senders]);
	const restarted = await relay.restart();
	const checker = await connect(restarted.address(address), 'Checker');
	// The reference server loads a room from LevelDB only after answering the first client: wait
	// until the count has held for 3 s.
	for (let last = -1, steady = 0, t = 0; steady < 12 && t < 200; t++) {
		const n = edits(checker.doc).size;
		steady = n === last ? steady + 1 : 0;
		last = n;
		await sleep(250);
	}
	const stored = edits(checker.doc);
	disconnect([checker]);
	return { sent, received: received.size, survived: [...received].filter((n) => stored.has(n)).length, restarted };
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1' : '∞') : f2(a / b));

/** A figure: name, ours, theirs, which way is better, format. */
type Row = [string, number, number, 'lower' | 'higher', (n: number) => string];
const ahead = (r: Row) => (r[1] === r[2] ? 'even' : (r[3] === 'lower' ? r[1] < r[2] : r[1] > r[2]) ? 'yes' : '**no**');

/** RELAY_BENCH_PART=latency|durability runs one part and prints it (nothing written). */
const PART = process.env.RELAY_BENCH_PART ?? '';

it('compares Stackmap with the y-websocket reference server on the same load', async () => {
	const load0 = loadavg();
	const ours = await startStackmap(tempDataDir('stackmap-relay-'), { STACKMAP_GRACE_MS: '2000' });
	const ref = await startReference(tempDataDir('ywsref-relay-'));
	await sleep(1000);
	const relays = [ours, ref];
	const idle = relays.map((r) => sample(r.pid));
	const rows: Row[] = [];
	const details: string[][] = [];
	const calm: Load = { clients: 10, senders: 2, hz: 10, cursorHz: 0 };
	const workshop: Load = { clients: 60, senders: 5, hz: 30, cursorHz: 10 };

	if (PART !== 'durability') {
		// Latency: both rooms open at once, the load on one at a time, alternating in rounds.
		const calmRooms = [await openRoom(ours, 'calm', calm.clients), await openRoom(ref, 'calm', calm.clients)];
		// A calm room sends few edits: three times the window (and twice the rounds), so its p99 rests
		// on about 10,000 deliveries per server rather than a few dozen of the slowest.
		const c = await interleaved([[ours, calmRooms[0]], [ref, calmRooms[1]]], calm, 3 * SECONDS, 2 * ROUNDS);
		const b: Burst[] = [{ updates: 0, seconds: 0, cpuMs: 0 }, { updates: 0, seconds: 0, cpuMs: 0 }];
		for (const i of [0, 1, 1, 0]) await burst(relays[i], calmRooms[i], 4, 1000, b[i]);
		for (const room of calmRooms) disconnect(room.clients);
		const wsRooms = [await openRoom(ours, 'workshop', workshop.clients), await openRoom(ref, 'workshop', workshop.clients)];
		const w = await interleaved([[ours, wsRooms[0]], [ref, wsRooms[1]]], workshop, SECONDS, ROUNDS);
		const after = relays.map((r) => sample(r.pid));
		for (const room of wsRooms) disconnect(room.clients);
		const cpu = (t: Totals) => (t.cpuMs / t.wallMs) * 100;
		rows.push(
			['calm room: move → other clients, p50 ms', c[0].latencies.percentile(50), c[1].latencies.percentile(50), 'lower', f2],
			['calm room: move → other clients, p99 ms', c[0].latencies.percentile(99), c[1].latencies.percentile(99), 'lower', f2],
			['workshop room: move → other clients, p50 ms', w[0].latencies.percentile(50), w[1].latencies.percentile(50), 'lower', f2],
			['workshop room: move → other clients, p99 ms', w[0].latencies.percentile(99), w[1].latencies.percentile(99), 'lower', f2],
			['burst: updates/s end to end (4 × 1,000 moves into a room of 10)', b[0].updates / b[0].seconds, b[1].updates / b[1].seconds, 'higher', (n) => Math.round(n).toLocaleString('en-GB')],
			['server CPU, calm room, % of a core', cpu(c[0]), cpu(c[1]), 'lower', f1],
			['server CPU, workshop room, % of a core', cpu(w[0]), cpu(w[1]), 'lower', f1],
			['server CPU per 1,000 burst updates (incl. fan-out to 10), ms', (b[0].cpuMs / b[0].updates) * 1000, (b[1].cpuMs / b[1].updates) * 1000, 'lower', f1],
			['server RSS idle, MiB', idle[0].rssMiB, idle[1].rssMiB, 'lower', f1],
			['server RSS with both rooms open (70 clients), MiB', after[0].rssMiB, after[1].rssMiB, 'lower', f1],
			['server peak RSS, MiB', after[0].peakMiB, after[1].peakMiB, 'lower', f1]
		);
		details.push(
			['calm room: deliveries measured / not delivered / max ms', ...c.map((t) => `${t.latencies.count} / ${t.lost} / ${f1(t.latencies.max)}`)],
			['calm room: time waiting for a core per edit, ms: the server’s main thread / the clients’ (this process)', ...c.map((t) => `${f2(t.serverWaitMs / t.edits)} / ${f2(t.clientsWaitMs / t.edits)}`)],
			['workshop room: deliveries measured / not delivered / max ms', ...w.map((t) => `${t.latencies.count} / ${t.lost} / ${f1(t.latencies.max)}`)],
			['burst: seconds until all 10 clients had all 4,000 moves (two bursts)', ...b.map((x) => f2(x.seconds))]
		);
	}
	if (PART !== 'latency') {
		const stream = { hz: 50 };
		const s = [await survival(ours, stream, (_n, ms) => ms > 3000), await survival(ref, stream, (_n, ms) => ms > 3000)];
		const k = [await survival(s[0].restarted, { burstOf: 2000 }, (n) => n >= 1000), await survival(s[1].restarted, { burstOf: 2000 }, (n) => n >= 1000)];
		for (const r of k) await r.restarted.stop();
		rows.push(
			['SIGKILL mid-stream (4 × 50 edits/s): received edits that survive, %', (100 * s[0].survived) / s[0].received, (100 * s[1].survived) / s[1].received, 'higher', f1],
			['SIGKILL mid-burst (2,000 edits at once): received edits that survive, %', (100 * k[0].survived) / k[0].received, (100 * k[1].survived) / k[1].received, 'higher', f1]
		);
		details.push(
			['SIGKILL mid-stream: sent / received by the watcher / of those, in the restarted server', ...s.map((x) => `${x.sent} / ${x.received} / ${x.survived}`)],
			['SIGKILL mid-burst: sent / received by the watcher / of those, in the restarted server', ...k.map((x) => `${x.sent} / ${x.received} / ${x.survived}`)]
		);
	}
	const load1 = loadavg();
	const body = [
		`Both servers run as child processes (\`node dist/server/index.js\`, SQLite WAL; \`node_modules/y-websocket-ref/bin/server.js\` with \`YPERSISTENCE\`, LevelDB) on loopback in the same run, with the same y-websocket 3 clients in the bench process (they send only their own presence, as Stackmap's client does). Each latency load runs on one server at a time while the other idles, in alternating rounds: the calm room ${2 * ROUNDS} rounds, ${3 * SECONDS} s per server in all; the workshop room ${ROUNDS} rounds, ${SECONDS} s per server. CPU is utime + stime of every thread from \`/proc/<pid>/stat\` over each window; RSS from \`/proc/<pid>/status\`. Latency is on the wire: from the sender's edit to the first frame carrying it in each other client. Calm room: ${calm.clients} clients, ${calm.senders} moving a component at ${calm.hz} Hz each. Workshop room: ${workshop.clients} clients, ${workshop.senders} moving at ${workshop.hz} Hz, all ${workshop.clients} moving cursors at ${workshop.cursorHz} Hz. Durability: four clients add uniquely named components, a watcher records what the server sent it, the server is SIGKILLed (after 3 s of the stream; once the watcher has half the burst), restarted on the same data, and a fresh client counts the watcher's edits in it.`,
		'',
		table(
			['figure', 'Stackmap', 'y-websocket 1.5.4', 'ours / theirs', 'Stackmap ahead'],
			rows.map((r) => [r[0], r[4](r[1]), r[4](r[2]), ratio(r[1], r[2]), ahead(r)])
		),
		'',
		table(['detail', 'Stackmap', 'y-websocket 1.5.4'], details),
		'',
		`Load average (1 / 5 / 15 min) at the start ${load0.map(f1).join(' / ')}, at the end ${load1.map(f1).join(' / ')} on ${cpus().length} cores.`
	].join('\n');
	console.log(body);
	if (!PART) writeSection('relay', 'Stackmap against the y-websocket reference server (issue 7)', body);
	for (const r of relays) if (r.child.exitCode === null && r.child.signalCode === null) await r.stop();
});

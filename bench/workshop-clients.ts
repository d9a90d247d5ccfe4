// A worker process of the workshop benchmark (bench/workshop.bench.ts forks several, bundled to
// plain JS): it runs its share of the real y-websocket clients, drags and moves cursors on command,
// and reports latency histograms, lost / out-of-order moves and convergence digests over IPC.
// Times are on the machine's shared clock (performance.timeOrigin + performance.now()).
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { moveComponent, readSnapshot, type ComponentId } from '../src/lib/map/index.js';
import { relayOwnPresenceOnly } from '../src/lib/collab/live.js';
import { Histogram, type HistogramData } from './histogram.js';

/** One client to run: which room, and whether it drags. */
export interface ClientSpec {
	room: number;
	mapId: string;
	key: string;
	name: string;
	/** The component this client drags, if it is a dragger. */
	drag?: ComponentId;
	/** Timer phase offset, ms. */
	phase: number;
	/**
	 * A protocol client: a raw socket that speaks the sync and awareness protocol and decodes only
	 * what it times (which senders' clocks a frame advances), holding no document.
	 */
	lite?: boolean;
	/** The instance (port) this client connects to, when not the join's. */
	port?: number;
}

export type ToWorker =
	| { type: 'clock' }
	| { type: 'join'; port: number; clients: ClientSpec[]; stockPresence: boolean }
	| { type: 'synced'; components: number }
	| { type: 'start'; dragHz: number; cursorHz: number }
	| { type: 'record'; senders: Record<number, number[]>; ports?: Record<number, number> }
	| { type: 'stop' }
	| { type: 'collect'; logs: Record<number, { clocks: number[]; at: number[] }> }
	| { type: 'exit' };

export interface WorkerReport {
	moves: HistogramData;
	/** The moves whose sender is on another instance than the receiver (only with `ports` in record). */
	remoteMoves: HistogramData;
	cursors: HistogramData;
	lost: number;
	reordered: number;
	/** Per client: its room and a digest of its components. */
	digests: { room: number; digest: string }[];
}

export interface WorkerStop {
	loop: { p50: number; p99: number; max: number };
	/** CPU of this process over the window, % of one core. */
	cpu: number;
	moves: number;
	/** Each dragger's sent moves: its Yjs clock after the move and the time just before it. */
	logs: Record<number, { clocks: number[]; at: number[] }>;
}

const now = () => performance.timeOrigin + performance.now();
// Every provider listens for this process's exit.
process.setMaxListeners(0);

/** Receipts of one sender's moves at one receiver: the clock each frame reached, and when. */
class Receipts {
	to: number;
	n = 0;
	clocks = new Float64Array(256);
	at = new Float64Array(256);
	/** The sender is on another instance: its moves came over the bus. */
	readonly remote: boolean;
	constructor(to: number, remote = false) {
		this.to = to;
		this.remote = remote;
	}
	push(clock: number, at: number): void {
		if (this.n === this.clocks.length) {
			const grow = (a: Float64Array) => {
				const b = new Float64Array(a.length * 2);
				b.set(a);
				return b;
			};
			this.clocks = grow(this.clocks);
			this.at = grow(this.at);
		}
		this.clocks[this.n] = clock;
		this.at[this.n++] = at;
	}
}

interface Client {
	spec: ClientSpec;
	/** The full client (a real provider and document); null for a protocol client. */
	provider: WebsocketProvider | null;
	/** A protocol client's own socket, presence and tiny document (its clock only). */
	lite: Lite | null;
	clientID: number;
	/** Sender client id → receipts, for the senders in this client's room (set at start). */
	pairs: Map<number, Receipts>;
}

interface Lite {
	socket: WebSocket;
	doc: Y.Doc;
	awareness: awarenessProtocol.Awareness;
	synced: boolean;
	/** Per client id: the clock this client has seen frames reach. */
	held: Map<number, number>;
}

const clients: Client[] = [];
const cursorLatencies = new Histogram();
let recording = false;
let reordered = 0;
let stops: (() => void)[] = [];
let moves = 0;
const logs: Record<number, { clocks: number[]; at: number[] }> = {};
const loop = monitorEventLoopDelay({ resolution: 1 });
let cpu0 = process.cpuUsage();
let wall0 = 0;

/**
 * After `client` applied a sync frame received at `at`: each sender of its room whose clock the
 * frame advanced has a receipt (the first frame carrying a move is the one that takes the
 * receiver's state of that sender past it). A frame Yjs had to hold as pending arrived ahead of one
 * it builds on: out of order.
 */
function onSync(client: Client, at: number, pendingBefore: boolean): void {
	const store = client.provider!.doc.store;
	for (const [sender, r] of client.pairs) {
		const to = Y.getState(store, sender);
		if (to > r.to) {
			r.to = to;
			r.push(to, at);
		}
	}
	if (store.pendingStructs && !pendingBefore) reordered++;
}

/**
 * A protocol client's frame: a sync update advances its room's senders' clocks as the update's
 * header says (Y.parseUpdateMeta reads struct headers only, never content); a frame starting past
 * the clock held is out of order. Awareness frames give the cursor's timestamp.
 */
function onLiteFrame(client: Client, data: Uint8Array): void {
	const lite = client.lite!;
	const at = now();
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	if (type === 0) {
		const step = decoding.readVarUint(decoder);
		if (step === 0) {
			// The server asks what this client holds: nothing of the map, so the reply is tiny.
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.writeSyncStep2(encoder, lite.doc, decoding.readVarUint8Array(decoder));
			lite.socket.send(encoding.toUint8Array(encoder));
			return;
		}
		const meta = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
		if (step === 1) lite.synced = true;
		for (const [id, to] of meta.to) {
			const held = lite.held.get(id) ?? 0;
			if (to <= held) continue;
			lite.held.set(id, to);
			const r = recording ? client.pairs.get(id) : undefined;
			if (!r) continue;
			if ((meta.from.get(id) ?? 0) > held) reordered++;
			r.to = to;
			r.push(to, at);
		}
	} else if (type === 1 && recording) {
		const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
		const n = decoding.readVarUint(update);
		for (let i = 0; i < n; i++) {
			const id = decoding.readVarUint(update);
			decoding.readVarUint(update);
			const json = decoding.readVarString(update);
			if (id === client.clientID) continue;
			const t = (JSON.parse(json) as { cursor?: { t?: number } } | null)?.cursor?.t;
			if (typeof t === 'number') cursorLatencies.add(at - t);
		}
	}
}

function connectLite(port: number, spec: ClientSpec): Promise<Client> {
	const doc = new Y.Doc();
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState({ user: { name: spec.name, colour: '#1d70b8', role: 'participant' }, cursor: null, selection: [], dragging: [], viewport: null, status: 'active' });
	const params = new URLSearchParams({ key: spec.key, name: spec.name });
	const socket = new WebSocket(`ws://127.0.0.1:${spec.port ?? port}/collab/${spec.mapId}?${params}`);
	socket.binaryType = 'arraybuffer';
	const client: Client = { spec, provider: null, lite: { socket, doc, awareness, synced: false, held: new Map() }, clientID: doc.clientID, pairs: new Map() };
	socket.on('message', (data: ArrayBuffer) => onLiteFrame(client, new Uint8Array(data)));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${spec.name}: no sync in 30 s`)), 30_000);
		socket.once('error', reject);
		socket.once('close', (code) => reject(new Error(`${spec.name}: closed ${code} before sync`)));
		socket.once('open', () => {
			const step1 = encoding.createEncoder();
			encoding.writeVarUint(step1, 0);
			syncProtocol.writeSyncStep1(step1, doc);
			socket.send(encoding.toUint8Array(step1));
			sendPresence(client);
			const wait = setInterval(() => {
				if (!client.lite!.synced) return;
				clearInterval(wait);
				clearTimeout(timer);
				resolve(client);
			}, 20);
		});
	});
}

function sendPresence(client: Client): void {
	const { awareness, socket } = client.lite!;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [client.clientID]));
	socket.send(encoding.toUint8Array(encoder));
}

function connect(port: number, spec: ClientSpec, stockPresence: boolean): Promise<Client> {
	if (spec.lite) return connectLite(port, spec);
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${spec.port ?? port}/collab`, spec.mapId, doc, {
		params: { key: spec.key, name: spec.name },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	// Our client (src/lib/collab/live.ts) sends only its own presence; a stock one relays everyone's.
	if (!stockPresence) relayOwnPresenceOnly(provider);
	provider.awareness.setLocalState({ user: { name: spec.name, colour: '#1d70b8', role: 'participant' }, cursor: null, selection: [], dragging: [], viewport: null, status: 'active' });
	const client: Client = { spec, provider, lite: null, clientID: doc.clientID, pairs: new Map() };
	const original = provider.messageHandlers[0];
	provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
		if (!recording) return original(encoder, decoder, p, emitSynced, type);
		const at = now();
		const pendingBefore = doc.store.pendingStructs !== null;
		original(encoder, decoder, p, emitSynced, type);
		onSync(client, at, pendingBefore);
	};
	// Cursor latency: the sender's timestamp in each awareness update, on the shared clock.
	provider.awareness.on('change', ({ updated }: { updated: number[] }) => {
		if (!recording) return;
		const t0 = now();
		for (const id of updated) {
			if (id === doc.clientID) continue;
			const t = (provider.awareness.getStates().get(id)?.cursor as { t?: number } | undefined)?.t;
			if (typeof t === 'number') cursorLatencies.add(t0 - t);
		}
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${spec.name}: no sync in 30 s`)), 30_000);
		provider.once('sync', () => {
			clearTimeout(timer);
			resolve(client);
		});
	});
}

/** Run `tick` every `1000 / hz` ms, at a staggered phase, until stopped. */
function every(hz: number, phase: number, tick: () => void): () => void {
	let timer: ReturnType<typeof setInterval> | null = null;
	const start = setTimeout(() => (timer = setInterval(tick, 1000 / hz)), phase % (1000 / hz));
	return () => {
		clearTimeout(start);
		if (timer) clearInterval(timer);
	};
}

/** Start dragging and moving cursors (not yet measured: see record()). */
function start(dragHz: number, cursorHz: number): void {
	for (const c of clients) {
		const drag = c.spec.drag;
		if (drag && c.provider) {
			const doc = c.provider.doc;
			const log = (logs[doc.clientID] = { clocks: [] as number[], at: [] as number[] });
			let step = 0;
			// Only moves sent while recording are followed (each receiver starts from what it holds then).
			stops.push(
				every(dragHz, c.spec.phase, () => {
					step++;
					const at = now();
					moveComponent(doc, drag, { evolution: 0.5 + 0.4 * Math.sin(step / 10), visibility: 0.5 + 0.4 * Math.cos(step / 10) });
					if (!recording) return;
					moves++;
					log.clocks.push(Y.getState(doc.store, doc.clientID));
					log.at.push(at);
				})
			);
		}
		let k = 0;
		stops.push(
			every(cursorHz, c.spec.phase * 1.7 + 3, () => {
				k++;
				const cursor = { evolution: (k % 100) / 100, visibility: 0.5, t: now() };
				if (c.provider) c.provider.awareness.setLocalStateField('cursor', cursor);
				else {
					c.lite!.awareness.setLocalStateField('cursor', cursor);
					sendPresence(c);
				}
			})
		);
	}
}

/**
 * Begin the measured window: each receiver follows its room's senders from the clock it holds now.
 * `ports`: each sender's instance, where clients are spread over several.
 */
function record(senders: Record<number, number[]>, ports?: Record<number, number>): void {
	for (const c of clients) {
		for (const s of senders[c.spec.room] ?? []) {
			if (s === c.clientID) continue;
			const held = c.provider ? Y.getState(c.provider.doc.store, s) : (c.lite!.held.get(s) ?? 0);
			c.pairs.set(s, new Receipts(held, ports !== undefined && ports[s] !== c.spec.port));
		}
	}
	recording = true;
	loop.reset();
	loop.enable();
	cpu0 = process.cpuUsage();
	wall0 = performance.now();
}

function stop(): WorkerStop {
	for (const s of stops) s();
	stops = [];
	loop.disable();
	const used = process.cpuUsage(cpu0);
	return {
		loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
		cpu: ((used.user + used.system) / 1000 / (performance.now() - wall0)) * 100,
		moves,
		logs
	};
}

/** Match every sender's log against this process's receipts: latencies, and moves never received. */
function collect(all: Record<number, { clocks: number[]; at: number[] }>): WorkerReport {
	recording = false;
	const latencies = new Histogram();
	const remoteLatencies = new Histogram();
	let lost = 0;
	for (const c of clients) {
		for (const [sender, r] of c.pairs) {
			const log = all[sender];
			if (!log) continue;
			let j = 0;
			for (let i = 0; i < log.clocks.length; i++) {
				while (j < r.n && r.clocks[j] < log.clocks[i]) j++;
				if (j === r.n) {
					lost += log.clocks.length - i;
					break;
				}
				latencies.add(r.at[j] - log.at[i]);
				if (r.remote) remoteLatencies.add(r.at[j] - log.at[i]);
			}
		}
	}
	// Protocol clients hold no document: their check is that every sender's clock arrived in order.
	const digests = clients.flatMap((c) =>
		c.provider ? [{ room: c.spec.room, digest: createHash('sha1').update(JSON.stringify(readSnapshot(c.provider.doc).components)).digest('hex') }] : []
	);
	return { moves: latencies.data(), remoteMoves: remoteLatencies.data(), cursors: cursorLatencies.data(), lost, reordered, digests };
}

async function join(port: number, specs: ClientSpec[], stockPresence: boolean): Promise<{ index: number; clientID: number }[]> {
	// A few joins at a time: a thousand simultaneous syncs would only measure the join storm.
	const out: { index: number; clientID: number }[] = [];
	for (let i = 0; i < specs.length; i += 10) {
		const batch = await Promise.all(specs.slice(i, i + 10).map((s) => connect(port, s, stockPresence)));
		batch.forEach((c, k) => out.push({ index: i + k, clientID: c.clientID }));
		clients.push(...batch);
	}
	return out;
}

async function synced(components: number): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!clients.every((c) => (c.provider ? readSnapshot(c.provider.doc).components.length === components : c.lite!.synced))) {
		if (Date.now() > deadline) throw new Error('clients did not sync within 60 s');
		await new Promise((r) => setTimeout(r, 100));
	}
}

const reply = (message: unknown) => process.send!(message);

process.on('message', (m: ToWorker) => {
	const done = (p: Promise<unknown> | unknown) =>
		Promise.resolve(p).then(
			(value) => reply({ type: m.type, value }),
			(err: Error) => reply({ type: m.type, error: String(err?.stack ?? err) })
		);
	switch (m.type) {
		case 'clock':
			return done(now());
		case 'join':
			return done(join(m.port, m.clients, m.stockPresence));
		case 'synced':
			return done(synced(m.components));
		case 'start':
			return done(start(m.dragHz, m.cursorHz));
		case 'record':
			return done(record(m.senders, m.ports));
		case 'stop':
			return done(stop());
		case 'collect':
			return done(collect(m.logs));
		case 'exit':
			for (const c of clients) c.provider ? c.provider.destroy() : c.lite!.socket.close();
			return done(null).then(() => process.exit(0));
	}
});

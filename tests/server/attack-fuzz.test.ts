// Attack fuzzers against the real server over real websockets, seeded and bounded (issue 19):
//   presence JSON, seed 20250720: 300 sockets of one message (1–4 entries each): depth to 8,000,
//     breadth (3,000 keys, 5,000-item arrays, 400,000-item arrays), every JSON type in every field,
//     unknown fields, strings to 1 MB, text that is not JSON, messages past the size limit. Each
//     socket's close code is predicted from what it sent.
//   Yjs updates, seed 20250721: 234 updates (13 kinds × 3 roles × 6) from 78 sockets of up to 3,
//     plus 6 sockets of 12 refused updates each: nests of maps 1…30,000 deep, many blocks for one
//     client, many clients, floods of writes at one key, chains, many keys, clock gaps, 100 KB keys,
//     strings to 1 MB, types and list content in maps, right origins, values nested to 5,000.
// Struct counts stay at or under 20,000 an update (the shape limit), 5,000 in updates a map may take.
// The server is the built one (npm run build) in a child process, so that the test's own work and
// memory are not counted. Frames are built before each run. While it goes, the server watches its
// event loop and memory (loop-watch.mjs: held up over 100 ms or RSS growth over 100 MB fails),
// two clients of another map keep round-tripping edits, a bystander in the fuzzed map is never
// dropped (a fault in the room would close it), and the process stays up. Nothing refused is
// stored: checked in the room's document and in the database after a clean shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { COLLECTIONS, WORKSHOP_ROOT, addComponent, moveComponent, readSnapshot, type ComponentId } from '../../src/lib/map/index.js';
import { ANONYMOUS } from '../../src/lib/collab/names.js';
import { MAX_PRESENCE_DEPTH, decodeAwarenessEntries, encodeAwarenessEntries } from '../../server/collab/protocol.js';
import { DEFAULT_SHAPE_LIMITS } from '../../server/collab/update-shape.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { connectClient, createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';
import { BlockWriter, composeUpdate, nestedMaps, type ItemContent } from '../helpers/blocks.js';
import { LOOP_WATCH_FLAGS, watchServer, type LoopReport } from '../helpers/loop-watch.js';
import { rawClient } from '../helpers/raw.js';
import { seeded } from '../helpers/seeded.js';

const SEEDS = { presence: 20250720, updates: 20250721 };
/** A stall of the event loop, and growth of the process's memory, past which a run fails. */
const MAX_STALL_MS = 100;
const MAX_GROWTH_MB = 100;
/** The server's defaults (config.ts): presence state size, message size. */
const MAX_PRESENCE = 16 * 1024;
const MAX_PAYLOAD = 4 * 1024 * 1024;
const MB = 1024 * 1024;

type Role = 'facilitator' | 'participant' | 'viewer';
const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];
const MODEL_ROOTS = new Set<string>([...COLLECTIONS, 'meta', WORKSHOP_ROOT]);
const PRESENCE_FIELDS = new Set(['user', 'cursor', 'selection', 'dragging', 'viewport', 'status']);

let dataDir: string;
let srv: ServerProcess;
let url: string;
let fuzzed: { id: string; keys: Record<Role, string> };
/** Two well-behaved clients of another map, and the component they keep moving. */
const calm: WebsocketProvider[] = [];
let calmComponent: ComponentId;
/** Moves the calm clients made, over all runs (each one to a new place). */
let moves = 0;
/** A participant in the fuzzed map that only listens: dropped if the room faults. */
let bystander: { ws: WebSocket; closed: number | null; awareness: Uint8Array[] };

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, type);
	write(e);
	return encoding.toUint8Array(e);
}
const updateFrame = (update: Uint8Array) => frame(0, (e) => syncProtocol.writeUpdate(e, update));
const awarenessFrame = (entries: readonly Entry[]) => frame(1, (e) => encoding.writeVarUint8Array(e, encodeAwarenessEntries(entries)));
/** A sync step 1: the server answers it, after everything sent before it, with a sync step 2. */
const BARRIER = frame(0, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));

function socket(id: string, key: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${url}/${id}?key=${key}`);
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

/** What one socket sends. */
interface Shot {
	role: Role;
	frames: Uint8Array[];
}

/** Send a shot's frames on a fresh socket, then the barrier; resolves with the close code (null: still open). */
/** Send one shot and wait for the server's answer; an accepted socket stays `lingerMs` longer. */
async function fire({ role, frames }: Shot, lingerMs = 0): Promise<number | null> {
	const ws = await socket(fuzzed.id, fuzzed.keys[role]);
	ws.on('error', () => undefined);
	let closed: number | null = null;
	await new Promise<void>((resolve) => {
		const timer = setTimeout(resolve, 5000);
		const done = () => (clearTimeout(timer), resolve());
		ws.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && done());
		ws.once('close', (code) => ((closed = code), done()));
		for (const f of [...frames, BARRIER]) if (ws.readyState === WebSocket.OPEN) ws.send(f);
	});
	if (closed === null && lingerMs > 0) await new Promise((r) => setTimeout(r, lingerMs));
	ws.terminate();
	return closed;
}

interface Watched extends LoopReport {
	roundTrips: number;
}

/** Run `attack` while watching the event loop and memory, the calm clients round-tripping moves one after another. */
async function watched(attack: () => Promise<void>): Promise<Watched> {
	const watch = await watchServer(srv);
	let stop = false;
	let roundTrips = 0;
	const [a, b] = calm;
	const roundTrip = (async () => {
		while (!stop) {
			const to = { evolution: (++moves % 97) / 97, visibility: 0.5 };
			const seen = new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('a calm edit did not arrive within 5 s')), 5000);
				const on = () => {
					if (readSnapshot(b.doc).components.find((x) => x.id === calmComponent)?.evolution !== to.evolution) return;
					b.doc.off('update', on);
					clearTimeout(timer);
					resolve();
				};
				b.doc.on('update', on);
			});
			moveComponent(a.doc, calmComponent, to);
			await seen;
			roundTrips++;
		}
	})();
	try {
		await attack();
	} finally {
		stop = true;
		await roundTrip;
	}
	return { ...(await watch.stop()), roundTrips };
}

function expectCalm(w: Watched, what: string): void {
	console.info(
		`${what}: loop held up at most ${w.maxBlockedMs.toFixed(1)} ms (wall-clock delay ${w.maxDelayMs.toFixed(1)} ms), ` +
			`RSS growth ${w.growthMb.toFixed(1)} MB, ${w.roundTrips} calm round trips`
	);
	expect(w.maxBlockedMs, `${what}: event loop stalled`).toBeLessThanOrEqual(MAX_STALL_MS);
	expect(w.growthMb, `${what}: memory grew`).toBeLessThanOrEqual(MAX_GROWTH_MB);
	expect(w.roundTrips, `${what}: the calm map kept working`).toBeGreaterThan(0);
	expect(bystander.closed, `${what}: the fuzzed room kept its bystander`).toBeNull();
	expect(srv.child.exitCode, `${what}: the server is up`).toBeNull();
}

function tally<K>(counts: Map<K, number>, key: K): void {
	counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Log-uniform integer in [min, max]: as many small as huge. */
function logUniform(random: () => number, min: number, max: number): number {
	return Math.min(max, Math.floor(Math.exp(Math.log(min) + random() * (Math.log(max + 1) - Math.log(min)))));
}

beforeAll(async () => {
	dataDir = tempDataDir();
	srv = await spawnServer(dataDir, {}, LOOP_WATCH_FLAGS);
	url = `ws://127.0.0.1:${srv.port}/collab`;
	const made = await createMapHttp(srv.base, 'Fuzzed');
	fuzzed = { id: made.id, keys: { facilitator: made.facilitatorKey, participant: made.editKey, viewer: made.viewKey } };
	const other = await createMapHttp(srv.base, 'Calm');
	for (let i = 0; i < 2; i++) calm.push(await connectClient(url, other.id, other.editKey));
	calmComponent = addComponent(calm[0].doc, { name: 'Calm' });
	await until(() => readSnapshot(calm[1].doc).components.length === 1, 3000, 'the calm map syncs');
	const ws = await socket(fuzzed.id, fuzzed.keys.participant);
	bystander = { ws, closed: null, awareness: [] };
	ws.on('close', (code) => (bystander.closed = code));
	ws.on('message', (data: Buffer) => {
		if (data[0] === 1) bystander.awareness.push(decoding.readVarUint8Array(decoding.createDecoder(new Uint8Array(data.subarray(1)))));
	});
});

afterAll(async () => {
	bystander?.ws.terminate();
	for (const p of calm) p.destroy();
	if (srv && srv.child.exitCode === null) srv.child.kill('SIGKILL');
});

// ---- presence --------------------------------------------------------------------------------

interface Entry {
	clientId: number;
	clock: number;
	json: string;
}

/** One presence state's JSON text, of one of the shapes an attacker would try. */
function presenceJson(random: () => number, values: readonly unknown[]): { json: string; kind: string } {
	const any = () => values[Math.floor(random() * values.length)];
	const fields = [...PRESENCE_FIELDS];
	const under = (inner: string) => (random() < 0.5 ? inner : `{"${fields[Math.floor(random() * fields.length)]}":${inner}}`);
	switch (Math.floor(random() * 10)) {
		case 0: {
			const d = logUniform(random, 1, 8000);
			return { json: under('['.repeat(d) + ']'.repeat(d)), kind: 'deep arrays' };
		}
		case 1: {
			const d = logUniform(random, 1, 2700);
			return { json: under('{"a":'.repeat(d) + '0' + '}'.repeat(d)), kind: 'deep objects' };
		}
		case 2: {
			const o: Record<string, unknown> = {};
			for (let i = logUniform(random, 1, 3000); i > 0; i--) o[`k${i}`] = i % 3 === 0 ? null : i;
			return { json: under(JSON.stringify(o)), kind: 'many keys' };
		}
		case 3: {
			const list = Array.from({ length: logUniform(random, 1, 5000) }, (_, i) => (i % 4 === 0 ? i : `id${i}`));
			return { json: JSON.stringify({ [random() < 0.5 ? 'selection' : 'dragging']: list }), kind: 'long arrays' };
		}
		case 4: {
			const o: Record<string, unknown> = {};
			for (const f of fields) o[f] = any();
			return { json: JSON.stringify(o), kind: 'every type in every field' };
		}
		case 5: {
			const o: Record<string, unknown> = { user: { name: 'Mallory', colour: '#1d70b8' }, status: 'active' };
			for (let i = logUniform(random, 1, 40); i > 0; i--) o[`x${Math.floor(random() * 1e6)}`] = any();
			return { json: JSON.stringify(o), kind: 'unknown fields' };
		}
		case 6: {
			const text = 'x'.repeat(logUniform(random, 1000, MB));
			const state = [{ user: { name: text } }, { status: text }, { selection: [text] }][Math.floor(random() * 3)];
			return { json: JSON.stringify(state), kind: 'huge strings' };
		}
		case 7:
			return { json: `[${new Array(logUniform(random, 1000, 400_000)).fill(1).join(',')}]`, kind: 'wide arrays' };
		case 8:
			return { json: JSON.stringify(any()), kind: 'any value' };
		default: {
			const ok = JSON.stringify({ user: { name: 'x' }, cursor: { evolution: random(), visibility: random() }, selection: ['a'] });
			return random() < 0.5 ? { json: ok.slice(0, Math.floor(random() * ok.length)), kind: 'not JSON' } : { json: ok, kind: 'plain' };
		}
	}
}

/** Nesting of arrays and objects in a JSON value (`{ "a": [1] }` is 2). */
function depth(value: unknown): number {
	if (value === null || typeof value !== 'object') return 0;
	let max = 0;
	for (const v of Object.values(value)) max = Math.max(max, depth(v));
	return 1 + max;
}

/**
 * How the server ends a connection that sent `entries` in one message: 1009 past the message size,
 * 1007 for an entry that is not JSON or nests too deep, 1008 for one too big or not a state; null
 * (kept open) when every state is one it can relay.
 */
function expectedClose(entries: readonly Entry[], bytes: number): number | null {
	if (bytes > MAX_PAYLOAD) return 1009;
	const states: unknown[] = [];
	for (const e of entries) {
		try {
			states.push(JSON.parse(e.json));
		} catch {
			return 1007;
		}
		if (depth(states[states.length - 1]) > MAX_PRESENCE_DEPTH) return 1007;
	}
	// A removal ('null') of an entry nobody has is dropped before the checks.
	if (entries.some((e) => e.json.length > MAX_PRESENCE && e.json !== 'null')) return 1008;
	return states.some((v) => v !== null && (typeof v !== 'object' || Array.isArray(v))) ? 1008 : null;
}

/** 300 sockets of one message, 1–4 entries each, with the close each should end in. */
function presenceShots(): { shots: (Shot & { expected: number | null })[]; kinds: Map<string, number> } {
	const random = seeded(SEEDS.presence);
	const values = fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed: SEEDS.presence, numRuns: 500 });
	const kinds = new Map<string, number>();
	const shots: (Shot & { expected: number | null })[] = [];
	for (let i = 0; i < 300; i++) {
		// Now and then three 1.5 MB states: a message past the size limit.
		const oversize = i % 30 === 15;
		const entries = Array.from({ length: oversize ? 3 : 1 + Math.floor(random() * 4) }, (_, k) => {
			const { json, kind } = oversize ? { json: JSON.stringify({ status: 'x'.repeat(1.5 * MB) }), kind: 'past the message size' } : presenceJson(random, values);
			tally(kinds, kind);
			return { clientId: 100_000 + i * 4 + k, clock: 1, json };
		});
		const message = awarenessFrame(entries);
		shots.push({ role: ROLES[i % 3], frames: [message], expected: expectedClose(entries, message.byteLength) });
	}
	return { shots, kinds };
}

describe('presence fuzzing', () => {
	it('bounds presence JSON of any depth, breadth and type without stalling the server', async () => {
		const { shots, kinds } = presenceShots();
		const closes = new Map<string, number>();
		const wrong: string[] = [];
		const w = await watched(async () => {
			for (const [i, shot] of shots.entries()) {
				// Accepted presence is relayed on the room's next broadcast (STACKMAP_BROADCAST_MS): a socket
				// that left before it would take its presence with it, and the bystander would see none.
				const closed = await fire(shot, 100);
				tally(closes, String(closed));
				// Past the size limit the server may cut the socket while the message is still arriving (1006).
				const ok = closed === shot.expected || (shot.expected === 1009 && closed === 1006);
				if (!ok) wrong.push(`socket ${i}: closed ${closed}, expected ${shot.expected}`);
			}
		});
		expectCalm(w, `presence fuzzer (seed ${SEEDS.presence}, ${shots.length} messages)`);
		expect(wrong).toEqual([]);
		// Every shape was sent, and ended in every way.
		expect([...kinds.values()].filter((n) => n >= 5).length).toBe(12);
		for (const code of ['1007', '1008', 'null']) expect(closes.get(code) ?? 0, `closes ${code}`).toBeGreaterThan(2);
		expect((closes.get('1009') ?? 0) + (closes.get('1006') ?? 0), 'closes past the size limit').toBeGreaterThan(2);

		// Everything the room relayed was a checked state: known fields, small, the name the socket joined with.
		const relayed = bystander.awareness.flatMap((u) => decodeAwarenessEntries(u)).filter((e) => e.state !== null);
		expect(relayed.length).toBeGreaterThan(0);
		for (const entry of relayed) {
			const state = entry.state as { user: { name: string } };
			expect(entry.json.length).toBeLessThanOrEqual(MAX_PRESENCE);
			expect(Object.keys(state).every((k) => PRESENCE_FIELDS.has(k))).toBe(true);
			expect(state.user.name).toBe(ANONYMOUS);
		}
		// The sockets are gone and so is their presence.
		const look = await rawClient(url, fuzzed.id, fuzzed.keys.viewer);
		let left = -1;
		look.awareness.length = 0;
		for (const start = Date.now(); left !== 0 && Date.now() - start < 5000; await new Promise((r) => setTimeout(r, 50))) {
			look.ws.send(Uint8Array.from([3]));
			await until(() => look.awareness.length > 0, 2000, 'the room’s presence');
			left = decodeAwarenessEntries(look.awareness.splice(0).pop()!).filter((e) => e.state !== null).length;
		}
		look.close();
		expect(left, 'presence left after the fuzzers went').toBe(0);
	}, 90_000);
});

// ---- Yjs updates -----------------------------------------------------------------------------

interface Attack {
	update: Uint8Array;
	kind: string;
	/** The update must be refused whole: none of its clients' structs may be stored. */
	refused: boolean;
}

/** The kinds of update, each built by seeded hand (BlockWriter) with fresh client ids. */
function attackMakers(random: () => number): (() => Attack)[] {
	let nextClient = 1_000_000;
	const client = () => (nextClient += 1 + Math.floor(random() * 1000));
	const newId = () => `fz${Math.floor(random() * 1e9).toString(36)}`;
	/** A new element with one field holding `content`. */
	const field = (content: ItemContent, key = 'name') => {
		const c = client();
		const w = new BlockWriter(c, 0).item({ parent: 'components', key: newId() }, { kind: 'map' });
		return composeUpdate([w.item({ parent: [c, 0], key }, content).bytes()]);
	};
	const any = (value: unknown) => ({ kind: 'any', value }) as const;
	return [
		() => {
			// One deep is a new, empty element; any deeper is a map inside a field.
			const d = random() < 0.15 ? 1 : logUniform(random, 2, 30_000);
			return { update: nestedMaps(client(), d, 'components', newId()), kind: 'nested maps', refused: d > 1 };
		},
		() => {
			const c = client();
			const blocks = Array.from({ length: logUniform(random, 2, 20_000) }, (_, i) => new BlockWriter(c, i).item({ parent: 'meta', key: 'title' }, any(`t${i}`)).bytes());
			return { update: composeUpdate(blocks), kind: 'many blocks, one client', refused: true };
		},
		() => {
			const blocks = Array.from({ length: logUniform(random, 2, 10_000) }, () => new BlockWriter(client(), 0).item({ parent: 'evil', key: 'k' }, any(1)).bytes());
			return { update: composeUpdate(blocks), kind: 'many clients, unknown root', refused: true };
		},
		() => {
			// Each client's first write to one key: concurrent with every other (a few are what clients do).
			const key = newId();
			const blocks = Array.from({ length: logUniform(random, 17, 10_000) }, () => new BlockWriter(client(), 0).item({ parent: 'meta', key }, any(1)).bytes());
			return { update: composeUpdate(blocks), kind: 'many clients at one key', refused: true };
		},
		() => {
			const w = new BlockWriter(client(), 0);
			for (let i = logUniform(random, 17, 20_000); i > 0; i--) w.item({ parent: 'meta', key: 'title' }, any(i));
			return { update: composeUpdate([w.bytes()]), kind: 'one client, no origins at one key', refused: true };
		},
		() => {
			// What a client sends: each write after the one before.
			const c = client();
			const w = new BlockWriter(c, 0).item({ parent: 'meta', key: newId() }, any(0));
			for (let i = logUniform(random, 2, 5000); i > 1; i--) w.item({ origin: [c, w.next - 1] }, any(i));
			return { update: composeUpdate([w.bytes()]), kind: 'a chain of writes at one key', refused: false };
		},
		() => {
			const w = new BlockWriter(client(), 0);
			for (let i = logUniform(random, 2, 5000); i > 0; i--) w.item({ parent: 'meta', key: `${newId()}${i}` }, any(i));
			return { update: composeUpdate([w.bytes()]), kind: 'many keys', refused: false };
		},
		() => {
			// A well-formed element from a clock the server has never seen: a gap.
			const c = client();
			const at = [1, 17, 2 ** 20, 2 ** 31, 2 ** 52][Math.floor(random() * 5)];
			const w = new BlockWriter(c, at).item({ parent: 'components', key: newId() }, { kind: 'map' }).item({ parent: [c, at], key: 'name' }, any('gap'));
			return { update: composeUpdate([w.bytes()]), kind: 'clock gap', refused: true };
		},
		() => {
			const key = 'k'.repeat(logUniform(random, DEFAULT_SHAPE_LIMITS.maxKeyLength + 1, 100_000));
			const update = random() < 0.5 ? composeUpdate([new BlockWriter(client(), 0).item({ parent: 'components', key }, { kind: 'map' }).bytes()]) : field(any('x'), key);
			return { update, kind: 'huge keys', refused: true };
		},
		() => ({ update: field(any('s'.repeat(logUniform(random, 1000, MB)))), kind: 'huge strings', refused: false }),
		() => {
			const kind = (['map', 'array', 'text'] as const)[Math.floor(random() * 3)];
			return { update: field({ kind }), kind: 'types inside fields', refused: true };
		},
		() => {
			let value: unknown = 0;
			for (let d = logUniform(random, DEFAULT_SHAPE_LIMITS.maxValueDepth + 1, 5000); d > 0; d--) value = random() < 0.5 ? [value] : { a: value };
			return { update: field(any(value), 'at'), kind: 'deep values', refused: true };
		},
		() => {
			// List content in a map (no key), or an item placed by a right origin: not a map's writes.
			const c = client();
			const w = new BlockWriter(c, 0).item({ parent: 'meta', key: null }, any(1));
			if (random() < 0.5) w.item({ rightOrigin: [c, 0] }, any(2));
			return { update: composeUpdate([w.bytes()]), kind: 'list content, right origins', refused: true };
		}
	];
}

/** Sockets of up to three updates, every kind from every role, and six sockets that keep sending refused updates. */
function updateShots(): { shots: (Shot & { attacks: Attack[]; flood: boolean })[]; count: number; flooded: number } {
	const random = seeded(SEEDS.updates);
	const makers = attackMakers(random);
	const byRole = new Map<Role, Attack[]>(ROLES.map((r) => [r, []]));
	for (let round = 0; round < 6; round++) for (const make of makers) for (const role of ROLES) byRole.get(role)!.push(make());
	const shots: (Shot & { attacks: Attack[]; flood: boolean })[] = [];
	for (let i = 0; i * 3 < byRole.get('viewer')!.length; i++) {
		for (const role of ROLES) {
			const attacks = byRole.get(role)!.slice(i * 3, i * 3 + 3);
			shots.push({ role, frames: attacks.map((a) => updateFrame(a.update)), attacks, flood: false });
		}
	}
	const count = shots.reduce((n, x) => n + x.attacks.length, 0);
	// Twelve refused updates (maps inside fields) on one socket: past the refusals a connection may make.
	let flooder = 3_000_000_000;
	for (const role of [...ROLES, ...ROLES]) {
		const attacks = Array.from({ length: 12 }, (_, k) => ({ update: nestedMaps(flooder++, 2 + k, 'components', `flood${flooder}`), kind: 'flood', refused: true }));
		shots.splice(Math.floor(random() * shots.length), 0, { role, frames: attacks.map((a) => updateFrame(a.update)), attacks, flood: true });
	}
	return { shots, count, flooded: 6 * 12 };
}

/** True when `doc` holds only what a map holds: model roots, keyed entries, short keys, no types in fields. */
function expectOnlyMap(doc: Y.Doc): void {
	expect(doc.store.pendingStructs).toBeNull();
	expect(doc.store.pendingDs).toBeNull();
	expect([...doc.share.keys()].filter((k) => !MODEL_ROOTS.has(k))).toEqual([]);
	const noList = (m: Y.Map<unknown>) => expect((m as unknown as { _start: unknown })._start).toBeNull();
	for (const name of MODEL_ROOTS) {
		const root = doc.getMap(name);
		noList(root);
		for (const [id, element] of root) {
			expect(id.length).toBeLessThanOrEqual(DEFAULT_SHAPE_LIMITS.maxKeyLength);
			if (!(element instanceof Y.Map)) continue;
			noList(element);
			for (const [field, value] of element) {
				expect(field.length).toBeLessThanOrEqual(DEFAULT_SHAPE_LIMITS.maxKeyLength);
				expect(value).not.toBeInstanceOf(Y.AbstractType);
			}
		}
	}
}

/** The fuzzed map in the room (as a client syncs it), then in the database after a clean shutdown. */
async function roomThenStored(): Promise<{ room: Y.Doc; stored: Y.Doc }> {
	const look = await rawClient(url, fuzzed.id, fuzzed.keys.viewer);
	const room = look.doc;
	look.close();
	srv.child.kill('SIGTERM');
	await new Promise((resolve) => (srv.child.exitCode !== null ? resolve(null) : srv.child.once('exit', resolve)));
	expect(srv.child.exitCode, srv.output()).toBe(0);
	const store = openSqliteStore(`${dataDir}/stackmap.db`);
	const stored = new Y.Doc();
	for (const u of (await store.loadDoc(fuzzed.id)).updates) Y.applyUpdate(stored, u);
	await store.close();
	return { room, stored };
}

describe('Yjs update fuzzing', () => {
	it('refuses nests, floods, gaps, huge keys and what no map writes, from every role, without stalling', async () => {
		const { shots, count, flooded } = updateShots();
		const wrong: string[] = [];
		const w = await watched(async () => {
			for (const [i, shot] of shots.entries()) {
				const closed = await fire(shot);
				// Only a socket that keeps sending refused updates is closed (1008, too many refused changes).
				if (closed !== (shot.flood ? 1008 : null)) wrong.push(`socket ${i} (${shot.role}): closed ${closed}`);
			}
		});
		expectCalm(w, `update fuzzer (seed ${SEEDS.updates}, ${count} updates and ${flooded} in floods)`);
		expect(wrong).toEqual([]);

		// Nothing refused is stored: no struct of a refused update's clients, nothing from a viewer.
		const { room, stored } = await roomThenStored();
		expectOnlyMap(room);
		expectOnlyMap(stored);
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(room));
		const clients = (a: Attack) => new Set(Y.decodeUpdate(a.update).structs.map((x) => x.id.client));
		const taken = new Map<string, number>();
		for (const shot of shots) {
			for (const a of shot.attacks) {
				const kept = [...clients(a)].filter((c) => Y.getState(stored.store, c) > 0);
				if (a.refused || shot.role === 'viewer') expect(kept, `${a.kind} from a ${shot.role}`).toEqual([]);
				else if (kept.length > 0) tally(taken, a.kind);
			}
		}
		// Writers' changes a map may hold (new elements, long names, chains, many keys) were taken, up to the map's size limit.
		for (const kind of ['nested maps', 'a chain of writes at one key', 'many keys', 'huge strings']) expect(taken.get(kind), kind).toBeGreaterThan(0);
	}, 90_000);
});

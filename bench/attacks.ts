// The single-client attacks of issue 19 as the attack benchmark runs them (each built as in
// tests/server/attacks.test.ts): what each sends, on how many connections, for how long.
import * as Y from 'yjs';
import { addComponent, addNote, renameComponent, readSnapshot, type ComponentId } from '../src/lib/map/index.js';
import { createMapHttp, until } from '../tests/helpers/collab.js';
import { capture, rawClient } from '../tests/helpers/raw.js';
import { HANG_UP_MS, Tally, blocksAsOne, closedWithin, deepPresence, nestedMaps, notesUpdate, openSocket, updateMessage, wholeStateRequest, type AttackSocket } from './attack-clients.js';

/** How long the 300 sockets that never read are held once open, s. */
export const HELD_SECONDS = Number(process.env.ATTACK_BENCH_HELD_SECONDS ?? 20);
const BIG_MAP_BYTES = 1.9e6;
const BIG_UPDATE_BYTES = 3.9e6;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface MapKeys {
	id: string;
	viewer: string;
	participant: string;
	facilitator: string;
}

export interface Context {
	/** The collaboration websocket endpoint, ws://…/collab. */
	url: string;
	target: MapKeys;
	/** A map of about BIG_MAP_BYTES (attacks that ask for the whole document). */
	big: MapKeys | null;
	tally: Tally;
}

export interface Attack {
	/** Short, for the table; `name` says it in full. */
	label: string;
	name: string;
	bigMap?: boolean;
	/** Build what the attack needs before the window opens. */
	prepare?(ctx: Context): Promise<void>;
	/** Attack until `deadline` (Date.now()) or until done. */
	run(ctx: Context, deadline: number): Promise<void>;
	/** After the window has been measured: what the attacker got, in a sentence. */
	after?(ctx: Context): Promise<string>;
}

export async function newMap(base: string, title: string): Promise<MapKeys> {
	const m = await createMapHttp(base, title);
	return { id: m.id, viewer: m.viewKey, participant: m.editKey, facilitator: m.facilitatorKey };
}

/** A map of about BIG_MAP_BYTES of notes, written by a facilitator; its encoded size, bytes. */
export async function bigMap(base: string, url: string): Promise<{ keys: MapKeys; bytes: number }> {
	const keys = await newMap(base, 'Big');
	const f = await rawClient(url, keys.id, keys.facilitator);
	f.sendUpdate(notesUpdate(BIG_MAP_BYTES));
	const v = await rawClient(url, keys.id, keys.viewer);
	const want = Math.ceil(BIG_MAP_BYTES / 9000);
	await until(() => v.doc.getMap('notes').size === want, 20_000, 'the big map to fill');
	v.close();
	f.close();
	return { keys, bytes: Y.encodeStateAsUpdate(v.doc).byteLength };
}

/** `workers` loops of `body` until `deadline`. */
async function sustain(workers: number, deadline: number, body: () => Promise<void>): Promise<void> {
	await Promise.all(
		Array.from({ length: workers }, async () => {
			while (Date.now() < deadline) await body();
		})
	);
}

/** Open a socket; on refusal wait a moment (so a refusing server is not spun against). */
async function open(ctx: Context, room: string, key: string): Promise<AttackSocket | null> {
	const s = await openSocket(ctx.url, room, key, ctx.tally);
	if (!s) await sleep(50);
	return s;
}

/** Send `message` to the target map on connections of `key` until each is closed, new ones until `deadline`, `workers` at once. */
function untilClosed(ctx: Context, key: string, workers: number, deadline: number, message: Uint8Array): Promise<void> {
	return sustain(workers, deadline, async () => {
		const s = await open(ctx, ctx.target.id, key);
		if (!s) return;
		while (s.isOpen() && Date.now() < deadline) await s.send(message);
		if (!(await closedWithin(s, HANG_UP_MS))) s.abandon();
	});
}

/** Send `message` `times` times from connections of `key`, one at a time, a new connection when one is closed. */
async function times(ctx: Context, key: string, n: number, deadline: number, message: Uint8Array, gapMs: number): Promise<void> {
	let s: AttackSocket | null = null;
	for (let i = 0; i < n && Date.now() < deadline; ) {
		if (!s?.isOpen()) s = await open(ctx, ctx.target.id, key);
		if (!s) continue;
		await s.send(message);
		i++;
		await sleep(gapMs);
	}
	if (s && !(await closedWithin(s, HANG_UP_MS))) s.abandon();
}

const payloads: { presence?: Uint8Array; nest?: Uint8Array; big?: Uint8Array; twoBlocks?: Uint8Array } = {};
let held: AttackSocket[] = [];
/** How long opening the held sockets took, s. */
let opening = NaN;

export const ATTACKS: Attack[] = [
	{ label: 'none (baseline)', name: 'none (baseline)', run: (_ctx, deadline) => sleep(deadline - Date.now()) },
	{
		label: 'deep presence, 50 viewers',
		name: 'presence nested 8,000 deep, from 50 viewer connections at once (a new one when one is closed)',
		async prepare() {
			payloads.presence ??= deepPresence(8000);
		},
		run: (ctx, deadline) =>
			sustain(50, deadline, async () => {
				const s = await open(ctx, ctx.target.id, ctx.target.viewer);
				if (!s) return;
				await s.send(payloads.presence!);
				if (!(await closedWithin(s, HANG_UP_MS))) s.abandon();
			})
	},
	{
		label: '30,000 nested Y.Maps × 10',
		name: 'an update nesting 30,000 Y.Maps, from a facilitator, 10 times',
		async prepare() {
			payloads.nest ??= updateMessage(nestedMaps(30_000));
		},
		run: (ctx, deadline) => times(ctx, ctx.target.facilitator, 10, deadline, payloads.nest!, 20)
	},
	{
		label: '30,000 nested Y.Maps, sustained',
		name: 'the same update nesting 30,000 Y.Maps, from a facilitator, until closed (a new connection when closed)',
		async prepare() {
			payloads.nest ??= updateMessage(nestedMaps(30_000));
		},
		run: (ctx, deadline) => untilClosed(ctx, ctx.target.facilitator, 1, deadline, payloads.nest!)
	},
	{
		label: 'two blocks for one client × 100',
		name: 'two blocks for one client in one update (a note, then a rename), from a participant, 100 times',
		async prepare(ctx) {
			const f = await rawClient(ctx.url, ctx.target.id, ctx.target.facilitator);
			let target = '' as ComponentId;
			f.sendUpdate(capture(f.doc, () => (target = addComponent(f.doc, { name: 'Revenues and Benefits' }))));
			const p = await rawClient(ctx.url, ctx.target.id, ctx.target.participant);
			await until(() => readSnapshot(p.doc).components.length === 1, 5000, 'participant synced');
			const harmless = capture(p.doc, () => void addNote(p.doc, { text: 'harmless', evolution: 0.5, visibility: 0.5 }));
			const rename = capture(p.doc, () => renameComponent(p.doc, target, 'Defaced'));
			payloads.twoBlocks = updateMessage(blocksAsOne([harmless, rename]));
			p.close();
			f.close();
		},
		run: (ctx, deadline) => times(ctx, ctx.target.participant, 100, deadline, payloads.twoBlocks!, 10)
	},
	{
		label: '3.9 MB updates, 10 viewers',
		name: '3.9 MB updates from 10 viewers, each until closed (a new one when one is closed)',
		async prepare() {
			payloads.big ??= updateMessage(notesUpdate(BIG_UPDATE_BYTES));
		},
		run: (ctx, deadline) => untilClosed(ctx, ctx.target.viewer, 10, deadline, payloads.big!)
	},
	{
		label: '3.9 MB updates, a writer',
		name: '3.9 MB updates from a facilitator until closed (a new connection when closed)',
		async prepare() {
			payloads.big ??= updateMessage(notesUpdate(BIG_UPDATE_BYTES));
		},
		run: (ctx, deadline) => untilClosed(ctx, ctx.target.facilitator, 1, deadline, payloads.big!)
	},
	{
		label: '300 sockets that never read',
		name: `300 view sockets on the big map, each asking for the whole document 3 times and never reading, held ${HELD_SECONDS} s`,
		bigMap: true,
		async run(ctx) {
			held = [];
			const started = Date.now();
			const ask = wholeStateRequest();
			for (let batch = 0; batch < 6; batch++) {
				const sockets = await Promise.all(Array.from({ length: 50 }, () => openSocket(ctx.url, ctx.big!.id, ctx.big!.viewer, ctx.tally)));
				for (const s of sockets) {
					if (!s) continue;
					(s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
					held.push(s);
					for (let i = 0; i < 3; i++) void s.send(ask);
				}
			}
			opening = (Date.now() - started) / 1000;
			// Held for the whole time once all are open: the window is the opening and then this.
			await sleep(HELD_SECONDS * 1000);
		},
		async after() {
			// Read again: each socket takes what the server still had for it, then its close if it was dropped.
			for (const s of held) (s.ws as unknown as { _socket: { resume(): void } })._socket.resume();
			const settled = () => held.every((s) => !s.isOpen() || s.wholeStates >= 3);
			await until(settled, 15_000, 'held sockets to settle').catch(() => undefined);
			const full = held.filter((s) => s.isOpen() && s.wholeStates >= 3).length;
			const dropped = held.filter((s) => !s.isOpen()).length;
			const answers = held.reduce((n, s) => n + s.wholeStates, 0);
			return `opening them took ${opening.toFixed(1)} s; once they read again: ${full} of ${held.length} open with all 3 answers, ${dropped} closed, ${answers} whole-state answers delivered in all`;
		}
	},
	{
		label: 'whole-state floods, 50 connections',
		name: 'whole-state requests (sync step 1) 10 at a time on the big map, from 50 reading connections at once (a new one when one is closed)',
		bigMap: true,
		run(ctx, deadline) {
			const ask = wholeStateRequest();
			return sustain(50, deadline, async () => {
				const s = await open(ctx, ctx.big!.id, ctx.big!.viewer);
				if (!s) return;
				for (let i = 0; i < 10 && s.isOpen(); i++) await s.send(ask);
				if (!(await closedWithin(s, HANG_UP_MS))) s.abandon();
			});
		}
	}
];

/** The size of the big updates the attacks sent (once one has run), bytes. */
export const bigUpdateBytes = (): number => payloads.big?.byteLength ?? NaN;

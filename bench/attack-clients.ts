// Bare websockets for the attack benchmark: each sends exactly the frames an attack is made of and
// records what the server did to it (refusals heard, how it was closed, what it was sent), and
// the attacks' payloads, built once before a run so building them costs nothing during it.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { addNote } from '../src/lib/map/index.js';
import { encodeAwarenessEntries } from '../server/collab/protocol.js';
import { readUpdateShape } from '../server/collab/update-shape.js';
import { capture } from '../tests/helpers/raw.js';

/** What happened to an attack's connections, summed. */
export class Tally {
	connections = 0;
	/** Messages the attack sent. */
	sent = 0;
	/** Upgrades the server refused, by HTTP status (or 'error'). */
	readonly refusedUpgrades = new Map<string, number>();
	/** Permission-denied messages heard, by reason. */
	readonly denied = new Map<string, number>();
	/** Closes, by "code reason". */
	readonly closes = new Map<string, number>();
	/** Whole-state answers (sync step 2) received. */
	wholeStates = 0;
	/** Connections the attacker hung up on itself (the server had not closed them). */
	abandoned = 0;
	/** Of the closes, those the server began but had not finished when the attacker hung up (it was still reading). */
	unfinished = 0;

	count(map: Map<string, number>, key: string): void {
		map.set(key, (map.get(key) ?? 0) + 1);
	}

	/** One line: connections, messages, closes, refusals. */
	summary(): string {
		const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} × ${k}`);
		const parts = [`${this.connections} connection${this.connections === 1 ? '' : 's'}, ${this.sent} message${this.sent === 1 ? '' : 's'} sent`];
		if (this.closes.size) parts.push(`closed: ${list(this.closes).join(', ')}`);
		if (this.denied.size) parts.push(`told: ${list(this.denied).join(', ')}`);
		if (this.refusedUpgrades.size) parts.push(`upgrades refused: ${list(this.refusedUpgrades).join(', ')}`);
		if (this.wholeStates) parts.push(`${this.wholeStates} whole-state answers received`);
		if (this.unfinished) parts.push(`${this.unfinished} of those closes still unfinished ${HANG_UP_MS / 1000} s after the attacker stopped sending (the server was still handling what it had been sent; the attacker hung up)`);
		if (this.abandoned) parts.push(`${this.abandoned} still open when the attacker hung up`);
		return parts.join('; ');
	}
}

export interface AttackSocket {
	readonly ws: WebSocket;
	readonly closed: Promise<{ code: number; reason: string }>;
	/** Whole-state answers this socket received. */
	wholeStates: number;
	isOpen(): boolean;
	/** Hang up (terminate) without counting it as the server's close. */
	abandon(): void;
	/** Send and resolve once written to the socket (or failed). */
	send(message: Uint8Array): Promise<void>;
}

/** Every socket opened here, terminated by closeAll however the benchmark ends. */
const sockets = new Set<WebSocket>();

const abandoned = new WeakSet<WebSocket>();
/** How long an attack waits for a connection to close before it hangs up, ms. */
export const HANG_UP_MS = 3000;

export function closeAll(): void {
	for (const ws of sockets) {
		abandoned.add(ws);
		ws.terminate();
	}
	sockets.clear();
}

/** The address the attacker's sockets come from (the probe's come from 127.0.0.1). */
export const ATTACKER_ADDRESS = '127.0.0.2';

/** Open `${url}/${room}?key=…`; null when the server refused the upgrade (counted in `tally`). */
export function openSocket(url: string, room: string, key: string, tally: Tally): Promise<AttackSocket | null> {
	// An all-zero mask: an attacker need not spend its own CPU masking what it sends. From another
	// loopback address than the probe's clients, as an attacker elsewhere would be: limits kept per
	// address (connections, byte rate) fall on the attacker, not on the people it is measured against.
	const ws = new WebSocket(`${url}/${room}?key=${key}`, { generateMask: (mask) => void mask.fill(0), localAddress: ATTACKER_ADDRESS });
	sockets.add(ws);
	let opened = false;
	/** The close was counted when the attacker hung up. */
	let counted = false;
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.once('close', (code, reason) => {
			sockets.delete(ws);
			if (!opened || counted) return resolve({ code, reason: reason.toString() });
			if (abandoned.has(ws)) tally.abandoned++;
			else tally.count(tally.closes, `${code}${reason.length ? ` “${reason}”` : ''}`);
			resolve({ code, reason: reason.toString() });
		})
	);
	ws.on('message', (data: Buffer) => {
		const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		const type = decoding.readVarUint(d);
		const sub = decoding.readVarUint(d);
		if (type === 2 && sub === 0) tally.count(tally.denied, `“${decoding.readVarString(d)}”`);
		if (type === 0 && sub === 1) {
			socket.wholeStates++;
			tally.wholeStates++;
		}
	});
	const socket: AttackSocket = {
		ws,
		closed,
		wholeStates: 0,
		isOpen: () => ws.readyState === WebSocket.OPEN,
		abandon: () => {
			// The server's close frame came but the server has not ended the connection: it is still
			// handling what was sent before. That counts as the server's close, unfinished.
			const internals = ws as unknown as { _closeFrameReceived: boolean; _closeCode: number; _closeMessage: Buffer };
			if (internals._closeFrameReceived) {
				counted = true;
				tally.unfinished++;
				const reason = internals._closeMessage.toString();
				tally.count(tally.closes, `${internals._closeCode}${reason.length ? ` “${reason}”` : ''}`);
			} else abandoned.add(ws);
			ws.terminate();
		},
		send: (message) =>
			new Promise((resolve) => {
				if (ws.readyState !== WebSocket.OPEN) return resolve();
				tally.sent++;
				ws.send(message, { binary: true }, () => resolve());
			})
	};
	return new Promise((resolve) => {
		const refused = (why: string) => {
			if (opened || !sockets.has(ws)) return;
			tally.count(tally.refusedUpgrades, why);
			sockets.delete(ws);
			ws.terminate();
			resolve(null);
		};
		ws.once('open', () => {
			opened = true;
			tally.connections++;
			resolve(socket);
		});
		ws.once('unexpected-response', (_req, res) => refused(String(res.statusCode)));
		// After opening, a socket error is followed by its close (counted there).
		ws.on('error', (err) => refused(`error ${err.message}`));
	});
}

/** Resolve when `socket` closes or after `ms` (then false). */
export async function closedWithin(socket: AttackSocket, ms: number): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
	const result = await Promise.race([socket.closed.then(() => true), timeout]);
	clearTimeout(timer);
	return result;
}

// Payloads, as y-websocket messages.

function message(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, type);
	write(e);
	return encoding.toUint8Array(e);
}

/** A sync update message carrying `update`. */
export const updateMessage = (update: Uint8Array) => message(0, (e) => syncProtocol.writeUpdate(e, update));

/** A request for the whole document (sync step 1 with an empty state vector). */
export const wholeStateRequest = () => message(0, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));

/** An anonymous viewer's presence whose cursor is `depth` nested arrays (under the 16 KB presence cap). */
export function deepPresence(depth: number): Uint8Array {
	const json = `{"user":{"name":"Anonymous","role":"viewer"},"cursor":${'['.repeat(depth)}0${']'.repeat(depth)}}`;
	return message(1, (e) => encoding.writeVarUint8Array(e, encodeAwarenessEntries([{ clientId: 1 + Math.floor(Math.random() * 2 ** 30), clock: 1, json }])));
}

/** One update from a fresh client nesting `depth` Y.Maps under one component. */
export function nestedMaps(depth: number): Uint8Array {
	const doc = new Y.Doc();
	return capture(doc, () =>
		doc.transact(() => {
			let m: Y.Map<unknown> = new Y.Map();
			doc.getMap('components').set('nest00000000', m);
			for (let i = 0; i < depth; i++) {
				const next = new Y.Map<unknown>();
				m.set('k', next);
				m = next;
			}
		})
	);
}

/** One update adding notes of 9,000 characters (the model allows 10,000) to about `bytes`. */
export function notesUpdate(bytes: number): Uint8Array {
	const doc = new Y.Doc();
	return capture(doc, () =>
		doc.transact(() => {
			for (let i = 0; i * 9000 < bytes; i++) addNote(doc, { text: `${i} `.padEnd(9000, 'n'), evolution: 0.5, visibility: 0.5 });
		})
	);
}

/** One v1 update holding the single client block of each of `updates` in order, and the last one's delete set. */
export function blocksAsOne(updates: Uint8Array[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, updates.length);
	for (const u of updates) {
		const shape = readUpdateShape(u);
		if (shape.blocks.length !== 1) throw new Error('blocksAsOne: an update with one block each');
		encoding.writeUint8Array(e, u.subarray(shape.blocks[0].start, shape.blocks[0].end));
	}
	const last = updates[updates.length - 1];
	const shape = readUpdateShape(last);
	encoding.writeUint8Array(e, last.subarray(shape.deleteSet.start, shape.deleteSet.end));
	return encoding.toUint8Array(e);
}

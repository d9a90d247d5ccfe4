// The y-websocket wire protocol: message types and encoders, as a stock y-websocket client expects.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** Close codes and the reasons a client shows its user. */
export const CLOSE = {
	malformed: { code: 1007, reason: 'Malformed message: the connection was closed.' },
	unsupported: { code: 1003, reason: 'Unsupported message type.' },
	tooBig: { code: 1009, reason: 'Message too large.' },
	slow: { code: 1013, reason: 'Connection too slow to keep up: reconnecting.' },
	shutdown: { code: 1001, reason: 'Server restarting: reconnecting.' },
	rateLimited: { code: 1008, reason: 'Too many messages: slow down.' },
	awarenessTooBig: { code: 1008, reason: 'Presence data too large.' },
	presenceMalformed: { code: 1008, reason: 'Presence data is not a presence state.' },
	syncFlood: { code: 1008, reason: 'Too many requests for the whole map: slow down.' },
	refusedFlood: { code: 1008, reason: 'Too many refused changes: reload the map.' },
	tooManyConnections: { code: 1008, reason: 'Too many connections from one address.' },
	roomFault: { code: 1011, reason: 'Server error: reconnecting to reload the map.' },
	storage: { code: 1011, reason: 'Storage error: your last change may not be saved.' },
	revoked: { code: 4403, reason: 'This link is no longer valid.' }
} as const;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(e, doc);
	return encoding.toUint8Array(e);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(e, doc, stateVector);
	return encoding.toUint8Array(e);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

export function encodePermissionDenied(reason: string): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AUTH);
	encoding.writeVarUint(e, 0);
	encoding.writeVarString(e, reason);
	return encoding.toUint8Array(e);
}

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	/** The JSON text of the state; 'null' when the client removed itself. */
	json: string;
	/** The parsed state (null when removed). */
	state?: unknown;
}

/**
 * Decode an awareness update's entries without applying them (to check ownership and size).
 * Entries whose client id `accept` refuses are skipped unread (no text decoding or JSON parsing)
 * and counted in `skipped`.
 */
export function decodeAwarenessEntries(update: Uint8Array, accept: (clientId: number, clock: number) => boolean = () => true): AwarenessEntry[] & { skipped: number } {
	const d = decoding.createDecoder(update);
	const n = decoding.readVarUint(d);
	if (n > 64) throw new Error('too many awareness entries');
	const entries = [] as unknown as AwarenessEntry[] & { skipped: number };
	entries.skipped = 0;
	for (let i = 0; i < n; i++) {
		const clientId = decoding.readVarUint(d);
		const clock = decoding.readVarUint(d);
		if (!accept(clientId, clock)) {
			decoding.readVarUint8Array(d);
			entries.skipped++;
			continue;
		}
		const json = decoding.readVarString(d);
		if (jsonDeeperThan(json, MAX_PRESENCE_DEPTH)) throw new Error('presence nested too deep');
		entries.push({ clientId, clock, json, state: JSON.parse(json) });
	}
	return entries;
}

/** Nesting a presence state may have (`{ "user": { "name": … } }` is 2; sanitizePresence keeps at most 2). */
export const MAX_PRESENCE_DEPTH = 4;

/**
 * True when the JSON text nests arrays and objects more than `max` deep. One pass over the text,
 * before parsing: a state nested thousands deep parses, but stringifying it again throws.
 */
export function jsonDeeperThan(text: string, max: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) {
			if (++depth > max) return true;
		} else if (c === 0x7d || c === 0x5d) depth--;
	}
	return false;
}

/** Encode awareness entries back into an awareness update (after the server rewrote some). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(e, entry.clientId);
		encoding.writeVarUint(e, entry.clock);
		encoding.writeVarString(e, entry.json);
	}
	return encoding.toUint8Array(e);
}

/** Bytes of `n` as a lib0 varuint (7 bits a byte, low first). */
function varUintLength(n: number): number {
	let len = 1;
	while (n > 0x7f) {
		n = Math.floor(n / 128);
		len++;
	}
	return len;
}

/**
 * A y-websocket message of `type` (MESSAGE_SYNC with SYNC_UPDATE, or MESSAGE_AWARENESS) carrying
 * `payload`, written straight into its server-to-client WebSocket frame: one allocation and one
 * copy for a broadcast, where encoding the message and then framing it took two of each (about
 * 0.03 ms of a calm room's 0.3 ms before the first send). `message` is a view of the frame's
 * message bytes: what y-protocols' writeUpdate (after MESSAGE_SYNC) or encodeAwareness would give.
 */
export function framedMessage(type: typeof MESSAGE_SYNC | typeof MESSAGE_AWARENESS, payload: Uint8Array): { message: Uint8Array; frame: Buffer } {
	const prefix = type === MESSAGE_SYNC ? 2 : 1;
	const n = payload.byteLength;
	const m = prefix + varUintLength(n) + n;
	const head = m < 126 ? 2 : m < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(head + m);
	writeFrameHead(frame, m);
	let at = head;
	frame[at++] = type;
	if (type === MESSAGE_SYNC) frame[at++] = SYNC_UPDATE;
	for (let v = n; ; ) {
		if (v > 0x7f) {
			frame[at++] = 0x80 | (v & 0x7f);
			v = Math.floor(v / 128);
		} else {
			frame[at++] = v;
			break;
		}
	}
	frame.set(payload, at);
	return { message: frame.subarray(head), frame };
}

function writeFrameHead(frame: Buffer, n: number): void {
	frame[0] = 0x82;
	if (n < 126) frame[1] = n;
	else if (n < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(n, 2);
	} else {
		frame[1] = 127;
		frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
		frame.writeUInt32BE(n >>> 0, 6);
	}
}

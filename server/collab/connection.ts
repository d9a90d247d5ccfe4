// One websocket in a room: decodes y-websocket messages, enforces the connection's role and
// limits, and never lets a bad message reach the room — it closes this socket instead.
import type { WebSocket, RawData } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Role } from '../store/types.js';
import { canWrite } from '../access.js';
import type { Framed, Peer, Room } from './room.js';
import { readWorkshop } from '../../src/lib/map/index.js';
import { ANONYMOUS } from '../../src/lib/collab/names.js';
import { countClose, countRefusal } from '../ops/counters.js';
import { sanitizePresence } from '../../src/lib/collab/presence.js';
import { ADMIT_AT_BYTES, type OutboundBudget } from './budget.js';
import { classifyUpdate, isEmpty, participantRefusal, writerRefusal, type Classification } from './guard.js';
import { TOO_BIG, sizeRefusal, type MapLimits } from './size.js';
import { ShapeError, forEachDeleted, readUpdateShape } from './update-shape.js';
import {
	CLOSE,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP1,
	SYNC_STEP2,
	SYNC_UPDATE,
	decodeAwarenessEntries,
	encodeAwareness,
	encodeAwarenessEntries,
	encodePermissionDenied,
	encodeSyncStep1,
	encodeSyncStep2
} from './protocol.js';

export interface ConnectionLimits extends MapLimits {
	/** Largest awareness state one client may publish, bytes of JSON. */
	maxAwarenessBytes: number;
	/** Messages per second a connection may send on average, and the burst it may save up. */
	messagesPerSecond: number;
	messageBurst: number;
	/** A peer whose unsent buffer grows past this many bytes is dropped. */
	maxBufferedBytes: number;
	/** Bytes a second a connection may send on average, and the burst it may save up. */
	bytesPerSecond: number;
	byteBurst: number;
}

/** Refused messages a connection may send within REFUSALS_WINDOW_MS before it is closed (1008). */
export const MAX_REFUSALS = 8;
export const REFUSALS_WINDOW_MS = 10_000;

/** Requests for the whole state (sync step 1) a connection may make at once, and one more per this many ms. */
export const SYNC_REQUEST_BURST = 3;
export const SYNC_REQUEST_EVERY_MS = 10_000;

/** How long a connection dropped for the process's outbound budget has to take its close frame, ms. */
export const DROP_GRACE_MS = 1000;

/** Structs of the room a viewer's delete set may make the server look at (a whole large map's worth). */
const VIEWER_DELETE_CHECK = 200_000;

let nextConnectionId = 1;

export const VIEW_ONLY_REASON = 'This is a view-only link: your changes are not saved.';

/** How long a connection whose presence was taken over has to answer a ping before it is dropped, ms. */
export const PROBE_MS = 5000;

/** How long a closed connection has to complete the closing handshake before it is cut off, ms (ws waits 30 s). */
export const CLOSE_GRACE_MS = 10_000;

/** Distinct presence client ids one connection may set (a client has one; more is a flood). */
export const MAX_PRESENCE_IDS = 4;

/** Who joined: the display name from the joining step and the hash of the link key used (null: public access). */
export interface JoinInfo {
	readonly name: string;
	readonly keyHash: Uint8Array | null;
}

/** The parts of the net.Socket under a ws WebSocket that sendFramed uses. */
interface RawSocket {
	cork(): void;
	uncork(): void;
	write(data: Buffer): boolean;
}

export interface ConnectionHooks {
	/** After an update from this connection was applied (history). */
	onApplied?(conn: Connection, changes: Classification): void;
	/** The process-wide budget of queued outbound bytes (slowest readers dropped first). */
	budget?: OutboundBudget;
	/** Take `bytes` from the byte rate of this connection's address; false when it is spent. */
	addressBytes?: (bytes: number) => boolean;
}

/** A token bucket: `rate` a second, at most `burst` saved up. */
export class Bucket {
	private tokens: number;
	private last = Date.now();
	constructor(
		private readonly rate: number,
		private readonly burst: number
	) {
		this.tokens = burst;
	}
	/** Take `n`; when there is not enough, what was asked is still owed (down to one burst of debt). */
	take(n = 1): boolean {
		this.refill();
		const enough = this.tokens >= n;
		this.tokens = Math.max(-this.burst, this.tokens - n);
		return enough;
	}
	/** True when less than `n` is left to take now. */
	spent(n = 1): boolean {
		this.refill();
		return this.tokens < n;
	}
	/** True when nothing has been taken that is not yet paid back. */
	full(): boolean {
		this.refill();
		return this.tokens >= this.burst;
	}
	private refill(): void {
		const now = Date.now();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
		this.last = now;
	}
}

export class Connection implements Peer {
	/** A number for logs (never the name or anything the person sent). */
	readonly id = nextConnectionId++;
	readonly ws: WebSocket;
	readonly room: Room;
	readonly role: Role;
	readonly awarenessIds = new Set<number>();
	/** Every presence client id this connection has set (capped at MAX_PRESENCE_IDS). */
	private readonly claimed = new Set<number>();
	/** Display name from the join; forced onto every presence entry this connection sets. */
	readonly name: string;
	/** Hash of the link key this connection joined with (rotation closes it); null for public access. */
	readonly keyHash: Uint8Array | null;
	alive = true;
	/** Date.now() of the last pong (or of joining). */
	private lastPong = Date.now();
	private probing = false;
	private readonly messages: Bucket;
	private readonly bytes: Bucket;
	private readonly syncRequests = new Bucket(1000 / SYNC_REQUEST_EVERY_MS, SYNC_REQUEST_BURST);
	/** Date.now() of the refusals within the last REFUSALS_WINDOW_MS. */
	private refusals: number[] = [];
	private readonly limits: ConnectionLimits;
	private readonly hooks: ConnectionHooks;
	private deniedSent = false;
	/** The client has answered our sync step 1 (with what it has that the room lacks). */
	private answered = false;
	private lastRefusal = { reason: '', at: 0 };

	constructor(ws: WebSocket, room: Room, role: Role, limits: ConnectionLimits, join: JoinInfo = { name: ANONYMOUS, keyHash: null }, hooks: ConnectionHooks = {}) {
		this.ws = ws;
		this.room = room;
		this.role = role;
		this.limits = limits;
		this.name = join.name;
		this.keyHash = join.keyHash;
		this.hooks = hooks;
		this.messages = new Bucket(limits.messagesPerSecond, limits.messageBurst);
		this.bytes = new Bucket(limits.bytesPerSecond, limits.byteBurst);
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
		ws.on('pong', () => {
			this.alive = true;
			this.lastPong = Date.now();
		});
		hooks.budget?.add(this);
		ws.on('close', () => {
			hooks.budget?.delete(this);
			room.removePeer(this);
		});
		ws.on('error', () => ws.terminate());
		room.addPeer(this);
		this.send(encodeSyncStep1(room.doc));
		const states = room.awareness.getStates();
		if (states.size > 0) {
			this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])));
		}
	}

	/** Bytes queued for this connection and not yet written (the outbound budget reads it). */
	get bufferedAmount(): number {
		return this.ws.bufferedAmount;
	}

	/** Dropped for the process's outbound budget: it is among the slowest readers. */
	drop(): void {
		this.close(CLOSE.slow.code, CLOSE.slow.reason, DROP_GRACE_MS);
	}

	send(message: Uint8Array): void {
		if (this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
			this.close(CLOSE.slow.code, CLOSE.slow.reason);
			return;
		}
		if (message.byteLength >= ADMIT_AT_BYTES && this.hooks.budget && !this.hooks.budget.admit(this, message.byteLength)) return;
		this.ws.send(message, { binary: true }, (err) => {
			if (err) this.ws.terminate();
		});
	}

	/** Send frames back to back in one socket write (a flush's doc update and presence). */
	sendFrames(messages: readonly Uint8Array[]): void {
		const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
		socket?.cork();
		for (const m of messages) this.send(m);
		socket?.uncork();
	}

	/**
	 * Write frames a broadcast built once (framedMessage) straight to the socket, in one write. ws only
	 * queues frames of its own while compressing (off here) or while a send is in progress; then,
	 * and without a socket, the messages go through ws.send so the order holds.
	 */
	sendFramed(list: readonly Framed[]): void {
		if (this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
			this.close(CLOSE.slow.code, CLOSE.slow.reason);
			return;
		}
		const internals = this.ws as unknown as { _socket?: RawSocket; _sender?: { _queue?: unknown[]; _state?: number } };
		const socket = internals._socket;
		const sender = internals._sender;
		if (this.hooks.budget && list.some((f) => f.frame.byteLength >= ADMIT_AT_BYTES)) {
			const bytes = list.reduce((n, f) => n + f.frame.byteLength, 0);
			if (!this.hooks.budget.admit(this, bytes)) return;
		}
		if (!socket || !sender || (sender._queue?.length ?? 0) > 0 || (sender._state ?? 0) !== 0) {
			if (list.length > 1) this.sendFrames(list.map((f) => f.message));
			else this.send(list[0].message);
			return;
		}
		if (list.length === 1) {
			socket.write(list[0].frame);
			return;
		}
		socket.cork();
		for (const f of list) socket.write(f.frame);
		socket.uncork();
	}

	/** Close with `code` and `reason`; a client that does not answer within `graceMs` (it stopped reading) is cut off. */
	close(code: number, reason: string, graceMs = CLOSE_GRACE_MS): void {
		if (this.ws.readyState !== this.ws.OPEN && this.ws.readyState !== this.ws.CONNECTING) return;
		countClose(code);
		this.ws.close(code, reason);
		setTimeout(() => this.cutOff(), graceMs).unref?.();
	}

	/**
	 * End the connection now. The TCP connection is reset, not closed: a client that stopped reading
	 * would otherwise keep what was queued for it in the kernel's send buffer (megabytes a socket)
	 * until it read or the kernel gave up.
	 */
	cutOff(): void {
		const socket = (this.ws as unknown as { _socket?: { resetAndDestroy?(): void } })._socket;
		socket?.resetAndDestroy?.();
		this.ws.terminate();
	}

	/** Ping now and drop the socket unless it answers within PROBE_MS (it may be half-open). */
	probe(): void {
		if (this.probing || this.ws.readyState !== this.ws.OPEN) return;
		this.probing = true;
		const sent = Date.now();
		this.ws.ping();
		setTimeout(() => {
			this.probing = false;
			if (this.lastPong < sent) this.cutOff();
		}, PROBE_MS).unref?.();
	}

	/** Joined through the same link with the same name and role: as far as the server can tell, the same person. */
	private sameJoinAs(other: Connection): boolean {
		if (other.role !== this.role || other.name !== this.name) return false;
		if (other.keyHash === null || this.keyHash === null) return other.keyHash === this.keyHash;
		return Buffer.from(other.keyHash).equals(Buffer.from(this.keyHash));
	}

	private onMessage(data: RawData, isBinary: boolean): void {
		// A closing connection's messages are not read: ws goes on delivering what had arrived.
		if (this.room.closed || this.ws.readyState !== this.ws.OPEN) return;
		if (!isBinary || !Buffer.isBuffer(data)) return this.close(CLOSE.malformed.code, CLOSE.malformed.reason);
		const bytes = data.byteLength;
		if (!this.messages.take() || !this.bytes.take(bytes) || (this.hooks.addressBytes && !this.hooks.addressBytes(bytes))) {
			return this.close(CLOSE.rateLimited.code, CLOSE.rateLimited.reason);
		}
		try {
			this.handle(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		} catch (err) {
			// Thrown while the room was changing (after the checks): the room's state is in doubt.
			if (err instanceof RoomFault) return this.room.fault(err.cause, this.id);
			this.close(CLOSE.malformed.code, CLOSE.malformed.reason);
		}
	}

	/** Run what changes the room; anything it throws is the room's fault, not a malformed message. */
	private inRoom(fn: () => void): void {
		try {
			fn();
		} catch (err) {
			throw new RoomFault(err);
		}
	}

	private handle(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC:
				return this.handleSync(decoder);
			case MESSAGE_AWARENESS:
				return this.handleAwareness(decoding.readVarUint8Array(decoder));
			case MESSAGE_QUERY_AWARENESS: {
				const states = this.room.awareness.getStates();
				this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, [...states.keys()])));
				return;
			}
			case MESSAGE_AUTH:
				return; // clients do not send auth messages; ignore
			default:
				return this.close(CLOSE.unsupported.code, CLOSE.unsupported.reason);
		}
	}

	private handleSync(decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (syncType === SYNC_STEP1) {
			// A client asks for the state once a connection; asking again and again is a way to make the
			// server encode and queue a whole map each time.
			if (!this.syncRequests.take()) return this.close(CLOSE.syncFlood.code, CLOSE.syncFlood.reason);
			Y.decodeStateVector(payload); // throws on garbage
			// The document now may hold updates still being stored: send the answer once they are, as
			// broadcasts are, or a crash in between would lose an update this client has seen.
			const reply = this.room.syncStep2(payload);
			void this.room
				.whenStored()
				.then(() => this.send(reply))
				.catch((err) => this.room.reportError(err, this.id));
			return;
		}
		if (syncType !== SYNC_STEP2 && syncType !== SYNC_UPDATE) throw new Error('unknown sync message');
		if (!canWrite(this.role)) {
			// A viewer's step 2 holds nothing the room lacks (its delete set repeats the room's): that is
			// told from the update's block headers alone; anything more is refused without decoding it.
			if (this.holdsNothingNew(payload)) return;
			countRefusal('view only');
			if (!this.deniedSent) {
				this.deniedSent = true;
				this.send(encodePermissionDenied(VIEW_ONLY_REASON));
			}
			return this.countRefusal();
		}
		// No change to a map is bigger than the map may be: refused before it is decoded.
		if (payload.byteLength > this.limits.maxDocBytes) return this.refuse(TOO_BIG.bytes(this.limits.maxDocBytes));
		// Classify before applying (this decodes the whole update: garbage throws here, before anything
		// touches the doc): a participant's update that the workshop settings forbid is never
		// applied, stored or broadcast (docs/workshops.md, "Refused updates").
		const changes = classifyUpdate(this.room.doc, payload);
		if (syncType === SYNC_STEP2) this.answered = true;
		// An edit sent in the moment after a reconnect, before the client answered our sync step 1, may
		// build on its offline edits: that answer carries it too, so it is dropped here, not refused
		// (unless this connection had a change refused: then it builds on that, and is out of step).
		else if (changes.unresolved && !this.answered && this.lastRefusal.at === 0) return;
		const reason =
			writerRefusal(changes) ??
			(this.role === 'facilitator' ? null : participantRefusal(changes, readWorkshop(this.room.doc))) ??
			(isEmpty(changes) ? null : sizeRefusal(this.room.doc, payload, changes, this.limits));
		if (reason) return this.refuse(reason);
		// An edit is sent on before the document integrates it (Room.applyEdit); a sync step 2 (what
		// a reconnecting client holds) is applied first and only what is new to the room goes out.
		this.inRoom(() => {
			if (syncType === SYNC_UPDATE && !isEmpty(changes)) this.room.applyEdit(this, payload);
			else Y.applyUpdate(this.room.doc, payload, this);
		});
		// After the broadcast (queued as a microtask while the update was applied): history can wait.
		if (!isEmpty(changes) && this.hooks.onApplied) {
			queueMicrotask(() => {
				try {
					this.hooks.onApplied?.(this, changes);
				} catch (err) {
					this.room.reportError(err, this.id);
				}
			});
		}
	}

	/**
	 * True when a viewer's update holds no struct the room lacks and deletes nothing the room still
	 * has (a reconnecting viewer's step 2 repeats the room's delete set). Told from the update's
	 * bytes and the room's structs, without decoding the update; the structs visited are bounded.
	 */
	private holdsNothingNew(update: Uint8Array): boolean {
		try {
			const shape = readUpdateShape(update);
			const store = this.room.doc.store;
			if (!shape.blocks.every((b) => b.structs === 0 || b.endClock <= Y.getState(store, b.client))) return false;
			let nothing = true;
			let budget = VIEWER_DELETE_CHECK;
			forEachDeleted(update, shape, (client, clock, len) => {
				const structs = store.clients.get(client);
				if (!structs || clock >= Y.getState(store, client)) return true;
				for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
					if (--budget < 0 || !structs[i].deleted) return (nothing = false);
				}
				return true;
			});
			return nothing;
		} catch (err) {
			if (err instanceof ShapeError && err.kind === 'schema') return false;
			throw err;
		}
	}

	/** Tell the client its update was refused (at most once a second for the same reason). */
	private refuse(reason: string): void {
		const now = Date.now();
		countRefusal(reason);
		this.countRefusal();
		if (reason === this.lastRefusal.reason && now - this.lastRefusal.at < 1000) return;
		this.lastRefusal = { reason, at: now };
		this.send(encodePermissionDenied(reason));
	}

	/** A client told its change was refused reloads the map: one that keeps sending them is closed. */
	private countRefusal(): void {
		const now = Date.now();
		this.refusals = this.refusals.filter((at) => now - at < REFUSALS_WINDOW_MS);
		this.refusals.push(now);
		if (this.refusals.length > MAX_REFUSALS) this.close(CLOSE.refusedFlood.code, CLOSE.refusedFlood.reason);
	}

	private handleAwareness(update: Uint8Array): void {
		// A presence entry belongs to the connection that first set it. Stock y-websocket clients relay
		// every change they hear, others' included: those entries are skipped without being parsed.
		const entries = decodeAwarenessEntries(update, (id, clock) => this.mayClaim(id, clock));
		// Removing an entry nobody has (relayed goodbyes) would only grow the room's bookkeeping; a client
		// has one presence id, so a connection setting many fresh ones is flooding the room.
		const states = this.room.awareness.getStates();
		const kept = entries.filter((entry) => {
			if (entry.state === null && !states.has(entry.clientId)) return false;
			if (this.claimed.has(entry.clientId)) return true;
			if (this.claimed.size >= MAX_PRESENCE_IDS) return false;
			this.claimed.add(entry.clientId);
			return true;
		});
		if (kept.length < entries.length) {
			entries.skipped += entries.length - kept.length;
			entries.splice(0, entries.length, ...kept);
		}
		if (entries.length === 0) return;
		for (const entry of entries) {
			if (entry.json.length > this.limits.maxAwarenessBytes) {
				return this.close(CLOSE.awarenessTooBig.code, CLOSE.awarenessTooBig.reason);
			}
		}
		// What the room relays is re-encoded from checked values: known fields, bounded, the joined name.
		const checked: typeof entries = Object.assign([], { skipped: entries.skipped });
		for (const entry of entries) {
			if (entry.state === null) {
				checked.push(entry);
				continue;
			}
			const state = sanitizePresence(entry.state, { name: this.name, role: this.role });
			if (!state) return this.close(CLOSE.presenceMalformed.code, CLOSE.presenceMalformed.reason);
			checked.push({ clientId: entry.clientId, clock: entry.clock, json: JSON.stringify(state), state });
		}
		this.inRoom(() => awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessEntries(checked), this));
		// Awareness reports an id set again after a removal as updated, not added: own it here, or it
		// would outlive this connection (a ghost cursor for 30 s) and be anyone's to overwrite.
		const now = this.room.awareness.getStates();
		for (const entry of entries) {
			if (entry.state !== null && now.has(entry.clientId) && this.room.ownerOf(entry.clientId) === undefined) this.room.transferPresence(entry.clientId, this);
		}
	}

	/**
	 * Whether this connection may set presence entry `id` at `clock`. A client that reconnects while
	 * its old socket is still half-open claims its own entry from the new socket: with its next
	 * change (a clock past the server's; relays only echo clocks the server sent) from a connection
	 * that joined with the same link, name and role, it takes the entry over, and the old socket
	 * must answer a ping within PROBE_MS or be dropped. Any other claim is skipped.
	 */
	private mayClaim(id: number, clock: number): boolean {
		const owner = this.room.ownerOf(id);
		if (owner === undefined && this.room.heldElsewhere(id)) return this.mayTakeOver(id, clock);
		if (owner === undefined || owner === this) return true;
		if (!(owner instanceof Connection) || !this.sameJoinAs(owner)) return false;
		if (clock <= (this.room.awareness.meta.get(id)?.clock ?? 0)) return false;
		if (!this.claimed.has(id) && this.claimed.size >= MAX_PRESENCE_IDS) return false;
		this.claimed.add(id);
		this.room.transferPresence(id, this);
		owner.probe();
		return true;
	}

	/**
	 * A client whose instance went reconnects here and sets its presence entry, which this instance
	 * holds from the other: it may take it over with a newer clock, under the same name and role.
	 */
	private mayTakeOver(id: number, clock: number): boolean {
		if (clock <= (this.room.awareness.meta.get(id)?.clock ?? 0)) return false;
		const user = (this.room.awareness.getStates().get(id) as { user?: { name?: string; role?: string } } | undefined)?.user;
		if (user?.name !== this.name || user.role !== this.role) return false;
		if (!this.claimed.has(id) && this.claimed.size >= MAX_PRESENCE_IDS) return false;
		this.claimed.add(id);
		return true;
	}
}

/** An error thrown while a message was changing the room (not a fault of the message's bytes). */
class RoomFault extends Error {
	constructor(override readonly cause: unknown) {
		super('room fault');
	}
}

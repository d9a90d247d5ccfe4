// One open map: its Y.Doc loaded from storage, its presence (awareness), its connections.
// Every update is appended to storage before it is broadcast; broadcasts are coalesced into one
// frame per window so a busy room sends few large frames instead of many small ones. Updates go
// to every peer, the sender included (that is its acknowledgement); presence is not echoed.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { MapStore } from '../store/types.js';
import { migrate, readMeta } from '../../src/lib/map/index.js';
import { CLOSE, MESSAGE_AWARENESS, MESSAGE_SYNC, encodeSyncStep2, framedMessage } from './protocol.js';
import type { BroadcastMetrics } from './metrics.js';
import { describeError, logEvent } from '../log.js';
import { counters, observeStore } from '../ops/counters.js';
import type { BusMessage, RevokeMatch, RoomBus } from './bus.js';

/** The origin of changes another instance made (over the bus): already stored, not published again. */
export const REMOTE = Symbol('another instance');

/** What a room needs of a connection: to send bytes, to be closed, to own presence entries. */
/**
 * Edit broadcasts a room may send per second, counted in frames to peers: a room of n peers
 * broadcasts at most every n / 10 ms (60 people: 6 ms), and never less often than every 10 ms.
 */
export const FRAMES_PER_SECOND = 10_000;
export const MAX_EDIT_DELAY_MS = 10;

/** A message and its WebSocket frame, built once per broadcast. */
export interface Framed {
	readonly message: Uint8Array;
	readonly frame: Buffer;
}

export interface Peer {
	send(message: Uint8Array): void;
	/** Send several frames in one write where the transport allows (optional). */
	sendFrames?(messages: readonly Uint8Array[]): void;
	/** Send messages already framed for the wire (framedMessage), the same bytes for every peer (optional). */
	sendFramed?(messages: readonly Framed[]): void;
	close(code: number, reason: string): void;
	/** Awareness client ids this connection set, removed when it goes. */
	readonly awarenessIds: Set<number>;
	/** SHA-256 of the key it joined with (a link's, or a signed-in join's); null for the public. Revocations match it. */
	readonly keyHash?: Uint8Array | null;
}

/** Whether a revocation closes `peer`. */
export function revokes(match: RevokeMatch, peer: Peer): boolean {
	if (peer.keyHash === undefined) return false;
	if ('public' in match) return peer.keyHash === null;
	if (peer.keyHash === null) return false;
	const hash = Buffer.from(peer.keyHash).toString('base64');
	return 'keyHash' in match ? match.keyHash === hash : match.joins.includes(hash);
}

export interface RoomOptions {
	/** Coalescing window for broadcasts, ms. */
	broadcastMs: number;
	/** Compact the stored log after this many appended updates. */
	compactEvery: number;
	onError?: (err: unknown) => void;
	/**
	 * Something threw in the room's own path (a timer, a callback, applying a checked update): the
	 * room has closed its sockets and must be reloaded from storage by whoever joins next.
	 * `connection`: the id of the connection whose message was being handled, if any.
	 */
	onFault?: (room: Room, err: unknown, connection: number | null) => void;
	/**
	 * Called from touch(), about a second after edits settle: the catalogue follows published maps.
	 * `seq`: the storage sequence number of the last update stored (the document may hold more).
	 */
	onChanged?: (id: string, doc: Y.Doc, seq: number) => void;
	/** Optional timing of apply → broadcast (benchmarks). */
	metrics?: BroadcastMetrics;
	/** Other instances with the same map open (REDIS_URL): stored edits and presence go to them too. */
	bus?: RoomBus;
	/** Told when a peer joins or leaves (the other instances count this one's sockets). */
	onPeers?: (room: Room) => void;
}

function sendTo(peer: Peer, list: readonly Framed[]): void {
	if (peer.sendFramed) peer.sendFramed(list);
	else if (list.length > 1 && peer.sendFrames) peer.sendFrames(list.map((f) => f.message));
	else for (const f of list) peer.send(f.message);
}

export class Room {
	readonly id: string;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly peers = new Set<Peer>();
	private readonly store: MapStore;
	private readonly options: RoomOptions;
	/** Resolves when every update so far is stored (updates are stored in order). */
	private stored: Promise<void> = Promise.resolve();
	/** Appends still waiting for the store (a durable-at-once append must not overtake them). */
	private waiting = 0;
	private lastSeq: number;
	private appended = 0;
	private pendingUpdates: Uint8Array[] = [];
	/** The peers the pending updates came from: they get the broadcast (their acknowledgement) after everyone else. */
	private pendingFrom = new Set<Peer>();
	/** The peer whose edit applyEdit is applying after sending it (its update event is skipped). */
	private relayed: Peer | null = null;
	private pendingSince: number[] = [];
	private pendingAwareness = new Set<number>();
	/** The one peer every pending presence change came from; null when several or the server. */
	private awarenessFrom: Peer | null | undefined = undefined;
	/** Awareness client id → the peer that set it (presence belongs to one connection). */
	private readonly owners = new Map<number, Peer>();
	/** Awareness client ids set by another instance's clients (see heldElsewhere). */
	private readonly remoteIds = new Set<number>();
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	private immediateScheduled = false;
	/** performance.now() of the last broadcast, and when the pending flush timer fires. */
	private lastFlush = -Infinity;
	private flushDue = 0;
	private title: string;
	private touchTimer: ReturnType<typeof setTimeout> | null = null;
	/** The reply to a client that holds nothing yet (the whole map), until the document changes. */
	private fullState: Uint8Array | null = null;
	closed = false;
	/** Set when the room failed (fault): it is not stored or compacted again, only discarded. */
	private faulted = false;

	private constructor(id: string, doc: Y.Doc, store: MapStore, lastSeq: number, options: RoomOptions) {
		this.id = id;
		this.doc = doc;
		this.store = store;
		this.lastSeq = lastSeq;
		this.options = options;
		this.title = readMeta(doc).title;
		this.awareness = new awarenessProtocol.Awareness(doc);
		this.awareness.setLocalState(null);
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.fullState = null;
			this.onUpdate(update, origin);
		});
		this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
			this.onAwareness(changes, origin)
		);
	}

	/** Load a room fully from storage (state + log) before anyone is answered. */
	static async load(id: string, store: MapStore, options: RoomOptions): Promise<Room> {
		const stored = await store.loadDoc(id);
		const doc = new Y.Doc({ gc: true });
		doc.transact(() => {
			for (const update of stored.updates) {
				try {
					Y.applyUpdate(doc, update);
				} catch (err) {
					// One stored update the document cannot take must not make the whole map unreadable.
					options.onError?.(err);
				}
			}
		});
		const room = new Room(id, doc, store, stored.lastSeq, options);
		migrate(doc, 'server');
		return room;
	}

	/**
	 * Apply a checked edit (a sync update) from `from`. Where the store makes an update durable at
	 * once (the edit journal) and no earlier append is waiting, its bytes are stored and sent to the
	 * others first, then applied: a calm room's edit then reaches people without waiting for Yjs to
	 * integrate it (about 0.2 ms on a quiet server). The guard has decoded every byte and resolved
	 * every struct against this document (guard.ts), so what goes out is what the document takes.
	 * Otherwise it is applied, stored and broadcast as any other update (onUpdate).
	 */
	applyEdit(from: Peer, update: Uint8Array): void {
		const stored = this.closed ? false : this.storeAtOnce(update);
		if (stored === null) return;
		if (!stored) {
			Y.applyUpdate(this.doc, update, from);
			return;
		}
		this.appended++;
		counters.edits++;
		this.scheduleTouch();
		this.queueUpdate(update, this.options.metrics?.enabled ? performance.now() : 0, from, true);
		this.relayed = from;
		try {
			Y.applyUpdate(this.doc, update, from);
		} catch (err) {
			// Sent and stored but not taken by the document: nobody may go on from a copy the server
			// does not hold. Everyone resyncs; the stored log skips what does not apply (Room.load).
			this.options.onError?.(err);
			for (const peer of this.peers) peer.close(1011, 'Server error: reconnecting to resync the map.');
			throw err;
		} finally {
			this.relayed = null;
		}
	}

	/**
	 * Store `update` at once where the store can (the edit journal: no promise, no wait) and no earlier
	 * append is still waiting, which it must not overtake. True when stored; false when it must take
	 * the queued path; null when the store refused it (everyone was dropped: see fail).
	 */
	private storeAtOnce(update: Uint8Array): boolean | null {
		if (this.waiting > 0 || !this.store.appendDurable) return false;
		let seq: number | null;
		const started = performance.now();
		try {
			seq = this.store.appendDurable(this.id, update);
		} catch (err) {
			this.fail(err);
			return null;
		}
		if (seq === null) return false;
		observeStore('journal', (performance.now() - started) / 1000);
		this.lastSeq = Math.max(this.lastSeq, seq);
		return true;
	}

	private onUpdate(update: Uint8Array, origin: unknown): void {
		// The document's own copy of an edit applyEdit already stored and sent.
		if (this.relayed !== null && origin === this.relayed) {
			this.relayed = null;
			return;
		}
		// Stored by the instance that took it: only this instance's clients are left to tell.
		if (origin === REMOTE) return this.queueUpdate(update, 0, null, false, true);
		this.appended++;
		counters.edits++;
		const from = this.peers.has(origin as Peer) ? (origin as Peer) : null;
		const at = this.options.metrics?.enabled ? performance.now() : 0;
		this.scheduleTouch();
		// Stored at once (a calm room's edit paid ~0.07 ms for promise hops): queued for broadcast now.
		const stored = this.storeAtOnce(update);
		if (stored === null) return;
		if (stored) {
			this.queueUpdate(update, at, from);
			return;
		}
		// Append at once (the store keeps call order and commits appends that arrive together in one
		// transaction); broadcasts follow in the same order, each only once its update is stored.
		const started = performance.now();
		const append = this.store.appendUpdate(this.id, update);
		append.then(() => observeStore('commit', (performance.now() - started) / 1000), () => undefined); // failures handled below, in order
		this.waiting++;
		this.stored = this.stored
			.then(() => append)
			.then(
				(seq) => {
					this.lastSeq = Math.max(this.lastSeq, seq);
					this.queueUpdate(update, at, from);
				},
				(err) => this.fail(err)
			)
			.finally(() => this.waiting--);
	}

	/**
	 * Storage refused an edit: nobody may believe it saved, and this room holds it unsaved, so the
	 * room goes (as on a fault) rather than hand it to the next joiner. Clients reconnect to the map as
	 * stored and send again what it lacks.
	 */
	private fail(err: unknown): void {
		this.fault(err, null, CLOSE.storage);
	}

	private onAwareness(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
		// Not what awareness timed out itself ('timeout'): each instance forgets silent clients on its own.
		if (origin !== REMOTE && origin !== 'timeout' && this.options.bus) {
			const ids = [...changes.added, ...changes.updated, ...changes.removed];
			this.options.bus.publish(this.id, { kind: 'awareness', data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) });
		}
		if (origin === REMOTE) {
			for (const id of [...changes.added, ...changes.updated]) if (!this.owners.has(id)) this.remoteIds.add(id);
			for (const id of changes.removed) this.remoteIds.delete(id);
		} else for (const id of changes.removed) this.remoteIds.delete(id);
		const peer = origin === REMOTE || typeof origin !== 'object' ? null : (origin as Peer | null);
		for (const id of changes.added) {
			peer?.awarenessIds?.add(id);
			if (peer) this.owners.set(id, peer);
		}
		for (const id of changes.removed) {
			peer?.awarenessIds?.delete(id);
			this.owners.get(id)?.awarenessIds.delete(id);
			this.owners.delete(id);
		}
		for (const id of changes.added) this.pendingAwareness.add(id);
		for (const id of changes.updated) this.pendingAwareness.add(id);
		for (const id of changes.removed) this.pendingAwareness.add(id);
		const from = peer && this.peers.has(peer) ? peer : null;
		this.awarenessFrom = this.awarenessFrom === undefined || this.awarenessFrom === from ? from : null;
		this.scheduleFlush();
	}

	/** `remote`: another instance's edit (stored there); otherwise this one's, stored now and told to the others. */
	private queueUpdate(update: Uint8Array, at: number, from: Peer | null, sync = false, remote = false): void {
		if (!remote) this.options.bus?.publish(this.id, { kind: 'update', data: update });
		this.pendingUpdates.push(update);
		if (from) this.pendingFrom.add(from);
		if (at) this.pendingSince.push(at);
		this.scheduleFlush(true, sync);
		if (this.appended >= this.options.compactEvery) this.compact().catch((err) => this.options.onError?.(err));
	}

	/**
	 * An edit goes out as soon as it is stored unless the room broadcast very recently (within n / 10 ms
	 * for n peers, at most 10 ms: see FRAMES_PER_SECOND); then at that mark, with everything else
	 * pending. Presence waits up to one broadcast window (15 ms) or rides along with an edit. So a
	 * lone edit is immediate, a busy room's edits wait a few ms, and the frames a room sends stay
	 * near FRAMES_PER_SECOND however many people drag at once. `sync`: an edit that is due goes out
	 * now rather than in a microtask (applyEdit sends before it applies).
	 */
	private scheduleFlush(urgent = false, sync = false): void {
		if (this.closed || this.immediateScheduled) return;
		const now = performance.now();
		if (urgent) {
			const gap = Math.min(MAX_EDIT_DELAY_MS, (1000 * this.peers.size) / FRAMES_PER_SECOND);
			const wait = this.lastFlush + gap - now;
			if (wait <= 0) {
				if (this.flushTimer) clearTimeout(this.flushTimer);
				this.flushTimer = null;
				if (sync) return this.flush();
				this.immediateScheduled = true;
				queueMicrotask(this.flushSafely);
				return;
			}
			if (this.flushTimer && this.flushDue <= now + wait) return;
			if (this.flushTimer) clearTimeout(this.flushTimer);
			this.flushDue = now + wait;
			this.flushTimer = setTimeout(this.flushSafely, wait);
			return;
		}
		if (!this.flushTimer) {
			this.flushDue = now + this.options.broadcastMs;
			this.flushTimer = setTimeout(this.flushSafely, this.options.broadcastMs);
		}
	}

	/** flush() from a timer or microtask: nothing it throws may escape into the process. */
	private readonly flushSafely = (): void => {
		try {
			this.flush();
		} catch (err) {
			this.fault(err, null);
		}
	};

	/**
	 * Send everything pending as at most two frames (one doc update, one awareness update). Every
	 * peer gets the update, its sender included: the echo is how a client learns its change is
	 * stored (src/lib/collab/offline.ts). Presence whose every change came from one peer is not
	 * sent back to it (it ignores its own entries): a fifth fewer presence writes in a room of five.
	 */
	flush(): void {
		this.immediateScheduled = false;
		this.lastFlush = performance.now();
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.flushTimer = null;
		// Each message is framed once for all peers: about a third of a broadcast's cost was framing per socket.
		let u: Framed | null = null;
		let a: Framed | null = null;
		const awarenessFrom = this.awarenessFrom ?? null;
		this.awarenessFrom = undefined;
		if (this.pendingUpdates.length > 0) {
			const merged = this.pendingUpdates.length === 1 ? this.pendingUpdates[0] : Y.mergeUpdates(this.pendingUpdates);
			this.pendingUpdates = [];
			u = framedMessage(MESSAGE_SYNC, merged);
			if (this.pendingSince.length) {
				const now = performance.now();
				for (const at of this.pendingSince) this.options.metrics?.record(now - at);
				this.pendingSince = [];
			}
		}
		if (this.pendingAwareness.size > 0) {
			const ids = [...this.pendingAwareness];
			this.pendingAwareness.clear();
			a = framedMessage(MESSAGE_AWARENESS, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
		}
		if (!u && !a) return;
		const both = u && a ? [u, a] : null;
		const updateOnly = u ? [u] : null;
		const presenceOnly = a ? [a] : null;
		// Whoever made an edit hears it back last: each socket write takes its turn (about 0.1 ms on a
		// quiet server), and the echo only confirms what its sender already shows.
		const senders = u && this.pendingFrom.size > 0 ? this.pendingFrom : null;
		const send = (peer: Peer) => {
			const list = peer === awarenessFrom ? updateOnly : (both ?? updateOnly ?? presenceOnly);
			if (list) sendTo(peer, list);
		};
		for (const peer of this.peers) if (!senders?.has(peer)) send(peer);
		if (senders) {
			for (const peer of senders) if (this.peers.has(peer)) send(peer);
			senders.clear();
		}
	}

	/** Resolves once every update received so far is in storage. */
	whenStored(): Promise<void> {
		return this.stored;
	}

	/** Replace the stored log by one state encoded from the in-memory document. */
	async compact(): Promise<void> {
		this.appended = 0;
		await this.stored;
		const upto = this.lastSeq;
		if (upto === 0) return;
		await this.store.compact(this.id, Y.encodeStateAsUpdate(this.doc), upto);
	}

	private scheduleTouch(): void {
		if (this.touchTimer) return;
		this.touchTimer = setTimeout(() => void this.touch().catch((err) => this.options.onError?.(err)), 1000);
	}

	private async touch(): Promise<void> {
		this.touchTimer = null;
		const title = readMeta(this.doc).title;
		const changed = title !== this.title;
		this.title = title;
		await this.store.touchMap(this.id, { title: changed ? title : undefined, updatedAt: Date.now() });
		try {
			this.options.onChanged?.(this.id, this.doc, this.lastSeq);
		} catch (err) {
			this.options.onError?.(err);
		}
	}

	/** A message from another instance about this map (see bus.ts). */
	receive(message: BusMessage): void {
		if (this.closed) return;
		try {
			if (message.kind === 'update') Y.applyUpdate(this.doc, message.data, REMOTE);
			else if (message.kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.awareness, message.data, REMOTE);
			else if (message.kind === 'hello') this.announcePresence();
			else this.closeMatching(message.match);
		} catch (err) {
			// A copy that cannot take another instance's edit is no longer one: reload it from the store.
			this.fault(err, null);
		}
	}

	/** Tell the other instances the presence of this instance's clients (they just opened the room, or came back). */
	announcePresence(): void {
		const ids = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
		if (ids.length > 0) this.options.bus?.publish(this.id, { kind: 'awareness', data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) });
	}

	/**
	 * After the bus was away: take from the store whatever the other instances stored meanwhile (this
	 * copy dedupes what it has), and exchange presence again.
	 */
	async resync(): Promise<void> {
		if (this.closed) return;
		const stored = await this.store.loadDoc(this.id);
		if (this.closed) return;
		try {
			this.doc.transact(() => {
				for (const update of stored.updates) Y.applyUpdate(this.doc, update, REMOTE);
			}, REMOTE);
		} catch (err) {
			return this.fault(err, null);
		}
		this.options.bus?.publish(this.id, { kind: 'hello' });
		this.announcePresence();
	}

	/** Close this instance's sockets that a revocation matches; how many. */
	closeMatching(match: RevokeMatch): number {
		let closed = 0;
		for (const peer of [...this.peers]) {
			if (!revokes(match, peer)) continue;
			peer.close(CLOSE.revoked.code, CLOSE.revoked.reason);
			closed++;
		}
		return closed;
	}

	/** The peer that owns awareness client `id`, if any. */
	ownerOf(id: number): Peer | undefined {
		return this.owners.get(id);
	}

	/**
	 * Whether presence entry `id` belongs to a client of another instance: a client that moves here
	 * (its instance went) takes it over, but nobody else may (Connection.mayClaim).
	 */
	heldElsewhere(id: number): boolean {
		return this.remoteIds.has(id);
	}

	/** Hand presence entry `id` to `peer` (a reconnect of the client that set it). */
	transferPresence(id: number, peer: Peer): void {
		this.remoteIds.delete(id);
		this.owners.get(id)?.awarenessIds.delete(id);
		this.owners.set(id, peer);
		peer.awarenessIds.add(id);
	}

	addPeer(peer: Peer): void {
		this.peers.add(peer);
		this.options.onPeers?.(this);
	}

	/** This instance's sockets per key hash (base64); sockets joined as the public are not counted. */
	peersByKey(): Record<string, number> {
		const out: Record<string, number> = {};
		for (const peer of this.peers) {
			if (!peer.keyHash) continue;
			const hash = Buffer.from(peer.keyHash).toString('base64');
			out[hash] = (out[hash] ?? 0) + 1;
		}
		return out;
	}

	/** Forget a peer and the presence entries it owned (so its cursor disappears for everyone). */
	removePeer(peer: Peer): void {
		this.peers.delete(peer);
		this.options.onPeers?.(this);
		if (this.closed || peer.awarenessIds.size === 0) return;
		try {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
		} catch (err) {
			this.fault(err, null);
		}
	}

	/**
	 * The sync step 2 answering a client's state vector. A client that holds nothing gets the whole
	 * map: that reply is encoded once and shared until the document changes, however many ask.
	 */
	syncStep2(stateVector: Uint8Array): Uint8Array {
		const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
		if (!empty) return encodeSyncStep2(this.doc, stateVector);
		return (this.fullState ??= encodeSyncStep2(this.doc, stateVector));
	}

	/** Log an error of a callback that leaves the room's state as it was (history, catalogue). */
	reportError(err: unknown, connection: number | null): void {
		logEvent('room error', { map: this.id, connection, error: describeError(err) });
	}

	/**
	 * Something threw in the room's own path: its state can no longer be trusted. Every socket is
	 * closed (clients reconnect and get the map reloaded from storage, which holds every edit anyone
	 * was sent); the room stores nothing more and is discarded. Other rooms carry on.
	 */
	fault(err: unknown, connection: number | null, close: { code: number; reason: string } = CLOSE.roomFault): void {
		if (this.faulted) return;
		this.faulted = true;
		logEvent('room fault', { map: this.id, connection, error: describeError(err) });
		this.closed = true;
		if (this.flushTimer) clearTimeout(this.flushTimer);
		if (this.touchTimer) clearTimeout(this.touchTimer);
		this.flushTimer = this.touchTimer = null;
		this.pendingUpdates = [];
		for (const peer of [...this.peers]) {
			try {
				peer.close(close.code, close.reason);
			} catch {
				// A peer that cannot even be closed is gone already.
			}
		}
		this.peers.clear();
		this.options.onFault?.(this, err, connection);
	}

	/** Store what is pending, compact, and free the document. */
	async close(): Promise<void> {
		if (this.faulted) return this.discard();
		if (this.closed) return;
		this.closed = true;
		if (this.flushTimer) clearTimeout(this.flushTimer);
		if (this.touchTimer) {
			clearTimeout(this.touchTimer);
			await this.touch();
		}
		for (const peer of this.peers) peer.close(CLOSE.shutdown.code, CLOSE.shutdown.reason);
		this.peers.clear();
		await this.compact();
		this.awareness.destroy();
		this.doc.destroy();
	}

	/** Free a faulted room's document without storing it (storage already holds every edit sent). */
	private async discard(): Promise<void> {
		await this.stored.catch(() => undefined);
		try {
			this.awareness.destroy();
			this.doc.destroy();
		} catch {
			// Freeing is best effort: the room is unreachable either way.
		}
	}
}

// Offline resilience for a live map: a copy of the document in the browser (IndexedDB, via
// y-indexeddb) and a connection-state tracker — connecting / connected / reconnecting / offline,
// with the number of local changes the server has not confirmed yet. No Svelte, no DOM events.
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';

export interface LocalCopy {
	/** Resolves once what this browser had kept is in the document. */
	readonly whenLoaded: Promise<void>;
	/** Stop keeping the copy (the data stays for next time). */
	destroy(): Promise<void>;
	/** Stop and delete the copy (after the server refused a change, or to forget the map). */
	clear(): Promise<void>;
}

/** The IndexedDB database name of a map's local copy. */
export function localCopyName(mapId: string): string {
	return `stackmap-map-${mapId}`;
}

/** Keep `doc` in this browser's IndexedDB (edits made offline survive a reload and sync later). */
export function keepLocalCopy(mapId: string, doc: Y.Doc): LocalCopy {
	const idb = new IndexeddbPersistence(localCopyName(mapId), doc);
	return {
		whenLoaded: idb.whenSynced.then(() => undefined),
		destroy: () => idb.destroy(),
		clear: () => idb.clearData()
	};
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SyncState {
	readonly status: ConnectionStatus;
	/** The first exchange with the server after (re)connecting is done. */
	readonly synced: boolean;
	/** Local changes (transactions) the server has not confirmed storing. */
	readonly unsynced: number;
	/** Connected, synced and nothing unconfirmed: safe to say "saved". */
	readonly saved: boolean;
}

export interface SyncTracker {
	state(): SyncState;
	/** Hear every change of state. Returns an unsubscribe function. */
	onChange(listener: (state: SyncState) => void): () => void;
	/** Tell the tracker the browser went offline/online (window 'offline'/'online' events). */
	setOnline(online: boolean): void;
	/**
	 * Hold the saved/saving state while a gesture is under way (a drag writes ten times a second:
	 * the state line would flip between "saving" and "saved" twenty times a second, each flip read
	 * out by screen readers and repainting the page in the drag's frames). While held, a change of
	 * only the count of unconfirmed changes is not reported; a change of connection is, at once.
	 * Releasing reports the state as it is then (the drop's own write is counted as usual).
	 */
	hold(held: boolean): void;
	destroy(): void;
}

export interface SyncOptions {
	/** Failed connection attempts in a row after which the state says offline (default 3). */
	offlineAfterFailures?: number;
	/** Ask the server for its state again when a change stays unconfirmed this long, ms (default 3000). */
	recheckAfterMs?: number;
}

type Ranges = Map<number, [number, number][]>;

interface Pending {
	/** Client → clock the server must have reached. */
	structs: Map<number, number>;
	/** Deleted ranges not yet seen deleted by the server. */
	deletes: Ranges;
	at: number;
}

function rangesOf(ds: { clients: Map<number, { clock: number; len: number }[]> }): Ranges {
	const out: Ranges = new Map();
	for (const [client, items] of ds.clients) if (items.length) out.set(client, items.map((d) => [d.clock, d.clock + d.len]));
	return out;
}

/** Remove from `have` every part covered by `cover` (both sorted or not; small lists). */
function subtract(have: Ranges, cover: Ranges): void {
	for (const [client, ranges] of have) {
		const by = cover.get(client);
		if (!by) continue;
		let rest = ranges;
		for (const [cs, ce] of by) {
			const next: [number, number][] = [];
			for (const [s, e] of rest) {
				if (ce <= s || cs >= e) next.push([s, e]);
				else {
					if (s < cs) next.push([s, cs]);
					if (ce < e) next.push([ce, e]);
				}
			}
			rest = next;
		}
		if (rest.length) have.set(client, rest);
		else have.delete(client);
	}
}

/**
 * Follow `provider`'s connection and count local changes of `doc` that the server has not
 * confirmed. The server broadcasts every update it stored to every connection, the sender
 * included, and its sync messages carry its state vector and its whole delete set: a local
 * change is confirmed once the server's state covers its structs and its deletions.
 */
export function trackSync(provider: WebsocketProvider, doc: Y.Doc, options: SyncOptions = {}): SyncTracker {
	const offlineAfter = options.offlineAfterFailures ?? 3;
	const recheckAfter = options.recheckAfterMs ?? 3000;
	const serverState = new Map<number, number>();
	let pending: Pending[] = [];
	let online = true;
	let everConnected = false;
	let lastRecheck = 0;
	let held = false;
	const listeners = new Set<(s: SyncState) => void>();
	let last: SyncState | null = null;

	const compute = (): SyncState => {
		const connected = provider.wsconnected;
		if (connected) everConnected = true;
		const failing = provider.wsUnsuccessfulReconnects >= offlineAfter;
		const status: ConnectionStatus = connected ? 'connected' : !online || failing ? 'offline' : everConnected ? 'reconnecting' : 'connecting';
		const synced = connected && provider.synced;
		return { status, synced, unsynced: pending.length, saved: synced && pending.length === 0 };
	};
	const emit = () => {
		const next = compute();
		if (last && next.status === last.status && next.synced === last.synced && (held || next.unsynced === last.unsynced)) return;
		last = next;
		for (const l of listeners) l(next);
	};
	const settle = () => {
		pending = pending.filter((p) => {
			for (const [client, clock] of p.structs) if ((serverState.get(client) ?? 0) < clock) return true;
			return p.deletes.size > 0;
		});
		emit();
	};
	const learnState = (client: number, clock: number) => {
		if (clock > (serverState.get(client) ?? 0)) serverState.set(client, clock);
	};

	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === provider) return;
		const meta = Y.parseUpdateMeta(update);
		const structs = new Map<number, number>();
		for (const [client, clock] of meta.to) if (clock > (serverState.get(client) ?? 0)) structs.set(client, clock);
		const deletes = rangesOf(Y.decodeUpdate(update).ds);
		if (structs.size === 0 && deletes.size === 0) return;
		pending.push({ structs, deletes, at: Date.now() });
		emit();
	};
	doc.on('update', onUpdate);

	// Read every sync message from the server before y-websocket applies it.
	const original = provider.messageHandlers[0];
	provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
		try {
			const peek = decoding.clone(decoder);
			const syncType = decoding.readVarUint(peek);
			const payload = decoding.readVarUint8Array(peek);
			if (syncType === 0) {
				for (const [client, clock] of Y.decodeStateVector(payload)) learnState(client, clock);
			} else {
				for (const [client, clock] of Y.parseUpdateMeta(payload).to) learnState(client, clock);
				if (pending.some((x) => x.deletes.size > 0)) {
					const cover = rangesOf(Y.decodeUpdate(payload).ds);
					for (const x of pending) subtract(x.deletes, cover);
				}
			}
		} catch {
			// Not ours to judge: y-websocket reports malformed messages itself.
		}
		original(encoder, decoder, p, emitSynced, type);
		settle();
	};

	const onStatus = () => emit();
	provider.on('status', onStatus);
	provider.on('sync', onStatus);
	provider.on('connection-close', onStatus);

	// A change can stay unconfirmed without anything being wrong (another person deleted the same
	// element first, so the server had nothing to broadcast): ask for the server's state again.
	const recheck = setInterval(() => {
		const ws = provider.ws;
		if (!pending.length || !provider.wsconnected || !ws || ws.readyState !== 1) return;
		const now = Date.now();
		if (now - pending[0].at < recheckAfter || now - lastRecheck < recheckAfter) return;
		lastRecheck = now;
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0); // messageSync
		syncProtocol.writeSyncStep1(e, doc);
		ws.send(encoding.toUint8Array(e));
	}, 1000);

	return {
		state: () => last ?? compute(),
		onChange(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		setOnline(value) {
			online = value;
			emit();
		},
		hold(value) {
			held = value;
			if (!held) emit();
		},
		destroy() {
			clearInterval(recheck);
			doc.off('update', onUpdate);
			provider.off('status', onStatus);
			provider.off('sync', onStatus);
			provider.off('connection-close', onStatus);
			if (provider.messageHandlers[0] !== original) provider.messageHandlers[0] = original;
			listeners.clear();
		}
	};
}

// The open rooms of a process: loads a room once (concurrent joiners wait for the same load),
// unloads it a grace period after its last peer leaves, and compacts idle maps' logs.
import type { MapStore } from '../store/types.js';
import { Room, type RoomOptions } from './room.js';
import { PEERS_FRESH_MS, type BusMessage, type RevokeMatch } from './bus.js';

/** How often an instance renews its record of its sockets on each open map. */
const PEERS_RENEW_MS = PEERS_FRESH_MS / 3;

export interface RoomsOptions extends RoomOptions {
	/** How long an empty room stays loaded, ms. */
	graceMs: number;
}

export class Rooms {
	private readonly loading = new Map<string, Promise<Room>>();
	private readonly unloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
	private readonly store: MapStore;
	private readonly options: RoomsOptions;
	/** Rooms whose sockets changed, to record for the other instances shortly (several changes, one write). */
	private readonly peersDue = new Map<string, ReturnType<typeof setTimeout>>();
	private readonly peersRenewal: ReturnType<typeof setInterval> | null = null;

	constructor(store: MapStore, options: RoomsOptions) {
		this.store = store;
		this.options = options;
		options.bus?.onResync(() => {
			for (const loading of this.loading.values()) void loading.then((room) => room.resync()).catch((err) => this.options.onError?.(err));
		});
		if (options.bus) {
			// Records go stale unless renewed (a killed instance's stop counting).
			this.peersRenewal = setInterval(() => {
				for (const loading of this.loading.values()) void loading.then((room) => room.peers.size > 0 && this.sharePeers(room)).catch(() => undefined);
			}, PEERS_RENEW_MS);
			this.peersRenewal.unref?.();
		}
	}

	private peersChanged(room: Room): void {
		if (this.peersDue.has(room.id)) return;
		const timer = setTimeout(() => {
			this.peersDue.delete(room.id);
			this.sharePeers(room);
		}, 100);
		timer.unref?.();
		this.peersDue.set(room.id, timer);
	}

	private sharePeers(room: Room): void {
		this.options.bus?.sharePeers(room.id, room.closed || room.peers.size === 0 ? null : room.peersByKey());
	}

	/** The other instances' sockets on a map per key hash (base64); empty with no other instances. */
	async peersElsewhere(id: string): Promise<Record<string, number>> {
		return (await this.options.bus?.peersElsewhere(id)) ?? {};
	}

	/**
	 * Load a room. With a bus, it subscribes first and loads second, so no edit another instance
	 * stores in between is missed (what arrives meanwhile is applied after the load; Yjs skips
	 * what the load already held); then it asks the others for their clients' presence.
	 */
	private async load(id: string): Promise<Room> {
		const bus = this.options.bus;
		if (!bus) return Room.load(id, this.store, { ...this.options, onFault: (r) => this.evict(r) });
		const options = { ...this.options, onFault: (r: Room) => this.evict(r), onPeers: (r: Room) => this.peersChanged(r) };
		const early: BusMessage[] = [];
		let room: Room | null = null;
		await bus.join(id, (message) => (room ? room.receive(message) : early.push(message)));
		try {
			room = await Room.load(id, this.store, options);
		} catch (err) {
			bus.leave(id);
			throw err;
		}
		for (const message of early) room.receive(message);
		bus.publish(id, { kind: 'hello' });
		return room;
	}

	/** Close the sockets a revocation matches, here and on every other instance; how many here. */
	async revoke(id: string, match: RevokeMatch): Promise<number> {
		this.options.bus?.publish(id, { kind: 'revoke', match });
		const room = await this.peek(id);
		return room && !room.closed ? room.closeMatching(match) : 0;
	}

	/** The room for a map, loaded from storage if it is not open. */
	open(id: string): Promise<Room> {
		const timer = this.unloadTimers.get(id);
		if (timer) {
			clearTimeout(timer);
			this.unloadTimers.delete(id);
		}
		let room = this.loading.get(id);
		if (!room) {
			room = this.load(id);
			this.loading.set(id, room);
			room.catch(() => this.loading.delete(id));
		}
		return room;
	}

	/** Forget a room that faulted: the next joiner loads the map afresh from storage. */
	private evict(room: Room): void {
		const timer = this.unloadTimers.get(room.id);
		if (timer) clearTimeout(timer);
		this.unloadTimers.delete(room.id);
		const current = this.loading.get(room.id);
		if (current) {
			void current
				.then((r) => {
					if (r !== room || this.loading.get(room.id) !== current) return;
					this.loading.delete(room.id);
					this.options.bus?.leave(room.id);
				})
				.catch(() => undefined);
		}
		void room.close().catch(() => undefined);
	}

	/** The room if it is open now (no load). */
	async peek(id: string): Promise<Room | undefined> {
		return this.loading.get(id);
	}

	get size(): number {
		return this.loading.size;
	}

	/** Call when a peer leaves: an empty room is closed after the grace period. */
	released(room: Room): void {
		if (room.peers.size > 0 || this.unloadTimers.has(room.id)) return;
		const timer = setTimeout(() => {
			this.unloadTimers.delete(room.id);
			if (room.peers.size > 0) return;
			this.loading.delete(room.id);
			this.options.bus?.leave(room.id);
			room.close().catch((err) => this.options.onError?.(err));
		}, this.options.graceMs);
		timer.unref?.();
		this.unloadTimers.set(room.id, timer);
	}

	/** Compact the logs of maps that are not open (open rooms compact themselves). */
	async compactIdle(threshold: number): Promise<number> {
		const { Doc, applyUpdate, encodeStateAsUpdate } = await import('yjs');
		let n = 0;
		for (const id of await this.store.mapsNeedingCompaction(threshold)) {
			if (this.loading.has(id)) continue;
			const stored = await this.store.loadDoc(id);
			const doc = new Doc();
			doc.transact(() => stored.updates.forEach((u) => applyUpdate(doc, u)));
			await this.store.compact(id, encodeStateAsUpdate(doc), stored.lastSeq);
			doc.destroy();
			n++;
		}
		return n;
	}

	/** Close every room (storing and compacting each). */
	async closeAll(): Promise<void> {
		if (this.peersRenewal) clearInterval(this.peersRenewal);
		for (const timer of this.peersDue.values()) clearTimeout(timer);
		this.peersDue.clear();
		for (const id of this.loading.keys()) this.options.bus?.sharePeers(id, null);
		for (const timer of this.unloadTimers.values()) clearTimeout(timer);
		this.unloadTimers.clear();
		const rooms = await Promise.allSettled([...this.loading.values()]);
		this.loading.clear();
		await Promise.all(rooms.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
	}
}

// How a room passes an edit on: stored once, sent to the others before its sender hears it back,
// and what happens when the document will not take something that was already stored and sent.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, moveComponent, readSnapshot, type ComponentId } from '../../src/lib/map/index.js';
import { Room, type Framed, type Peer } from '../../server/collab/room.js';
import type { MapStore, StoredDoc } from '../../server/store/types.js';
import { connectClient, startCollab, until } from '../helpers/collab.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A peer that records what it is sent and how it is closed. */
class FakePeer implements Peer {
	readonly awarenessIds = new Set<number>();
	readonly received: Uint8Array[] = [];
	closed: { code: number; reason: string } | null = null;
	constructor(readonly name: string) {}
	send(message: Uint8Array): void {
		this.received.push(message);
	}
	close(code: number, reason: string): void {
		this.closed = { code, reason };
	}
}

/** A store holding `stored` for every map, making appends durable at once (as the edit journal does). */
function memoryStore(stored: Uint8Array[]): MapStore & { appended: Uint8Array[] } {
	const appended: Uint8Array[] = [];
	let seq = stored.length;
	return {
		appended,
		createMap: async () => undefined,
		getMap: async () => null,
		setKeyHash: async () => undefined,
		touchMap: async () => undefined,
		loadDoc: async (): Promise<StoredDoc> => ({ updates: [...stored], lastSeq: stored.length }),
		appendUpdate: async (_id, update) => {
			appended.push(update);
			return ++seq;
		},
		appendDurable: (_id, update) => {
			appended.push(update);
			return ++seq;
		},
		compact: async () => undefined,
		countUpdates: async () => appended.length,
		mapsNeedingCompaction: async () => [],
		close: async () => undefined
	};
}

const OPTIONS = { broadcastMs: 15, compactEvery: 10_000 };

function componentUpdate(name: string): Uint8Array {
	const doc = new Y.Doc();
	addComponent(doc, { name });
	return Y.encodeStateAsUpdate(doc);
}

describe('relaying an edit', () => {
	it('sends it to everyone else before its sender hears it back, and stores it once', async () => {
		const s = await startCollab();
		cleanup.push(() => s.close());
		const { id, keys } = await s.app.createMap({ title: 'Relay order' });
		const [a, b, c] = [await connectClient(s.url, id, keys.participant), await connectClient(s.url, id, keys.participant), await connectClient(s.url, id, keys.participant)];
		cleanup.push(() => [a, b, c].forEach((p) => p.destroy()));
		const added = addComponent(a.doc, { name: 'Payments' });
		await until(() => [b, c].every((p) => readSnapshot(p.doc).components.length === 1), 3000, 'the component reaches everyone');

		// Record, in the server, the order the room writes a's next edit to its three connections.
		const room = await s.app.rooms.open(id);
		const order: string[] = [];
		const whose = new Map<Peer, string>();
		for (const peer of room.peers) {
			const name = peer === [...room.peers][0] ? 'a' : `other ${whose.size}`;
			whose.set(peer, name);
			const sendFramed = peer.sendFramed?.bind(peer);
			peer.sendFramed = (list: readonly Framed[]) => {
				order.push(whose.get(peer)!);
				sendFramed?.(list);
			};
		}
		const before = (await s.app.store.loadDoc(id)).updates.length;
		moveComponent(a.doc, added as ComponentId, { evolution: 0.8, visibility: 0.3 });
		await until(() => [b, c].every((p) => readSnapshot(p.doc).components[0]?.evolution === 0.8), 3000, 'the move reaches the others');
		await until(() => order.length === 3, 3000, 'the sender hears its move back');
		// a joined first; its own edit still reaches it last.
		expect(order).toEqual(['other 1', 'other 2', 'a']);
		expect(readSnapshot(room.doc).components[0].evolution).toBe(0.8);
		expect((await s.app.store.loadDoc(id)).updates.length - before, 'rows stored for one move').toBe(1);
	});

	it('sends a checked edit before the document integrates it, then applies it', async () => {
		const store = memoryStore([]);
		const room = await Room.load('m1', store, OPTIONS);
		const [sender, other] = [new FakePeer('sender'), new FakePeer('other')];
		room.addPeer(sender);
		room.addPeer(other);
		const update = componentUpdate('Housing');
		let componentsWhenSent = -1;
		other.send = (message) => {
			componentsWhenSent = readSnapshot(room.doc).components.length;
			other.received.push(message);
		};
		const stored = store.appended.length;
		room.applyEdit(sender, update);
		expect(componentsWhenSent, 'components in the server copy when the edit went out').toBe(0);
		expect(readSnapshot(room.doc).components.map((c) => c.name)).toEqual(['Housing']);
		expect(store.appended.length - stored, 'updates stored').toBe(1);
		expect(other.received).toHaveLength(1);
		expect(sender.received).toHaveLength(1);
	});

	it('drops everyone to resync when the document refuses an edit that already went out', async () => {
		const errors: unknown[] = [];
		const room = await Room.load('m2', memoryStore([]), { ...OPTIONS, onError: (err) => errors.push(err) });
		const peers = [new FakePeer('sender'), new FakePeer('other')];
		for (const p of peers) room.addPeer(p);
		// Not an update at all: the guard would have refused it; here it stands for anything Yjs throws on.
		expect(() => room.applyEdit(peers[0], new Uint8Array([1, 1, 200]))).toThrow();
		expect(peers.map((p) => p.closed?.code)).toEqual([1011, 1011]);
		expect(errors).toHaveLength(1);
	});

	it('loads a map past a stored update the document cannot take, and reports it', async () => {
		const errors: unknown[] = [];
		const stored = [componentUpdate('Planning'), new Uint8Array([1, 1, 200]), componentUpdate('Waste')];
		const room = await Room.load('m3', memoryStore(stored), { ...OPTIONS, onError: (err) => errors.push(err) });
		expect(readSnapshot(room.doc).components.map((c) => c.name).sort()).toEqual(['Planning', 'Waste']);
		expect(errors).toHaveLength(1);
	});
});

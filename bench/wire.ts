// Wire-level propagation of Yjs edits between real y-websocket clients, for the relay and soak
// benchmarks: senders note their clock and the time after each edit; receivers read every sync
// message before y-websocket applies it, so an edit's latency is (first frame carrying it) − (sent).
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { Histogram } from './histogram.js';

export { Histogram };

/** Call `onUpdate(payload)` for every sync update (and step 2) a provider receives, before it is applied. */
export function tapUpdates(provider: WebsocketProvider, onUpdate: (payload: Uint8Array) => void): void {
	const original = provider.messageHandlers[0];
	provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
		const peek = decoding.clone(decoder);
		const syncType = decoding.readVarUint(peek);
		if (syncType === 1 || syncType === 2) onUpdate(decoding.readVarUint8Array(peek));
		original(encoder, decoder, p, emitSynced, type);
	};
}

/** Send → receive latency of senders' edits in every receiver, over a recording window. */
export class WireLatency {
	latencies = new Histogram();
	recording = false;
	private readonly sent = new Map<number, { clock: number; at: number }[]>();
	private readonly seen = new Map<string, { to: number; next: number }>();
	private readonly metaCache = new Map<string, ReturnType<typeof Y.parseUpdateMeta>>();

	/** Open a window: every receiver is expected to get every sender's edits from their current clock on. */
	start(receivers: readonly number[], senders: readonly Y.Doc[]): void {
		this.latencies = new Histogram();
		this.sent.clear();
		this.seen.clear();
		for (const s of senders) {
			this.sent.set(s.clientID, []);
			for (const r of receivers) if (r !== s.clientID) this.seen.set(`${r}:${s.clientID}`, { to: Y.getState(s.store, s.clientID), next: 0 });
		}
		this.recording = true;
	}

	/** Call right after `doc` made an edit. */
	onSent(doc: Y.Doc): void {
		if (this.recording) this.sent.get(doc.clientID)?.push({ clock: Y.getState(doc.store, doc.clientID), at: performance.now() });
	}

	/** Call with each update payload receiver `receiver` gets (see tapUpdates). */
	onMessage(receiver: number, payload: Uint8Array): void {
		if (!this.recording) return;
		const at = performance.now();
		const meta = this.meta(payload);
		for (const [client, to] of meta.to) {
			const log = this.sent.get(client);
			const seen = this.seen.get(`${receiver}:${client}`);
			if (!log || !seen || to <= seen.to) continue;
			seen.to = to;
			while (seen.next < log.length && log[seen.next].clock <= to) this.latencies.add(at - log[seen.next++].at);
		}
	}

	/** Edits sent in the window that some receiver has not had (yet). */
	lost(): number {
		let n = 0;
		for (const [key, seen] of this.seen) n += this.sent.get(Number(key.split(':')[1]))!.length - seen.next;
		return n;
	}

	/** A relay sends the same frame to every client: parse each distinct payload once. */
	private meta(payload: Uint8Array): ReturnType<typeof Y.parseUpdateMeta> {
		const key = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('latin1');
		let meta = this.metaCache.get(key);
		if (!meta) {
			meta = Y.parseUpdateMeta(payload);
			if (this.metaCache.size > 1000) this.metaCache.clear();
			this.metaCache.set(key, meta);
		}
		return meta;
	}
}

/** Run `tick()` every `1000 / hz` ms, starting at a staggered phase, until the returned stop is called. */
export function every(hz: number, phase: number, tick: () => void): () => void {
	let timer: ReturnType<typeof setInterval> | null = null;
	const start = setTimeout(() => (timer = setInterval(tick, 1000 / hz)), phase % (1000 / hz));
	return () => {
		clearTimeout(start);
		if (timer) clearInterval(timer);
	};
}

// A bare y-websocket peer for permission tests: it syncs a local Y.Doc from the server but sends
// only the frames a test hands it, so a test can craft exactly the update or presence it wants.
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';

export interface RawClient {
	readonly ws: WebSocket;
	readonly doc: Y.Doc;
	/** Reasons of permission-denied messages received, in order. */
	readonly denied: string[];
	/** Sync update frames received (after the initial sync). */
	readonly updates: Uint8Array[];
	/** Raw awareness updates received. */
	readonly awareness: Uint8Array[];
	readonly closed: Promise<{ code: number; reason: string }>;
	/** Send a Yjs update as a sync update message. */
	sendUpdate(update: Uint8Array): void;
	/** Send an awareness update (y-protocols/awareness encoding). */
	sendAwareness(update: Uint8Array): void;
	close(): void;
}

/** The update `change` makes on `doc` (not sent anywhere). */
export function capture(doc: Y.Doc, change: () => void): Uint8Array {
	const updates: Uint8Array[] = [];
	const on = (u: Uint8Array) => updates.push(u);
	doc.on('update', on);
	try {
		change();
	} finally {
		doc.off('update', on);
	}
	return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}

/** Connect to `${url}/${id}?key=…&name=…` and resolve once the server's state is in `doc`. */
export function rawClient(url: string, id: string, key: string, name?: string): Promise<RawClient> {
	const qs = new URLSearchParams({ key });
	if (name !== undefined) qs.set('name', name);
	const ws = new WebSocket(`${url}/${id}?${qs}`);
	const doc = new Y.Doc();
	const denied: string[] = [];
	const updates: Uint8Array[] = [];
	const awareness: Uint8Array[] = [];
	const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
	const frame = (type: number, write: (e: encoding.Encoder) => void) => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, type);
		write(e);
		ws.send(encoding.toUint8Array(e));
	};
	return new Promise((resolve, reject) => {
		let synced = false;
		ws.once('error', reject);
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
		ws.on('open', () => frame(0, (e) => syncProtocol.writeSyncStep1(e, doc)));
		ws.on('message', (data: Buffer) => {
			const d = decoding.createDecoder(new Uint8Array(data));
			const type = decoding.readVarUint(d);
			if (type === 0) {
				const sub = decoding.readVarUint(d);
				const payload = decoding.readVarUint8Array(d);
				if (sub === 0) return; // the server's step 1: we only send what a test asks for
				Y.applyUpdate(doc, payload, 'server');
				if (sub === 2) updates.push(payload);
				if (sub === 1 && !synced) {
					synced = true;
					resolve(client);
				}
			} else if (type === 1) {
				awareness.push(decoding.readVarUint8Array(d));
			} else if (type === 2) {
				if (decoding.readVarUint(d) === 0) denied.push(decoding.readVarString(d));
			}
		});
		const client: RawClient = {
			ws,
			doc,
			denied,
			updates,
			awareness,
			closed,
			sendUpdate: (update) => frame(0, (e) => syncProtocol.writeUpdate(e, update)),
			sendAwareness: (update) => frame(1, (e) => encoding.writeVarUint8Array(e, update)),
			close: () => ws.close()
		};
	});
}

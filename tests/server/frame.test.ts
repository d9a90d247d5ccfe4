// A broadcast is framed once and the same bytes written to every socket (framedMessage): a stock
// ws client must read each frame length class (7-bit, 16-bit, 64-bit) and each payload length
// (varuint of 1–3 bytes) as exactly the message lib0 / y-protocols encode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, framedMessage } from '../../server/collab/protocol.js';

/** The y-websocket messages as y-protocols builds them. */
function encodeUpdate(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_SYNC);
	syncProtocol.writeUpdate(e, update);
	return encoding.toUint8Array(e);
}
function encodeAwareness(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}

let wss: WebSocketServer;
let port: number;

beforeAll(async () => {
	wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise<void>((r) => wss.on('listening', () => r()));
	port = (wss.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => wss.close(() => r())));

// Payload sizes at every boundary: message length 125 / 126 and 65,535 / 65,536 (frame header),
// payload length 127 / 128 and 16,383 / 16,384 (varuint bytes), and a large one.
const SIZES = [0, 1, 122, 123, 124, 127, 128, 16_383, 16_384, 65_530, 65_531, 65_532, 65_533, 300_000];

describe('framedMessage', () => {
	for (const [name, type, encode] of [
		['sync update', MESSAGE_SYNC, encodeUpdate],
		['awareness', MESSAGE_AWARENESS, encodeAwareness]
	] as const) {
		it.each(SIZES)(`a ${name} with a %i-byte payload arrives as the encoded message`, async (size) => {
			const payload = new Uint8Array(size).map((_, i) => (i * 31 + size) & 0xff);
			const expected = encode(payload);
			const framed = framedMessage(type, payload);
			expect(Buffer.compare(Buffer.from(framed.message), Buffer.from(expected))).toBe(0);
			const server = new Promise<WebSocket>((r) => wss.once('connection', r));
			const client = new WebSocket(`ws://127.0.0.1:${port}`);
			const received = new Promise<Buffer>((r) => client.once('message', (data) => r(data as Buffer)));
			const socket = (await server) as unknown as { _socket: { write(b: Buffer): boolean } };
			socket._socket.write(framed.frame);
			const got = await received;
			expect(got.length).toBe(expected.length);
			expect(Buffer.compare(got, Buffer.from(expected))).toBe(0);
			client.close();
		});
	}
});

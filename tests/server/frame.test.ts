// A broadcast is framed once and the same bytes written to every socket (binaryFrame): a stock ws
// client must read each length class (7-bit, 16-bit, 64-bit) as the exact message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { binaryFrame } from '../../server/collab/protocol.js';

let wss: WebSocketServer;
let port: number;

beforeAll(async () => {
	wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise<void>((r) => wss.on('listening', () => r()));
	port = (wss.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => wss.close(() => r())));

describe('binaryFrame', () => {
	it.each([0, 1, 125, 126, 65_535, 65_536, 300_000])('a %i-byte message arrives intact', async (size) => {
		const message = new Uint8Array(size).map((_, i) => (i * 31 + size) & 0xff);
		const server = new Promise<WebSocket>((r) => wss.once('connection', r));
		const client = new WebSocket(`ws://127.0.0.1:${port}`);
		const received = new Promise<Buffer>((r) => client.once('message', (data) => r(data as Buffer)));
		const socket = (await server) as unknown as { _socket: { write(b: Buffer): boolean } };
		socket._socket.write(binaryFrame(message));
		const got = await received;
		expect(got.length).toBe(size);
		expect(Buffer.compare(got, Buffer.from(message))).toBe(0);
		client.close();
	});
});

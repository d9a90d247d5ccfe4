// Presence after a reconnect over a half-open socket: the server still believes the old socket is
// alive (no close ever reached it), the client has already connected again. Its presence must
// follow the new socket at once, survive the old socket being dropped, and stay out of reach of
// other people in the room.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { joinMap, type JoinOptions, type LiveMap } from '../../src/lib/collab/live.js';
import { PROBE_MS } from '../../server/collab/connection.js';
import { encodeAwarenessEntries } from '../../server/collab/protocol.js';
import { startCollab, until, type TestServer } from '../helpers/collab.js';
import { rawClient } from '../helpers/raw.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

function options(s: TestServer, id: string, key: string, name: string): JoinOptions {
	return { id, key, name, url: s.url, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket };
}

async function join(o: JoinOptions): Promise<LiveMap> {
	const live = joinMap(o);
	open.push({ close: () => live.destroy() });
	await until(() => live.sync.state().saved, 3000, 'first sync');
	return live;
}

type Cursor = { evolution: number; visibility: number } | null | undefined;
const cursorOf = (live: LiveMap, clientId: number): Cursor => (live.provider.awareness.getStates().get(clientId) as { cursor?: Cursor } | undefined)?.cursor;

/** Cut `live`'s socket off without the server hearing (no close frame, no pongs), and connect again. */
function goHalfOpen(live: LiveMap): void {
	const socket = (live.provider.ws as unknown as { _socket: { pause(): void; cork(): void } })._socket;
	socket.pause(); // reads nothing: pings go unanswered
	socket.cork(); // writes nothing: the close frame never leaves
	live.provider.disconnect();
	live.provider.connect();
}

describe('presence after a reconnect', () => {
	it('follows the client to its new socket at once and outlives the old, half-open one', async () => {
		const s = await startCollab();
		open.push(s);
		const { id, keys } = await s.app.createMap({ title: 'Reconnect' });
		const room = await s.app.rooms.open(id);
		const watcher = await join(options(s, id, keys.facilitator, 'Fay'));
		const ana = await join(options(s, id, keys.participant, 'Ana'));
		const me = ana.presence.clientId;
		ana.presence.moveCursor({ evolution: 0.1, visibility: 0.1 });
		await until(() => cursorOf(watcher, me)?.evolution === 0.1, 2000, 'first cursor');

		goHalfOpen(ana);
		await until(() => ana.provider.wsconnected && ana.provider.synced, 3000, 'reconnected');
		expect(room.peers.size).toBe(3); // the old socket is still there as far as the server knows
		await new Promise((r) => setTimeout(r, 80)); // past the cursor throttle
		ana.presence.moveCursor({ evolution: 0.7, visibility: 0.3 });
		await until(() => cursorOf(watcher, me)?.evolution === 0.7, 1000, 'the cursor moves from the new socket');

		// The old socket does not answer the server's ping: dropped soon, and Ana's presence stays.
		await until(() => room.peers.size === 2, PROBE_MS + 3000, 'the half-open socket is dropped');
		await new Promise((r) => setTimeout(r, 100));
		expect(cursorOf(watcher, me)).toEqual({ evolution: 0.7, visibility: 0.3 });
		ana.presence.moveCursor({ evolution: 0.5, visibility: 0.5 });
		await until(() => cursorOf(watcher, me)?.evolution === 0.5, 1000, 'and keeps moving');
	}, 20_000);

	it('keeps presence out of reach of others: relays and other names are skipped, and a live owner is never dropped', async () => {
		const s = await startCollab();
		open.push(s);
		const { id, keys } = await s.app.createMap({ title: 'Hijack' });
		const room = await s.app.rooms.open(id);
		const ana = await join(options(s, id, keys.participant, 'Ana'));
		const me = ana.presence.clientId;
		ana.presence.moveCursor({ evolution: 0.1, visibility: 0.1 });
		await until(() => (room.awareness.getStates().get(me) as { cursor?: Cursor })?.cursor?.evolution === 0.1, 2000, 'presence');
		const clock = room.awareness.meta.get(me)!.clock;
		const entry = (c: number, x: number) => encodeAwarenessEntries([{ clientId: me, clock: c, json: JSON.stringify({ user: { name: 'Ana' }, cursor: { evolution: x, visibility: x } }) }]);

		// Someone with another name, even with a newer clock: skipped.
		const eve = await rawClient(s.url, id, keys.participant, 'Eve');
		open.push({ close: () => eve.close() });
		eve.sendAwareness(entry(clock + 5, 0.9));
		// Someone with the same name relaying what the server sent (the same clock): skipped.
		const echo = await rawClient(s.url, id, keys.participant, 'Ana');
		open.push({ close: () => echo.close() });
		echo.sendAwareness(entry(clock, 0.8));
		echo.sendAwareness(encodeAwarenessEntries([{ clientId: echo.doc.clientID, clock: 1, json: '{}' }]));
		await until(() => room.awareness.getStates().has(echo.doc.clientID), 2000, 'the echo’s own presence');
		expect((room.awareness.getStates().get(me) as { cursor?: Cursor }).cursor).toEqual({ evolution: 0.1, visibility: 0.1 });
		expect((room.awareness.getStates().get(me) as { user: { name: string } }).user.name).toBe('Ana');

		// The same link and name with a newer clock is taken for Ana's reconnect; her live socket
		// answers the server's ping, so it is not dropped, and her next change takes presence back.
		echo.sendAwareness(entry(clock + 1, 0.6));
		await until(() => (room.awareness.getStates().get(me) as { cursor?: Cursor })?.cursor?.evolution === 0.6, 2000, 'taken over');
		await new Promise((r) => setTimeout(r, PROBE_MS + 500));
		expect(ana.provider.wsconnected).toBe(true);
		expect(room.peers.size).toBe(3);
		ana.presence.moveCursor({ evolution: 0.2, visibility: 0.2 });
		await until(() => (room.awareness.getStates().get(me) as { cursor?: Cursor })?.cursor?.evolution === 0.2, 2000, 'Ana’s own change wins it back');
	}, 20_000);
});

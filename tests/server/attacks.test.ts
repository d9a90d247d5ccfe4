// The attacks of issue 19 against the real server over real websockets, each as an anonymous or
// ordinary user could send it: the server refuses or closes that one connection, other rooms and
// other people carry on, nothing refused is stored. docs/security.md lists them.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { addComponent, addNote, lockElements, readSnapshot, renameComponent, type ComponentId } from '../../src/lib/map/index.js';
import { REFUSED } from '../../server/collab/guard.js';
import { VIEW_ONLY_REASON } from '../../server/collab/connection.js';
import { CLOSE, encodeAwarenessEntries } from '../../server/collab/protocol.js';
import { readUpdateShape } from '../../server/collab/update-shape.js';
import type { Config } from '../../server/config.js';
import { startCollab, until, type TestServer } from '../helpers/collab.js';
import { capture, rawClient, type RawClient } from '../helpers/raw.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setup(overrides: Partial<Config> = {}) {
	const s = await startCollab(overrides);
	open.push(s);
	const { id, keys } = await s.app.createMap({ title: 'Target' });
	const other = await s.app.createMap({ title: 'Another council' });
	return { s, id, keys, other };
}

async function raw(s: TestServer, id: string, key: string, name?: string): Promise<RawClient> {
	const c = await rawClient(s.url, id, key, name);
	open.push(c);
	return c;
}

/** A writer in another room adds a component and hears it back: that room still works. */
async function otherRoomWorks(s: TestServer, other: { id: string; keys: Record<string, string> }, name: string): Promise<void> {
	const a = await raw(s, other.id, other.keys.facilitator);
	const b = await raw(s, other.id, other.keys.participant);
	a.sendUpdate(capture(a.doc, () => void addComponent(a.doc, { name })));
	await until(() => readSnapshot(b.doc).components.some((c) => c.name === name), 5000, `“${name}” in the other room`);
}

function closedWith(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** `depth` nested arrays around `inner`, as JSON text. */
const nested = (depth: number, inner = '0') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('presence (attack 1)', () => {
	it('closes a connection whose presence state nests thousands deep; the room and the process carry on', async () => {
		const { s, id, keys, other } = await setup();
		const watcher = await raw(s, id, keys.participant, 'Watcher');
		const room = (await s.app.rooms.peek(id))!;
		const v = await raw(s, id, keys.viewer);
		// Under the 16 KB presence cap: an anonymous viewer's one message, naming itself as the server
		// would (so nothing rewrites it on the way in).
		const json = `{"user":{"name":"Anonymous","role":"viewer"},"cursor":${nested(8000)}}`;
		expect(json.length).toBeLessThan(16 * 1024);
		v.sendAwareness(encodeAwarenessEntries([{ clientId: v.doc.clientID, clock: 1, json }]));
		const closed = await v.closed;
		expect([CLOSE.malformed.code, CLOSE.presenceMalformed.code]).toContain(closed.code);
		expect(room.awareness.getStates().has(v.doc.clientID)).toBe(false);
		// Past the broadcast window (when presence used to be re-encoded): the room still relays.
		await new Promise((r) => setTimeout(r, 50));
		watcher.sendUpdate(capture(watcher.doc, () => void addComponent(watcher.doc, { name: 'Still here' })));
		await until(() => readSnapshot(room.doc).components.some((c) => c.name === 'Still here'), 3000, 'the room applies edits');
		await otherRoomWorks(s, other, 'Other room fine');
	});

	it('relays only the known presence fields, bounded, and never what a client nests inside them', async () => {
		const { s, id, keys } = await setup();
		const listener = await raw(s, id, keys.participant, 'Listener');
		const p = await raw(s, id, keys.participant, 'Ana');
		const state = {
			user: { name: 'Someone else', role: 'facilitator', colour: '#1d70b8', extra: nested(3) },
			cursor: { evolution: 0.5, visibility: 0.25, deep: [[0]] },
			selection: ['a', 7, { x: 1 }, 'b'.repeat(100), ...Array.from({ length: 2000 }, (_, i) => `c${i}`)],
			dragging: 'not a list',
			viewport: { evolution: 'x', visibility: 1, zoom: 1 },
			status: 'idle',
			script: '<script>alert(1)</script>',
			nested: [[0]]
		};
		p.sendAwareness(encodeAwarenessEntries([{ clientId: p.doc.clientID, clock: 1, json: JSON.stringify(state) }]));
		await until(() => listener.awareness.length > 0, 3000, 'presence relayed');
		const room = (await s.app.rooms.peek(id))!;
		const relayed = room.awareness.getStates().get(p.doc.clientID)!;
		expect(Object.keys(relayed).sort()).toEqual(['cursor', 'dragging', 'selection', 'status', 'user', 'viewport']);
		expect(relayed.user).toEqual({ name: 'Ana', role: 'participant', colour: '#1d70b8' });
		expect(relayed.cursor).toEqual({ evolution: 0.5, visibility: 0.25 });
		expect(relayed.selection[0]).toBe('a');
		expect(relayed.selection.every((x: unknown) => typeof x === 'string' && x.length <= 64)).toBe(true);
		expect(relayed.selection.length).toBeLessThanOrEqual(500);
		expect(relayed.dragging).toEqual([]);
		expect(relayed.viewport).toBeNull();
		expect(relayed.status).toBe('idle');
	});

	it('closes a connection whose presence is not an object', async () => {
		const { s, id, keys } = await setup();
		const p = await raw(s, id, keys.participant);
		p.sendAwareness(encodeAwarenessEntries([{ clientId: p.doc.clientID, clock: 1, json: '"just a string"' }]));
		expect(await p.closed).toEqual({ code: CLOSE.presenceMalformed.code, reason: CLOSE.presenceMalformed.reason });
	});
});

/** An update from a fresh client that nests `depth` Y.Maps under one component. */
function nestUpdate(depth: number, under: 'element' | 'root' = 'element'): Uint8Array {
	const doc = new Y.Doc();
	// One transaction: one update, as an attacker would send it.
	return capture(doc, () => doc.transact(() => {
		let m: Y.Map<unknown> = doc.getMap('components');
		if (under === 'element') {
			const element = new Y.Map<unknown>();
			m.set('nest00000000', element);
			m = element;
		}
		for (let i = 0; i < depth; i++) {
			const next = new Y.Map<unknown>();
			m.set('k', next);
			m = next;
		}
	}));
}

describe('updates (attack 2: nesting)', () => {
	it('refuses an update nesting 30,000 maps at once, without exhausting memory; the server goes on', async () => {
		const { s, id, keys, other } = await setup();
		const f = await raw(s, id, keys.facilitator);
		const update = nestUpdate(30_000);
		expect(update.byteLength).toBeGreaterThan(300_000);
		f.sendUpdate(update);
		await until(() => f.denied.length > 0, 10_000, 'refusal');
		expect(f.denied[0]).toBe(REFUSED.notMap);
		const room = (await s.app.rooms.peek(id))!;
		expect(room.doc.getMap('components').size).toBe(0);
		expect((await s.app.store.loadDoc(id)).updates.every((u) => !Y.decodeUpdate(u).structs.some((st) => st instanceof Y.Item && st.parentSub === 'k'))).toBe(true);
		await otherRoomWorks(s, other, 'After the nest');
	});

	it('refuses a nest from its bytes alone, before decoding it', async () => {
		const { s, id, keys } = await setup();
		const f = await raw(s, id, keys.facilitator);
		const update = nestUpdate(15_000);
		// Refused from its bytes: the shape pass (which runs before any decoding) says so.
		expect(() => readUpdateShape(update)).toThrow(expect.objectContaining({ name: 'ShapeError', kind: 'schema' }));
		for (let i = 0; i < 40; i++) f.sendUpdate(update);
		expect((await f.closed).code).toBe(CLOSE.refusedFlood.code);
		expect(f.denied[0]).toBe(REFUSED.notMap);
	});

	it('refuses any type nested deeper than the schema: a map inside a field, a map in the settings', async () => {
		const { s, id, keys } = await setup();
		const doc = new Y.Doc();
		const inSettings = capture(doc, () => doc.getMap('meta').set('title', new Y.Map()));
		// Each from its own connection: a connection hears the same reason at most once a second.
		for (const update of [nestUpdate(1), nestUpdate(8000), inSettings]) {
			const f = await raw(s, id, keys.facilitator);
			f.sendUpdate(update);
			await until(() => f.denied.length > 0, 5000, 'refusal');
			expect(f.denied[0]).toBe(REFUSED.notMap);
		}
		const room = (await s.app.rooms.peek(id))!;
		expect(room.doc.getMap('components').size).toBe(0);
		expect(room.doc.store.pendingStructs).toBeNull();
	});
});

/** One v1 update holding the client blocks of `updates` (each a single-block update) in order, and the last one's delete set. */
function blocksAsOne(updates: Uint8Array[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, updates.length);
	for (const u of updates) {
		const shape = readUpdateShape(u);
		expect(shape.blocks).toHaveLength(1);
		encoding.writeUint8Array(e, u.subarray(shape.blocks[0].start, shape.blocks[0].end));
	}
	const last = updates[updates.length - 1];
	const shape = readUpdateShape(last);
	encoding.writeUint8Array(e, last.subarray(shape.deleteSet.start, shape.deleteSet.end));
	return encoding.toUint8Array(e);
}

describe('updates (attack 4: several blocks for one client)', () => {
	it('refuses an update with two blocks for one client, so a later harmless block cannot release a locked rename', async () => {
		const { s, id, keys } = await setup();
		const f = await raw(s, id, keys.facilitator);
		let target = '' as ComponentId;
		f.sendUpdate(capture(f.doc, () => (target = addComponent(f.doc, { name: 'Revenues and Benefits' }))));
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 1, 3000, 'component');

		const p = await raw(s, id, keys.participant);
		await until(() => readSnapshot(p.doc).components.length === 1, 3000, 'participant synced');
		const harmless = capture(p.doc, () => void addNote(p.doc, { text: 'harmless', evolution: 0.2, visibility: 0.2 }));
		const rename = capture(p.doc, () => renameComponent(p.doc, target, 'Defaced'));
		p.sendUpdate(blocksAsOne([harmless, rename]));
		await until(() => p.denied.length > 0, 3000, 'refusal');
		expect(room.doc.store.pendingStructs).toBeNull();

		// The facilitator locks it; the first block alone would once have released the held rename.
		f.sendUpdate(capture(f.doc, () => lockElements(f.doc, [target])));
		await until(() => room.doc.getMap('workshop').size > 0, 3000, 'lock');
		p.sendUpdate(harmless);
		await until(() => readSnapshot(room.doc).notes.length === 1, 3000, 'the harmless block applied');
		await room.whenStored();
		expect(readSnapshot(room.doc).components[0].name).toBe('Revenues and Benefits');
		expect(room.doc.store.pendingStructs).toBeNull();
		const stored = new Y.Doc();
		for (const u of (await s.app.store.loadDoc(id)).updates) Y.applyUpdate(stored, u);
		expect(readSnapshot(stored).components[0].name).toBe('Revenues and Benefits');
	});
});

/** Notes of 9,000 characters (the model allows 10,000) adding up to about `bytes`, in one transaction. */
function addNotes(doc: Y.Doc, bytes: number): void {
	doc.transact(() => {
		for (let i = 0; i * 9000 < bytes; i++) addNote(doc, { text: `${i} `.padEnd(9000, 'n'), evolution: 0.5, visibility: 0.5 });
	});
}

describe('updates (attack 7: refused updates are cheap and end the connection)', () => {
	const bigUpdate = (bytes: number) => {
		const doc = new Y.Doc();
		return capture(doc, () => addNotes(doc, bytes));
	};

	it('a viewer sending big updates over and over is told once, then closed (1008)', async () => {
		const { s, id, keys, other } = await setup();
		const v = await raw(s, id, keys.viewer);
		const update = bigUpdate(1024 * 1024);
		let sent = 0;
		while (v.ws.readyState === WebSocket.OPEN && sent < 50) {
			v.sendUpdate(update);
			sent++;
			await new Promise((r) => setTimeout(r, 5));
		}
		const closed = await v.closed;
		expect(closed.code).toBe(1008);
		expect(sent).toBeLessThan(50);
		expect(v.denied).toEqual([VIEW_ONLY_REASON]);
		await otherRoomWorks(s, other, 'Viewer gone');
	});

	it('a writer sending updates bigger than a map may be is refused without decoding and then closed', async () => {
		const { s, id, keys } = await setup({ maxDocBytes: 512 * 1024, bytesPerSecond: 64 * 1024 * 1024, byteBurst: 256 * 1024 * 1024 });
		const f = await raw(s, id, keys.facilitator);
		const update = bigUpdate(600 * 1024);
		for (let i = 0; i < 20 && f.ws.readyState === WebSocket.OPEN; i++) f.sendUpdate(update);
		expect(await f.closed).toEqual({ code: CLOSE.refusedFlood.code, reason: CLOSE.refusedFlood.reason });
		expect(f.denied[0]).toMatch(/size limit/);
		expect((await s.app.rooms.peek(id))!.doc.getMap('notes').size).toBe(0);
	});

	it('reconnecting does not refill the byte rate: it is kept per address, and a spent address waits (429)', async () => {
		const { s, id, keys } = await setup({ bytesPerSecondPerIp: 64 * 1024, byteBurstPerIp: 1024 * 1024 });
		const update = bigUpdate(300 * 1024);
		let sent = 0;
		let refused = false;
		for (let connections = 0; connections < 10 && !refused; connections++) {
			const v = await raw(s, id, keys.viewer).catch((err: Error) => err);
			if (v instanceof Error) {
				expect(v.message).toBe('HTTP 429');
				refused = true;
				break;
			}
			v.sendUpdate(update);
			sent++;
			const closed = await Promise.race([v.closed, new Promise<null>((r) => setTimeout(() => r(null), 300))]);
			if (closed) expect(closed).toEqual({ code: CLOSE.rateLimited.code, reason: CLOSE.rateLimited.reason });
		}
		// About a megabyte gets through, however many connections it is spread over; then the address waits.
		expect(sent).toBeLessThanOrEqual(5);
		expect(refused).toBe(true);
	});

	it('a connection sending past its byte rate is closed (1008)', async () => {
		const { s, id, keys } = await setup({ bytesPerSecond: 256 * 1024, byteBurst: 1024 * 1024 });
		const p = await raw(s, id, keys.participant);
		const update = bigUpdate(300 * 1024);
		for (let i = 0; i < 10 && p.ws.readyState === WebSocket.OPEN; i++) p.sendUpdate(update);
		expect(await p.closed).toEqual({ code: CLOSE.rateLimited.code, reason: CLOSE.rateLimited.reason });
	});
});

/** A websocket that joins, then never reads again. */
async function stalled(s: TestServer, id: string, key: string): Promise<WebSocket> {
	const ws = new WebSocket(`${s.url}/${id}?key=${key}`);
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	(ws as unknown as { _socket: { pause(): void } })._socket.pause();
	open.push({ close: () => ws.terminate() });
	return ws;
}

const step1 = (): Uint8Array => {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	syncProtocol.writeSyncStep1(e, new Y.Doc());
	return encoding.toUint8Array(e);
};

describe('sockets that never read (attack 6)', () => {
	it('keeps every queued byte within the process budget and drops the slowest readers; other rooms carry on', async () => {
		const budget = 24 * 1024 * 1024;
		const { s, id, keys, other } = await setup({ maxDocBytes: 16 * 1024 * 1024, maxBufferedTotalBytes: budget });
		// A map of about 6 MB, built on the server.
		const doc = new Y.Doc();
		addNotes(doc, 6 * 1024 * 1024);
		const big = await s.app.createMap({ title: 'Big', doc });
		const rssBefore = process.memoryUsage().rss;
		const sockets: WebSocket[] = [];
		for (let i = 0; i < 40; i++) sockets.push(await stalled(s, big.id, big.keys.viewer));
		for (const ws of sockets) for (let i = 0; i < 2; i++) ws.send(step1());
		const room = (await s.app.rooms.peek(big.id))!;
		let worst = 0;
		const stop = Date.now() + 3000;
		while (Date.now() < stop) {
			let queued = 0;
			// Connections being dropped (closing) hold their queue only until they are cut off.
			for (const c of room.peers) {
				const conn = c as unknown as { bufferedAmount: number; ws: WebSocket };
				if (conn.ws.readyState === WebSocket.OPEN) queued += conn.bufferedAmount;
			}
			worst = Math.max(worst, queued);
			await new Promise((r) => setTimeout(r, 20));
		}
		// One reply past the budget at most (it is admitted, then the next sweep drops the slowest).
		expect(worst).toBeLessThanOrEqual(budget + 8 * 1024 * 1024);
		expect(room.peers.size).toBeLessThan(40);
		expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
		await otherRoomWorks(s, other, 'Not starved');
		// The map's own room still serves a reader that reads.
		const reader = await raw(s, id, keys.participant);
		expect(reader.ws.readyState).toBe(WebSocket.OPEN);
	});

	it('closes a connection asking for the whole map again and again (1008)', async () => {
		const { s, id, keys } = await setup();
		const ws = new WebSocket(`${s.url}/${id}?key=${keys.viewer}`);
		const closed = closedWith(ws);
		await new Promise((r) => ws.once('open', r));
		for (let i = 0; i < 10; i++) ws.send(step1());
		expect(await closed).toEqual({ code: CLOSE.syncFlood.code, reason: CLOSE.syncFlood.reason });
	});

	it('refuses websockets past the limit for one address (429)', async () => {
		const { s, id, keys } = await setup({ maxConnectionsPerIp: 3 });
		for (let i = 0; i < 3; i++) await raw(s, id, keys.viewer);
		const status = await new Promise<number>((resolve) => {
			const ws = new WebSocket(`${s.url}/${id}?key=${keys.viewer}`);
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			ws.once('open', () => resolve(101));
			ws.once('error', () => undefined);
		});
		expect(status).toBe(429);
	});
});

describe('faults in a room (nothing a client sends can throw out of a timer or callback)', () => {
	it('an error in the room’s path closes that room’s sockets (1011) and reloads it from storage; the other room is untouched', async () => {
		const { s, id, keys, other } = await setup();
		const a = await raw(s, id, keys.facilitator);
		a.sendUpdate(capture(a.doc, () => void addComponent(a.doc, { name: 'Kept' })));
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 1, 3000, 'first edit');
		const b1 = await raw(s, other.id, other.keys.facilitator);
		// A fault where no message is being handled: the broadcast timer throws.
		room.flush = () => {
			throw new Error('broken broadcast');
		};
		a.sendUpdate(capture(a.doc, () => void addComponent(a.doc, { name: 'Second' })));
		expect((await a.closed).code).toBe(CLOSE.roomFault.code);
		const again = await raw(s, id, keys.participant);
		const reloaded = (await s.app.rooms.peek(id))!;
		expect(reloaded).not.toBe(room);
		// Everything stored before the fault, the edit that was being broadcast included, is there.
		expect(readSnapshot(again.doc).components.map((c) => c.name).sort()).toEqual(['Kept', 'Second']);
		expect(b1.ws.readyState).toBe(WebSocket.OPEN);
		await otherRoomWorks(s, other, 'Unaffected');
	});

	it('an error while applying a checked update is the room’s fault, not the sender’s: everyone reconnects to the stored map', async () => {
		const { s, id, keys } = await setup();
		const a = await raw(s, id, keys.facilitator);
		const b = await raw(s, id, keys.participant);
		const room = (await s.app.rooms.peek(id))!;
		room.doc.getMap('components').observe(() => {
			throw new Error('observer failed');
		});
		a.sendUpdate(capture(a.doc, () => void addComponent(a.doc, { name: 'Trigger' })));
		expect((await b.closed).code).toBe(CLOSE.roomFault.code);
		expect((await a.closed).code).toBe(CLOSE.roomFault.code);
		const again = await raw(s, id, keys.participant);
		const reloaded = (await s.app.rooms.peek(id))!;
		expect(reloaded).not.toBe(room);
		// The edit was stored before it was applied (the journal): the reloaded map has it.
		expect(readSnapshot(reloaded.doc).components.map((c) => c.name)).toEqual(['Trigger']);
		again.sendUpdate(capture(again.doc, () => void addComponent(again.doc, { name: 'After' })));
		await until(() => readSnapshot(reloaded.doc).components.some((c) => c.name === 'After'), 3000, 'edits again');
	});
});

// The relays the relay and soak benchmarks drive, as child processes on loopback: Stackmap's
// built server (dist/server/index.js, SQLite) and the y-websocket 1.5.4 reference server
// (node_modules/y-websocket-ref, LevelDB via y-leveldb); real y-websocket clients for either.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { relayOwnPresenceOnly } from '../src/lib/collab/live.js';
import { createMapHttp, spawnServer } from '../tests/helpers/collab.js';
import { tapUpdates } from './wire.js';

/** Every child started here, killed when the benchmark ends however it ends. */
const children = new Set<ChildProcess>();
process.on('exit', killAll);
// Each y-websocket client adds a process 'exit' listener; a benchmark runs well over ten.
process.setMaxListeners(1000);

export function killAll(): void {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	children.clear();
}

/** Put `child` and all its threads on `cpus` (a taskset list such as `0` or `0-1`). */
export function pinToCpus(child: ChildProcess, cpus: string): void {
	execFileSync('taskset', ['-a', '-p', '-c', cpus, String(child.pid)], { stdio: 'ignore' });
}

function own(child: ChildProcess): void {
	// RELAY_BENCH_PIN=<cpus>: both servers on these cores (run the bench itself under
	// `taskset -c <others>`), so the clients never wait for a core a server is using.
	if (process.env.RELAY_BENCH_PIN) pinToCpus(child, process.env.RELAY_BENCH_PIN);
	children.add(child);
	child.once('exit', () => children.delete(child));
}

/** A room on a running relay: where clients join it. */
export interface RoomAddress {
	url: string;
	room: string;
	params: Record<string, string>;
}

export interface Relay {
	readonly name: string;
	readonly child: ChildProcess;
	readonly pid: number;
	/** Stackmap's HTTP origin (for /api/debug/stats); absent for the reference server. */
	readonly base?: string;
	/** A new empty room (a new map on Stackmap, which needs one created first). */
	newRoom(label: string): Promise<RoomAddress>;
	/** The same room on this relay (after a restart: a new port). */
	address(room: RoomAddress): RoomAddress;
	/** Send `signal` and wait for the exit. */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Start again on the same data (after stop). */
	restart(): Promise<Relay>;
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Stackmap's built server on `dataDir`. */
export async function startStackmap(dataDir: string, env: Record<string, string> = {}): Promise<Relay> {
	const server = await spawnServer(dataDir, env);
	own(server.child);
	const keys = new Map<string, string>();
	const relay: Relay = {
		name: 'Stackmap',
		child: server.child,
		pid: server.child.pid!,
		base: server.base,
		async newRoom(label) {
			const map = await createMapHttp(server.base, label);
			keys.set(map.id, map.editKey);
			return { url: `ws://127.0.0.1:${server.port}/collab`, room: map.id, params: { key: map.editKey } };
		},
		address: (room) => ({ ...room, url: `ws://127.0.0.1:${server.port}/collab` }),
		async stop(signal = 'SIGTERM') {
			server.child.kill(signal);
			await exited(server.child);
		},
		restart: () => startStackmap(dataDir, env)
	};
	return relay;
}

async function freePort(): Promise<number> {
	const srv = createServer();
	await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
	const port = (srv.address() as { port: number }).port;
	await new Promise((resolve) => srv.close(resolve));
	return port;
}

/** The y-websocket 1.5.4 reference server persisting to LevelDB in `dir` (YPERSISTENCE). */
export async function startReference(dir: string): Promise<Relay> {
	const port = await freePort();
	const child = spawn(process.execPath, ['node_modules/y-websocket-ref/bin/server.js'], {
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: dir },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	own(child);
	let out = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${out}`)), 20_000);
		const onData = (d: Buffer) => {
			out += d;
			if (out.includes('running at')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', (d) => (out += d));
		child.once('exit', (code) => reject(new Error(`reference server exited with ${code}:\n${out}`)));
	});
	return {
		name: 'y-websocket 1.5.4',
		child,
		pid: child.pid!,
		newRoom: async (label) => ({ url: `ws://127.0.0.1:${port}`, room: `${label.replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 10)}`, params: {} }),
		address: (room) => ({ ...room, url: `ws://127.0.0.1:${port}` }),
		async stop(signal = 'SIGTERM') {
			child.kill(signal);
			await exited(child);
		},
		restart: () => startReference(dir)
	};
}

/**
 * A y-websocket client in `room`, resolved once synced. It behaves as Stackmap's own client does
 * (sends only its own presence), whichever relay it talks to.
 */
export function connect(room: RoomAddress, name: string, onUpdate?: (provider: WebsocketProvider, payload: Uint8Array) => void): Promise<WebsocketProvider> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(room.url, room.room, doc, {
		params: room.params,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	relayOwnPresenceOnly(provider);
	provider.awareness.setLocalState({ user: { name, colour: '#1d70b8', role: 'participant' }, cursor: null, selection: [], dragging: [], viewport: null, status: 'active' });
	if (onUpdate) tapUpdates(provider, (payload) => onUpdate(provider, payload));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			provider.destroy();
			reject(new Error(`${name} did not sync in 20 s`));
		}, 20_000);
		provider.once('sync', () => {
			clearTimeout(timer);
			resolve(provider);
		});
	});
}

/** Disconnect and free clients. */
export function disconnect(clients: readonly WebsocketProvider[]): void {
	for (const c of clients) {
		c.destroy();
		c.doc.destroy();
	}
}

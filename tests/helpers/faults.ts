// Helpers for the crash and fault tests: a seeded random source, the built server as a child
// process that can be killed and restarted on the same data, live y-websocket clients that keep
// reconnecting, and the stored document read straight from the SQLite file.
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { spawnServer, until, type ServerProcess } from './collab.js';
import { seeded } from './seeded.js';

export { seeded };


export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A local TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/**
 * The built server on one data folder, restartable: `port` is null while it is down. With `fixedPort`
 * every run listens on that port (clients reconnect straight to it); otherwise each run picks one.
 */
export class ServerRunner {
	current: ServerProcess | null = null;
	/** Output of every run so far, and exits nobody asked for. */
	readonly log: string[] = [];
	readonly unexpectedExits: string[] = [];
	private expectingExit = false;

	constructor(
		readonly dataDir: string,
		private readonly fixedPort?: number,
		/** More environment for every run (DATABASE_URL, REDIS_URL). */
		private readonly env: Record<string, string> = {}
	) {}

	get port(): number | null {
		return this.current?.port ?? null;
	}

	async start(): Promise<ServerProcess> {
		const env: Record<string, string> = { ...this.env };
		if (this.fixedPort) env.PORT = String(this.fixedPort);
		const p = await spawnServer(this.dataDir, env);
		this.expectingExit = false;
		p.child.once('exit', (code, signal) => {
			this.log.push(p.output());
			if (!this.expectingExit) this.unexpectedExits.push(`exit ${code ?? signal}:\n${p.output()}`);
		});
		this.current = p;
		return p;
	}

	/** Stop the server with `signal` and wait for the process to end; resolves with its exit code. */
	async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null> {
		const p = this.current;
		if (!p) return null;
		this.current = null;
		this.expectingExit = true;
		if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
		const exited = new Promise<number | null>((resolve) => p.child.once('exit', (code) => resolve(code)));
		p.child.kill(signal);
		return exited;
	}

	/** Lines the server logged as errors (the app prefixes them with `[stackmap]`), every run. */
	errors(): string[] {
		const all = [...this.log, this.current?.output() ?? ''].join('\n');
		return all.split('\n').filter((line) => line.includes('[stackmap]') || /Uncaught|Unhandled/.test(line));
	}
}

/** A stock y-websocket client that connects (and keeps reconnecting, quickly) without waiting to sync. */
export function liveClient(url: string, id: string, key: string, name: string, doc = new Y.Doc()): WebsocketProvider {
	return new WebsocketProvider(url, id, doc, {
		params: { key, name },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 300
	});
}

/** A stock client once it has synced, waiting up to `ms` (a loaded machine can take seconds to answer). */
export async function syncedClient(url: string, id: string, key: string, ms = 30_000): Promise<WebsocketProvider> {
	const provider = liveClient(url, id, key, 'Verifier');
	try {
		await until(() => provider.synced, ms, 'a fresh client to sync');
	} catch (err) {
		provider.destroy();
		throw err;
	}
	return provider;
}

/** The map as stored: a Y.Doc built from the SQLite file in `dataDir` (read while no server runs). */
export async function readStoredDoc(dataDir: string, mapId: string): Promise<Y.Doc> {
	const store = openSqliteStore(join(dataDir, 'stackmap.db'), { checkpointMs: 0 });
	try {
		const stored = await store.loadDoc(mapId);
		const doc = new Y.Doc();
		doc.transact(() => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
		return doc;
	} finally {
		await store.close();
	}
}

/** A document's state vector as sorted `client:clock` text, for comparing and for messages. */
export function stateVector(doc: Y.Doc): string {
	return [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()]
		.sort(([a], [b]) => a - b)
		.map(([client, clock]) => `${client}:${clock}`)
		.join(' ');
}

/**
 * What `client` has received from others that `stored` lacks: for every Yjs client id except the
 * client's own, the clock it holds beyond the stored document's. Anything a client holds from
 * another client came from the server, so the store must have it. Empty when nothing is missing.
 */
export function missingFromStore(stored: Y.Doc, client: Y.Doc): string[] {
	const have = Y.decodeStateVector(Y.encodeStateVector(stored));
	const missing: string[] = [];
	for (const [id, clock] of Y.decodeStateVector(Y.encodeStateVector(client))) {
		if (id === client.clientID) continue;
		const storedClock = have.get(id) ?? 0;
		if (storedClock < clock) missing.push(`client ${id}: received up to clock ${clock}, stored up to ${storedClock}`);
	}
	return missing;
}

/** True when the document holds updates it cannot apply yet (waiting on missing ones). */
export function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

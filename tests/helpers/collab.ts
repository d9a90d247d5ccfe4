// Test helpers: a real collaboration server on port 0 (in-process, or the built production entry
// as a child process) and real y-websocket clients talking to it.
import { createServer, type Server } from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createStackmap, type StackmapApp } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import { suiteDatabase } from './postgres.js';

export function tempDataDir(prefix = 'stackmap-test-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestServer {
	app: StackmapApp;
	server: Server;
	port: number;
	url: string;
	close(): Promise<void>;
}

/** The collaboration server in this process on a random port (no SvelteKit pages). */
export async function startCollab(overrides: Partial<Config> = {}): Promise<TestServer> {
	const dataDir = overrides.dataDir ?? tempDataDir();
	if (overrides.databaseUrl === undefined) {
		const url = await suiteDatabase(dataDir);
		if (url) overrides = { ...overrides, databaseUrl: url };
	}
	const app = await createStackmap({ dataDir, dbFile: join(dataDir, 'stackmap.db'), graceMs: 50, ...overrides });
	const server = createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => {
		if (!app.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	return {
		app,
		server,
		port,
		url: `ws://127.0.0.1:${port}/collab`,
		async close() {
			server.closeAllConnections?.();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await app.close();
		}
	};
}

/** A stock y-websocket client for map `id` with `key`; resolves once synced. */
export async function connectClient(url: string, id: string, key: string, doc = new Y.Doc()): Promise<WebsocketProvider> {
	const provider = new WebsocketProvider(url, id, doc, {
		params: { key },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('client did not sync within 5 s')), 5000);
		provider.once('sync', (synced: boolean) => {
			if (synced) {
				clearTimeout(timer);
				resolve();
			}
		});
	});
	return provider;
}

/** Wait until `check()` is true (or resolves true), polling every 5 ms; throws after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 3000, what = 'condition'): Promise<void> {
	const start = Date.now();
	while (!(await check())) {
		if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

export interface ServerProcess {
	child: ChildProcess;
	port: number;
	base: string;
	output: () => string;
}

/** The built production entry (dist/server/index.js, or `entry`: another build's) as a child process on a random port. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}, nodeFlags: string[] = [], entry = 'dist/server/index.js'): Promise<ServerProcess> {
	if (env.DATABASE_URL === undefined) {
		const url = await suiteDatabase(dataDir);
		if (url) env = { ...env, DATABASE_URL: url };
	}
	const child = spawn(process.execPath, [...nodeFlags, entry], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STACKMAP_DATA: dataDir, STACKMAP_SEED: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
		const onData = () => {
			const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		};
		child.stdout!.on('data', onData);
		child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
	});
	return { child, port, base: `http://127.0.0.1:${port}`, output: () => out };
}

/** Create a map over HTTP; returns its id and keys parsed from the links. */
export async function createMapHttp(base: string, title = 'Test map') {
	const res = await fetch(`${base}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
	if (res.status !== 201) throw new Error(`POST /api/maps → ${res.status} ${await res.text()}`);
	const body = (await res.json()) as { id: string; editUrl: string; viewUrl: string; facilitatorUrl: string };
	const key = (u: string) => new URL(u).searchParams.get('key')!;
	return { ...body, editKey: key(body.editUrl), viewKey: key(body.viewUrl), facilitatorKey: key(body.facilitatorUrl) };
}

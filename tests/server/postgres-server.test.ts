// The built server with DATABASE_URL pointing at a real, throwaway PostgreSQL: maps and their
// documents live there (no SQLite file), every edit a client saw survives SIGKILL, and while PostgreSQL is down edits are refused
// (a clear close status, /readyz 503) rather than accepted and lost; once it is back, they flow again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot } from '../../src/lib/map/index.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';
import { freePort, liveClient, missingFromStore } from '../helpers/faults.js';
import { startPostgres, storedDocIn, type TestPostgres } from '../helpers/postgres.js';

let cluster: TestPostgres;
beforeAll(async () => {
	cluster = await startPostgres();
});
afterAll(() => cluster?.close());

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function spawn(dataDir: string, databaseUrl: string): Promise<ServerProcess> {
	const p = await spawnServer(dataDir, { DATABASE_URL: databaseUrl });
	cleanup.push(() => p.child.exitCode === null && p.child.signalCode === null && p.child.kill('SIGKILL'));
	return p;
}

async function kill(p: ServerProcess): Promise<void> {
	const exited = new Promise((r) => p.child.once('exit', r));
	p.child.kill('SIGKILL');
	await exited;
}

function client(p: ServerProcess, id: string, key: string, name: string): WebsocketProvider {
	const c = liveClient(`ws://127.0.0.1:${p.port}/collab`, id, key, name);
	cleanup.push(() => c.destroy());
	return c;
}


const names = (doc: Y.Doc) => readSnapshot(doc).components.map((c) => c.name).sort();

describe('server with DATABASE_URL', () => {
	it('keeps map documents in PostgreSQL and every edit two clients saw through SIGKILL and restart', async () => {
		const db = new URL(await cluster.createDatabase());
		// Trust authentication ignores it, but the log must never show it.
		db.password = 'not-for-logs';
		const url = db.toString();
		const dataDir = tempDataDir();
		const first = await spawn(dataDir, url);
		expect(first.output()).toMatch(/map documents in PostgreSQL at postgres:\/\/stackmap@127\.0\.0\.1:\d+\/stackmap_test_/);
		expect(first.output()).not.toContain('not-for-logs');

		const map = await createMapHttp(first.base, 'Shared services');
		const a = client(first, map.id, map.editKey, 'Ada');
		const b = client(first, map.id, map.editKey, 'Bo');
		await until(() => a.synced && b.synced, 15_000, 'both clients to sync');
		const moving = addComponent(a.doc, { name: 'Moving' });
		for (let i = 0; i < 300; i++) moveComponent(a.doc, moving, { evolution: i / 300, visibility: 0.4 });
		for (let i = 0; i < 20; i++) addComponent(b.doc, { name: `From Bo ${i}` });
		for (let i = 0; i < 20; i++) addComponent(a.doc, { name: `From Ada ${i}` });
		await until(() => readSnapshot(a.doc).components.length === 41 && readSnapshot(b.doc).components.length === 41, 15_000, 'each to see the other');
		const seen = names(a.doc);
		await kill(first);

		// Everything either client received from the other is in PostgreSQL.
		const stored = await storedDocIn(url, map.id);
		expect(missingFromStore(stored, a.doc)).toEqual([]);
		expect(missingFromStore(stored, b.doc)).toEqual([]);

		// The record is in PostgreSQL with its document; the data folder holds no SQLite file at all.
		const pgClient = new pg.Client({ connectionString: url });
		await pgClient.connect();
		try {
			expect((await pgClient.query('SELECT title FROM maps WHERE id = $1', [map.id])).rows).toEqual([{ title: 'Shared services' }]);
		} finally {
			await pgClient.end();
		}
		expect(existsSync(join(dataDir, 'stackmap.db'))).toBe(false);

		const second = await spawn(dataDir, url);
		const res = await fetch(`${second.base}/api/maps/${map.id}?key=${map.viewKey}`);
		const after = (await res.json()) as { title: string; components: { name: string; evolution: number }[] };
		expect(after.title).toBe('Shared services');
		expect(after.components.map((c) => c.name).sort()).toEqual(seen);
		expect(after.components.find((c) => c.name === 'Moving')!.evolution).toBe(299 / 300);
	});

	it('does not start, saying why, when the database cannot be reached', async () => {
		const dead = `postgres://stackmap@127.0.0.1:${await freePort()}/nothing`;
		await expect(spawnServer(tempDataDir(), { DATABASE_URL: dead })).rejects.toThrow(/exited with 1[\s\S]*PostgreSQL store: could not prepare the schema: connect ECONNREFUSED/);
	});

	it('refuses edits with a storage close status and /readyz 503 while PostgreSQL is down, and takes them again once it is back', async () => {
		const url = await cluster.createDatabase();
		const srv = await spawn(tempDataDir(), url);
		const map = await createMapHttp(srv.base, 'Outage');
		const editor = client(srv, map.id, map.editKey, 'Ada');
		const watcher = client(srv, map.id, map.viewKey, 'Bo');
		await until(() => editor.synced && watcher.synced, 15_000, 'both clients to sync');
		addComponent(editor.doc, { name: 'Before' });
		await until(() => names(watcher.doc).includes('Before'), 10_000, 'the first edit to arrive');
		expect((await fetch(`${srv.base}/readyz`)).status).toBe(200);

		const closes: { code: number; reason: string }[] = [];
		editor.on('connection-close', (event) => {
			if (event) closes.push({ code: event.code, reason: event.reason });
		});
		await cluster.stop();
		try {
			const ready = await fetch(`${srv.base}/readyz`);
			expect(ready.status).toBe(503);
			expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { store: false } });

			addComponent(editor.doc, { name: 'During' });
			await until(() => closes.length > 0, 15_000, 'the edit to be refused');
			expect(closes[0]).toEqual({ code: 1011, reason: 'Storage error: your last change may not be saved.' });
			// Nobody was sent it, and the server holds no unsaved copy to hand out on reconnect.
			expect(names(watcher.doc)).toEqual(['Before']);
		} finally {
			await cluster.start();
		}
		await until(() => names(watcher.doc).includes('During'), 20_000, 'the refused edit to arrive once the editor resends it');
		const ready = await fetch(`${srv.base}/readyz`);
		expect(ready.status).toBe(200);
		addComponent(editor.doc, { name: 'After' });
		await until(() => names(watcher.doc).includes('After'), 10_000, 'a new edit to arrive');
		await kill(srv);
		expect(names(await storedDocIn(url, map.id))).toEqual(['After', 'Before', 'During']);
	});

	it('drains on SIGTERM: compacts each open map into PostgreSQL and exits 0', async () => {
		const url = await cluster.createDatabase();
		const srv = await spawn(tempDataDir(), url);
		const map = await createMapHttp(srv.base, 'Drained');
		const editor = client(srv, map.id, map.editKey, 'Ada');
		const watcher = client(srv, map.id, map.viewKey, 'Bo');
		await until(() => editor.synced && watcher.synced, 15_000, 'both clients to sync');
		for (let i = 0; i < 30; i++) addComponent(editor.doc, { name: `C${i}` });
		await until(() => readSnapshot(watcher.doc).components.length === 30, 10_000, 'the edits to arrive');
		const exited = new Promise<number | null>((r) => srv.child.once('exit', (code) => r(code)));
		srv.child.kill('SIGTERM');
		expect(await exited).toBe(0);
		const store = await openPostgresStore(url, { poolSize: 1 });
		try {
			const stored = await store.loadDoc(map.id);
			expect(stored.updates).toHaveLength(1);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, stored.updates[0]);
			expect(names(doc)).toEqual(names(watcher.doc));
		} finally {
			await store.close();
		}
	});
});

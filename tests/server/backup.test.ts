// Backups of the SQLite store: edits still only in the edit journal are in the backup; a backup
// taken while a client keeps editing over a real websocket holds everything the server had taken
// before it began, as a prefix of each client's edits; a restore into a new data folder serves it;
// a restore over a store in use is refused; the CLI commands do the same.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';
import { backupSqlite, restoreSqlite } from '../../server/store/backup.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { main } from '../../cli/stackmap.js';
import { connectClient, startCollab, tempDataDir, until } from '../helpers/collab.js';
import { sink } from '../helpers/sink.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function namesIn(dbFile: string, mapId: string): Promise<string[]> {
	const store = openSqliteStore(dbFile, { checkpointMs: 0 });
	try {
		const doc = new Y.Doc();
		for (const u of (await store.loadDoc(mapId)).updates) Y.applyUpdate(doc, u);
		return readSnapshot(doc).components.map((c) => c.name);
	} finally {
		await store.close();
	}
}

describe('backup and restore', () => {
	it('takes edits that are only in the journal into the backup', async () => {
		const dir = tempDataDir();
		const dbFile = join(dir, 'stackmap.db');
		// Commits far in the future: every edit below stays in the journal alone.
		const store = openSqliteStore(dbFile, { checkpointMs: 0, journaledCommitMs: 3_600_000 });
		cleanup.push(() => store.close());
		const hash = new Uint8Array(32);
		await store.createMap({ id: 'm1', title: 'Journal', createdAt: 1, updatedAt: 1, visibility: 'private', keyHashes: { facilitator: hash, participant: hash, viewer: hash } });
		const doc = new Y.Doc();
		doc.on('update', (u: Uint8Array) => void store.appendUpdate('m1', u));
		for (let i = 0; i < 20; i++) addComponent(doc, { name: `j${i}` });
		expect(statSync(`${dbFile}-edits`).size).toBeGreaterThan(0);

		const dest = join(tempDataDir(), 'backup.db');
		const result = await backupSqlite(dbFile, dest);
		expect(result.journaled).toBe(20);
		expect(result.maps).toBe(1);
		expect(existsSync(`${dest}-edits`)).toBe(false);
		expect((await namesIn(dest, 'm1')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `j${i}`).sort());
		await expect(backupSqlite(dbFile, dest)).rejects.toThrow(/exists already/);
	});

	it('backs up a live map and restores it into a new data folder', async () => {
		const s = await startCollab();
		let closed = false;
		cleanup.push(() => closed || s.close());
		const { id, keys } = await s.app.createMap({ title: 'Live' });
		const client = await connectClient(s.url, id, keys.participant);
		cleanup.push(() => client.destroy());
		let n = 0;
		const timer = setInterval(() => addComponent(client.doc, { name: `e${n++}` }), 3);
		cleanup.push(() => clearInterval(timer));
		const room = await s.app.rooms.open(id);
		await until(() => readSnapshot(room.doc).components.length >= 40, 10_000, 'edits reach the server');

		// Everything the server holds when the backup starts must be in it.
		const before = new Set(readSnapshot(room.doc).components.map((c) => c.name));
		const dest = join(tempDataDir(), 'live.db');
		await backupSqlite(s.app.config.dbFile, dest);
		clearInterval(timer);
		const backedUp = await namesIn(dest, id);
		for (const name of before) expect(backedUp).toContain(name);
		// A prefix of the client's edits: e0 … ek with nothing missing in between.
		const numbers = backedUp.map((x) => Number(x.slice(1))).sort((a, b) => a - b);
		expect(numbers).toEqual(numbers.map((_, i) => i));

		// Restoring over the running store is refused; into a new folder it serves the map.
		expect(() => restoreSqlite(dest, s.app.config.dbFile)).toThrow(/stop the server first/);
		client.destroy();
		await s.close();
		closed = true;
		const fresh = tempDataDir();
		restoreSqlite(dest, join(fresh, 'stackmap.db'));
		const t = await startCollab({ dataDir: fresh });
		cleanup.push(() => t.close());
		const reader = await connectClient(t.url, id, keys.viewer);
		cleanup.push(() => reader.destroy());
		expect(readSnapshot(reader.doc).components.map((c) => c.name).sort()).toEqual([...backedUp].sort());
	}, 30_000);

	it('runs as `stackmap backup` and `stackmap restore`', async () => {
		const s = await startCollab();
		const { id, keys } = await s.app.createMap({ title: 'CLI' });
		const client = await connectClient(s.url, id, keys.participant);
		addComponent(client.doc, { name: 'Kept by the CLI' });
		const room = await s.app.rooms.open(id);
		await until(() => readSnapshot(room.doc).components.length === 1, 5000, 'the edit reaches the server');
		const file = join(tempDataDir(), 'cli.db');
		const io = { stdin: process.stdin, stdout: sink(), stderr: sink() };
		expect(await main(['backup', file, '--data', s.app.config.dataDir], io)).toBe(0);
		expect(io.stderr.text()).toMatch(/^Backed up 1 maps/);
		expect(await main(['restore', file, '--data', s.app.config.dataDir], io)).toBe(1);
		expect(io.stderr.text()).toMatch(/stop the server first/);
		client.destroy();
		await s.close();
		const target = tempDataDir();
		expect(await main(['restore', file, '--data', target], io)).toBe(0);
		expect(await namesIn(join(target, 'stackmap.db'), id)).toEqual(['Kept by the CLI']);
		expect(await main(['backup'], io)).toBe(2);
	}, 30_000);
});

// The WAL checkpointer thread: SQLite's automatic (main-thread) checkpoints are off, and the WAL
// still stays small because the worker checkpoints it; close stops the worker. The worker runs only
// while the database is written: it goes after a quiet spell and comes back with the next write.
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { WAL_FRAMES, walIndex } from '../../server/store/checkpointer.js';
import { tempDataDir } from '../helpers/collab.js';

describe('WAL checkpointer', () => {
	it('keeps the WAL bounded without checkpoints on the main thread', async () => {
		const file = join(tempDataDir(), 'wal.db');
		const store = openSqliteStore(file, { checkpointMs: 50 });
		expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		const update = new Uint8Array(200).fill(1);
		for (let i = 0; i < 4000; i++) {
			await store.appendUpdate('m', update);
			if (i % 400 === 399) await new Promise((r) => setTimeout(r, 250));
		}
		// Unchecked, 4,000 commits of about three pages each would all still be in the WAL.
		const [{ log }] = store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
		expect(log).toBeLessThan(6000);
		expect(statSync(`${file}-wal`).size).toBeLessThan(32 * 2 ** 20);
		await store.close();
		expect((await openSqliteStore(file, { checkpointMs: 0 }).loadDoc('m')).updates).toHaveLength(4000);
	});

	it('runs the worker only while there is WAL to checkpoint', async () => {
		const file = join(tempDataDir(), 'idle.db');
		// Journaled edits committed at the end of each turn, so the stream below makes one commit per append.
		const store = openSqliteStore(file, { checkpointMs: 40, checkpointIdleMs: 400, journaledCommitMs: 0 });
		const checkpointer = store.checkpointer!;
		const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
		const until = async (want: boolean) => {
			const deadline = Date.now() + 5000;
			while (checkpointer.running() !== want && Date.now() < deadline) await sleep(10);
			return checkpointer.running();
		};
		// A new store wrote its schema: a few frames, not enough to start the worker at once…
		const schema = walIndex(file)!;
		expect(schema.frames).toBeGreaterThan(0);
		expect(schema.frames).toBeLessThan(WAL_FRAMES);
		await sleep(150);
		expect(checkpointer.running()).toBe(false);
		// …but after a quiet spell a worker checkpoints them, and goes.
		expect(await until(true)).toBe(true);
		expect(await until(false)).toBe(false);
		expect(walIndex(file)!.backfilled).toBe(walIndex(file)!.frames);
		const update = new Uint8Array(200).fill(2);
		for (let round = 0; round < 2; round++) {
			// A stream of writes brings it back while it lasts, and it checkpoints them (not SQLite).
			let seen = false;
			for (let batch = 0; batch < 10; batch++) {
				// One commit each (appends of one turn are committed together).
				for (let i = 0; i < 40; i++) {
					await store.appendUpdate('m', update);
					await new Promise((r) => setImmediate(r));
				}
				await sleep(50);
				seen ||= checkpointer.running();
			}
			expect(seen).toBe(true);
			expect(await until(false)).toBe(false);
			const { frames, backfilled } = walIndex(file)!;
			expect(frames).toBeGreaterThan(0);
			expect(backfilled).toBe(frames);
		}
		await store.close();
		expect((await openSqliteStore(file, { checkpointMs: 0 }).loadDoc('m')).updates).toHaveLength(800);
	});

	it('leaves frames in the WAL without it (what the test above would see if the worker did nothing)', async () => {
		const file = join(tempDataDir(), 'none.db');
		const store = openSqliteStore(file, { checkpointMs: 0 });
		for (let i = 0; i < 50; i++) await store.appendUpdate('m', new Uint8Array(200).fill(3));
		await new Promise((r) => setTimeout(r, 200));
		const { frames, backfilled } = walIndex(file)!;
		expect(frames).toBeGreaterThan(0);
		expect(backfilled).toBeLessThan(frames);
		await store.close();
	});
});

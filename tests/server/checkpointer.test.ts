// The WAL checkpointer thread: SQLite's automatic (main-thread) checkpoints are off, and the WAL
// still stays small because the worker checkpoints it; close stops the worker.
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite.js';
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
});

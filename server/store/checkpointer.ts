// Checkpoints a SQLite WAL from a worker thread, so the fsync a checkpoint needs never blocks the
// event loop: SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages and
// stalled a busy room's broadcasts for 5–75 ms. Falls back to automatic checkpoints on error.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.ms);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
	/** Stop the worker (after one last checkpoint). */
	stop(): Promise<void>;
}

/** Turn off automatic checkpoints on `db` and run a PASSIVE checkpoint of `file` every `ms` in a worker. */
export function startCheckpointer(db: Database.Database, file: string, ms: number): Checkpointer {
	const module = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(CODE, { eval: true, workerData: { file, ms, module } });
	worker.unref();
	db.pragma('wal_autocheckpoint = 0');
	// After a burst the WAL file keeps its high-water size; cut it back when SQLite restarts it.
	db.pragma('journal_size_limit = 16777216');
	const fallback = () => {
		if (db.open) db.pragma('wal_autocheckpoint = 1000');
	};
	worker.on('error', fallback);
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	return {
		async stop() {
			worker.postMessage('stop');
			const timer = setTimeout(() => void worker.terminate(), 2000);
			await exited;
			clearTimeout(timer);
		}
	};
}

// Checkpoints a SQLite WAL from a worker thread, so the fsync a checkpoint needs never blocks the
// event loop: SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages and
// stalls a busy room's broadcasts while it syncs. Falls back to automatic checkpoints on error.
//
// The worker (a V8 isolate of its own, about 12 MiB) runs only while the database is being written:
// once per period the main thread reads the WAL index (the -shm file's header: frames in the WAL,
// frames checkpointed), starts the worker when WAL_FRAMES are waiting, and lets it go (after a last
// checkpoint) once nothing was written for `idleMs`. A few frames left by a quiet spell are
// checkpointed by a worker started for that alone. So a server at rest carries no worker.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
checkpoint();
const timer = setInterval(checkpoint, workerData.ms);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
	/** True while the worker thread is running (between a write and `idleMs` of quiet). */
	running(): boolean;
	/** Stop watching and stop the worker (after one last checkpoint). */
	stop(): Promise<void>;
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** Uncheckpointed frames that start the worker (4 KiB pages: about 1 MiB). */
export const WAL_FRAMES = 256;

/**
 * The WAL index header of `file` (mxFrame at byte 16, nBackfill at byte 96 of the -shm file, in
 * the machine's byte order): frames in the WAL and how many are checkpointed. Null when there is no
 * index to read (then the worker just runs, as it always did).
 */
export function walIndex(file: string): { frames: number; backfilled: number } | null {
	let fd = -1;
	try {
		fd = openSync(`${file}-shm`, 'r');
		const header = Buffer.alloc(100);
		if (readSync(fd, header, 0, 100, 0) < 100) return null;
		const u32 = (at: number) => (LITTLE_ENDIAN ? header.readUInt32LE(at) : header.readUInt32BE(at));
		return { frames: u32(16), backfilled: u32(96) };
	} catch {
		return null;
	} finally {
		if (fd >= 0) closeSync(fd);
	}
}

/**
 * Turn off automatic checkpoints on `db` and, while `file` is being written, run a PASSIVE
 * checkpoint of it every `ms` in a worker that stops after `idleMs` without writes.
 */
export function startCheckpointer(db: Database.Database, file: string, ms: number, idleMs = 30_000): Checkpointer {
	const module = createRequire(import.meta.url).resolve('better-sqlite3');
	db.pragma('wal_autocheckpoint = 0');
	// After a burst the WAL file keeps its high-water size; cut it back when SQLite restarts it.
	db.pragma('journal_size_limit = 16777216');
	let worker: { thread: Worker; exited: Promise<void> } | null = null;
	let failed = false;
	const fallback = () => {
		failed = true;
		if (db.open) db.pragma('wal_autocheckpoint = 1000');
	};
	const start = () => {
		const thread = new Worker(CODE, { eval: true, workerData: { file, ms, module } });
		thread.unref();
		thread.on('error', fallback);
		const started = {
			thread,
			exited: new Promise<void>((resolve) =>
				thread.once('exit', () => {
					if (worker === started) worker = null;
					resolve();
				})
			)
		};
		worker = started;
	};
	/** Ask the worker to checkpoint once more and go; resolves when it has, or after 2 s. */
	const retire = async () => {
		const w = worker;
		if (!w) return;
		worker = null;
		w.thread.postMessage('stop');
		const timer = setTimeout(() => void w.thread.terminate(), 2000);
		await w.exited;
		clearTimeout(timer);
	};
	let seenFrames = -1;
	let lastWrite = Date.now();
	const tick = () => {
		if (failed) return;
		const index = walIndex(file);
		const now = Date.now();
		const frames = index ? index.frames : -2;
		if (frames !== seenFrames) {
			seenFrames = frames;
			lastWrite = now;
		}
		const waiting = index ? Math.max(0, index.frames - index.backfilled) : WAL_FRAMES;
		const quiet = now - lastWrite >= idleMs;
		if (!worker) {
			// Enough to checkpoint now, or a few frames left after a quiet spell.
			if (waiting >= WAL_FRAMES || (waiting > 0 && quiet)) start();
		} else if (quiet && (waiting === 0 || now - lastWrite >= 2 * idleMs)) {
			void retire();
		}
	};
	tick();
	const watch = setInterval(tick, ms);
	watch.unref();
	return {
		running: () => worker !== null,
		async stop() {
			clearInterval(watch);
			await retire();
		}
	};
}

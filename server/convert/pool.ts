// A small pool of worker threads for heavy jobs (imports, PNG renders). Each job runs in a worker
// with a heap limit and a time limit, so a hostile upload can neither stall the rooms' event loop
// nor grow the server's heap; a worker over either is terminated and replaced.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { jobTransferables, runJob, type Job, type JobResult } from './jobs.js';

export interface PoolOptions {
	/** Worker threads, at most this many jobs at once; 0 runs jobs inline on this thread. */
	readonly size: number;
	/** Jobs that may wait for a worker; past this run() rejects with 'busy'. */
	readonly queue: number;
	/** A job running longer is stopped, ms (from when its worker starts it, not from when it was queued). */
	readonly timeoutMs: number;
	/** Old-generation heap a worker may use, MB. */
	readonly memoryMb: number;
	/** A worker whose heap is bigger than this after a job is replaced (freeing it), MB; default 48 (a fresh one holds about 16). */
	readonly recycleMb?: number;
	/** The compiled worker entry; default workerFile(). null runs jobs inline. */
	readonly file?: URL | null;
}

export type WorkFailure = 'busy' | 'timeout' | 'memory' | 'failed';

/** A job the pool did not finish: too many waiting, too slow, out of memory, or it threw. */
export class WorkError extends Error {
	override readonly name = 'WorkError';
	constructor(
		readonly reason: WorkFailure,
		message: string
	) {
		super(message);
	}
}

/**
 * The worker entry as JavaScript: beside this file once compiled (dist/server/convert/), or in
 * dist/ when this module runs from TypeScript source (vitest, `vite dev`) after `npm run build`.
 * null when neither exists (development without a build): jobs then run inline.
 */
export function workerFile(): URL | null {
	for (const path of ['./worker.js', '../../dist/server/convert/worker.js']) {
		const url = new URL(path, import.meta.url);
		if (existsSync(url)) return url;
	}
	return null;
}

interface Pending {
	readonly id: number;
	readonly job: Job;
	resolve(value: unknown): void;
	reject(error: Error): void;
}

/** A worker's answer to a job: its result or error, and its heap size after it. */
interface Answer {
	readonly id?: number;
	readonly result?: unknown;
	readonly error?: string;
	readonly heapBytes?: number;
}

interface Slot {
	readonly worker: Worker;
	/** The worker has loaded its modules: jobs are timed from here. */
	ready: boolean;
	pending: Pending | null;
	timer: NodeJS.Timeout | null;
}

export class WorkPool {
	private readonly slots = new Set<Slot>();
	private readonly waiting: Pending[] = [];
	private nextId = 1;
	private closed = false;
	/** The worker entry in use; null when jobs run inline. */
	readonly file: URL | null;

	constructor(private readonly options: PoolOptions) {
		this.file = options.size > 0 ? (options.file === undefined ? workerFile() : options.file) : null;
	}

	/** Workers alive, jobs running on them and jobs waiting (for stats and tests). */
	get state(): { workers: number; running: number; waiting: number } {
		let running = 0;
		for (const slot of this.slots) if (slot.pending) running++;
		return { workers: this.slots.size, running, waiting: this.waiting.length };
	}

	/** Run `job` in a worker; rejects with WorkError. */
	run<J extends Job>(job: J): Promise<JobResult<J>> {
		if (this.closed) return Promise.reject(new WorkError('failed', 'The server is shutting down.'));
		// Without a compiled worker the same function runs here, with no time or memory limit.
		if (!this.file) return new Promise((resolve) => resolve(runJob(job)));
		return new Promise((resolve, reject) => {
			const pending: Pending = { id: this.nextId++, job, resolve: resolve as (v: unknown) => void, reject };
			const slot = this.freeSlot();
			if (slot) this.start(slot, pending);
			else if (this.waiting.length < this.options.queue) this.waiting.push(pending);
			else reject(new WorkError('busy', `${this.options.size + this.options.queue} jobs are already running or waiting.`));
		});
	}

	/** Terminate every worker; waiting and running jobs are rejected. */
	async close(): Promise<void> {
		this.closed = true;
		for (const p of this.waiting.splice(0)) p.reject(new WorkError('failed', 'The server is shutting down.'));
		await Promise.all([...this.slots].map((slot) => this.stop(slot, new WorkError('failed', 'The server is shutting down.'))));
	}

	private freeSlot(): Slot | null {
		for (const slot of this.slots) if (!slot.pending) return slot;
		return this.slots.size < this.options.size ? this.spawn() : null;
	}

	private spawn(): Slot {
		const memory = this.options.memoryMb;
		// A small young generation: a job's garbage is collected early rather than kept, and the heap stays small.
		const worker = new Worker(this.file!, { resourceLimits: { maxOldGenerationSizeMb: memory, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 } });
		// A worker alone does not keep the process alive (the HTTP server does).
		worker.unref();
		const slot: Slot = { worker, ready: false, pending: null, timer: null };
		worker.on('message', (message: { ready?: true } & Answer) => {
			if (message.ready) {
				slot.ready = true;
				if (slot.pending) this.post(slot);
			} else this.finished(slot, message);
		});
		worker.on('error', (err: Error & { code?: string }) => {
			const memoryOut = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
			void this.stop(slot, new WorkError(memoryOut ? 'memory' : 'failed', memoryOut ? `The job needed more than ${memory} MB.` : err.message));
		});
		worker.on('exit', () => void this.stop(slot, new WorkError('failed', 'The worker stopped.')));
		this.slots.add(slot);
		return slot;
	}

	private start(slot: Slot, pending: Pending): void {
		slot.pending = pending;
		if (slot.ready) this.post(slot);
	}

	private post(slot: Slot): void {
		const pending = slot.pending!;
		slot.timer = setTimeout(() => void this.stop(slot, new WorkError('timeout', `The job took more than ${this.options.timeoutMs} ms.`)), this.options.timeoutMs);
		slot.worker.postMessage({ id: pending.id, job: pending.job }, jobTransferables(pending.job));
	}

	private finished(slot: Slot, message: Answer): void {
		const pending = slot.pending;
		if (!pending || pending.id !== message.id) return;
		clearTimeout(slot.timer!);
		slot.pending = null;
		slot.timer = null;
		if (message.error !== undefined) pending.reject(new WorkError('failed', message.error));
		else pending.resolve(message.result);
		// A big job leaves its worker holding the heap it grew (V8 keeps it): start afresh instead.
		if ((message.heapBytes ?? 0) > (this.options.recycleMb ?? 48) * 1024 * 1024) return void this.stop(slot, null);
		const next = this.waiting.shift();
		if (next) this.start(slot, next);
	}

	/** Drop `slot` (terminating its worker), reject its job with `error`, and start waiting jobs on fresh workers. */
	private async stop(slot: Slot, error: WorkError | null): Promise<void> {
		if (!this.slots.delete(slot)) return;
		if (slot.timer) clearTimeout(slot.timer);
		if (error) slot.pending?.reject(error);
		slot.pending = null;
		while (!this.closed && this.waiting.length > 0) {
			const free = this.freeSlot();
			if (!free) break;
			this.start(free, this.waiting.shift()!);
		}
		await slot.worker.terminate();
	}
}

// The server's heavy work on uploaded text and map images, off the main thread: what the app
// facade offers SvelteKit's routes (imports, the import form, PNG files). Failures come as
// WorkError with the HTTP status and the words for the person who asked.
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { readLimitsFor } from '../../src/lib/map/index.js';
import type { ThemeName } from '../../src/lib/render/index.js';
import type { Config } from '../config.js';
import type { ImportJob, ImportRead } from './jobs.js';
import { WorkError, WorkPool, type WorkFailure } from './pool.js';
import { describeError, logEvent } from '../log.js';

export type { ImportJob, ImportRead } from './jobs.js';
export type { PreparedMap } from './prepare.js';

/** Seconds a client is told to wait (Retry-After) when every worker is busy and the queue is full. */
export const RETRY_AFTER_S = 5;

/** A job the workers did not finish, as the HTTP answer. */
export class WorkRefusedError extends Error {
	override readonly name = 'WorkRefusedError';
	constructor(
		readonly status: 413 | 500 | 503,
		message: string,
		/** Seconds, for Retry-After (503 only). */
		readonly retryAfter?: number
	) {
		super(message);
	}
}

export interface Work {
	/** Read map text for a new map (and prepare its document when it makes one); rejects with WorkRefusedError. */
	readImport(job: Omit<ImportJob, 'kind' | 'limits'>): Promise<ImportRead>;
	/** `snapshot` as PNG bytes; rejects with WorkRefusedError. */
	renderPng(snapshot: MapSnapshot, options: { scale: number; theme: ThemeName; focus?: readonly string[]; width?: number; height?: number }): Promise<Uint8Array>;
	/** Workers alive, jobs running on them and jobs waiting. */
	readonly state: WorkPool['state'];
	close(): Promise<void>;
}

function refusal(reason: WorkFailure, kind: 'import' | 'png', config: Config): WorkRefusedError {
	const seconds = `${+(config.workTimeoutMs / 1000).toFixed(1)} s`;
	switch (reason) {
		case 'busy':
			return new WorkRefusedError(503, `The server is busy with other ${kind === 'import' ? 'imports' : 'images'}: try again in a few seconds.`, RETRY_AFTER_S);
		case 'timeout':
			return kind === 'import'
				? new WorkRefusedError(413, `Reading this text took more than ${seconds}, so it was stopped. Split it into several maps.`)
				: new WorkRefusedError(503, `Drawing this image took more than ${seconds}, so it was stopped. Try a smaller scale.`, RETRY_AFTER_S);
		case 'memory':
			return kind === 'import'
				? new WorkRefusedError(413, 'Reading this text needed more memory than the server allows, so it was stopped. Split it into several maps.')
				: new WorkRefusedError(503, 'Drawing this image needed more memory than the server allows. Try a smaller scale.', RETRY_AFTER_S);
		default:
			return new WorkRefusedError(500, kind === 'import' ? 'The server could not read this text.' : 'The server could not draw this image.');
	}
}

/** The work pool for `config` (STACKMAP_WORKERS, STACKMAP_WORK_QUEUE, STACKMAP_WORK_TIMEOUT_MS, STACKMAP_WORK_MEMORY_MB). */
export function createWork(config: Config): Work {
	const pool = new WorkPool({ size: config.workers, queue: config.workQueue, timeoutMs: config.workTimeoutMs, memoryMb: config.workMemoryMb });
	const mapLimits = { maxComponents: config.maxComponents, maxDocBytes: config.maxDocBytes };
	const limits = { ...mapLimits, ...readLimitsFor(mapLimits) };
	const failed = (kind: 'import' | 'png') => (err: unknown) => {
		if (!(err instanceof WorkError)) throw err;
		if (err.reason === 'failed') logEvent('worker failed', { kind, error: describeError(err) });
		throw refusal(err.reason, kind, config);
	};
	return {
		readImport: (job) => pool.run({ ...job, kind: 'import', limits }).catch(failed('import')),
		renderPng: (snapshot, options) => pool.run({ kind: 'png', snapshot, ...options }).catch(failed('png')),
		get state() {
			return pool.state;
		},
		close: () => pool.close()
	};
}

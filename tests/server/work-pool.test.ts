// The worker pool (server/convert) with the compiled worker entry (`npm run build` first): jobs run
// on worker threads and give what the same job gives inline; a job past its time or heap limit is
// stopped, answered, and its worker replaced; so is a worker a job left with a big heap; a full
// queue refuses at once.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLimitsFor, readSnapshot } from '../../src/lib/map/index.js';
import { runJob, type ImportJob, type ImportRead } from '../../server/convert/jobs.js';
import { WorkError, WorkPool, workerFile, type PoolOptions } from '../../server/convert/pool.js';
import { until } from '../helpers/collab.js';

const MAP_LIMITS = { maxComponents: 5000, maxDocBytes: 2 * 1024 * 1024 };
const LIMITS = { ...MAP_LIMITS, ...readLimitsFor(MAP_LIMITS) };
/** No limits at all: a job that reads everything it is given. */
const UNLIMITED = { maxComponents: Infinity, maxElements: Infinity, maxLines: Infinity, maxDocBytes: Infinity };

const TEA = 'title Tea\ncomponent Tea [0.7, 0.5]\ncomponent Water [0.4, 0.8]\nTea->Water\n';
const tea: ImportJob = { kind: 'import', text: TEA, limits: LIMITS };
/** A million link lines read without limits: seconds of parsing and hundreds of MB of drafts. */
const endless: ImportJob = { kind: 'import', text: 'A->B\n'.repeat(1_000_000), limits: UNLIMITED };

const pools: WorkPool[] = [];
afterEach(async () => {
	for (const p of pools.splice(0)) await p.close();
});

function pool(options: Partial<PoolOptions> = {}): WorkPool {
	const p = new WorkPool({ size: 1, queue: 4, timeoutMs: 30_000, memoryMb: 256, ...options });
	pools.push(p);
	return p;
}

function names(read: ImportRead): string[] {
	if (read.kind !== 'ready') throw new Error(`not ready: ${read.kind}`);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, read.map.update);
	return readSnapshot(doc).components.map((c) => c.name);
}

async function refusal(promise: Promise<unknown>): Promise<WorkError> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(WorkError);
	return err as WorkError;
}

describe('work pool', () => {
	it('finds the compiled worker entry (run `npm run build` before the tests)', () => {
		expect(workerFile()?.pathname).toMatch(/dist\/server\/convert\/worker\.js$/);
	});

	it('reads an import on a worker thread: the map comes back as one document update, as inline', async () => {
		const p = pool();
		const read = await p.run(tea);
		expect(p.state).toEqual({ workers: 1, running: 0, waiting: 0 });
		expect(names(read)).toEqual(['Tea', 'Water']);
		const inline = runJob(tea);
		expect(read.kind === 'ready' && read.summary).toEqual(inline.kind === 'ready' && inline.summary);
		expect(read.kind === 'ready' && read.map.title).toBe('Tea');
	});

	it('answers an import over the read limits without building it', async () => {
		const read = await pool().run({ ...endless, limits: LIMITS });
		expect(read).toMatchObject({ kind: 'too-big', line: 100_001, message: 'This text has 1,000,001 lines: an import reads at most 100,000. Split it into several maps.' });
	});

	it('renders a PNG on a worker thread', async () => {
		const read = runJob(tea);
		if (read.kind !== 'ready') throw new Error(read.kind);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, read.map.update);
		const png = await pool().run({ kind: 'png', snapshot: readSnapshot(doc), scale: 1, theme: 'default' });
		expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	});

	it('stops a job past its time limit, answers it, and runs the next job on a fresh worker', async () => {
		const p = pool({ timeoutMs: 300 });
		const err = await refusal(p.run(endless));
		expect(err.reason).toBe('timeout');
		expect(err.message).toBe('The job took more than 300 ms.');
		expect(names(await p.run(tea))).toEqual(['Tea', 'Water']);
	}, 30_000);

	it('stops a job past its heap limit, answers it, and runs the next job on a fresh worker', async () => {
		const p = pool({ memoryMb: 48 });
		const err = await refusal(p.run(endless));
		expect(err.reason).toBe('memory');
		expect(names(await p.run(tea))).toEqual(['Tea', 'Water']);
	}, 60_000);

	it('refuses at once when every worker is busy and the queue is full; queued jobs run in turn', async () => {
		const p = pool({ size: 1, queue: 1, timeoutMs: 500 });
		const running = refusal(p.run(endless));
		const queued = p.run(tea);
		const err = await refusal(p.run(tea));
		expect(err.reason).toBe('busy');
		expect((await running).reason).toBe('timeout');
		expect(names(await queued)).toEqual(['Tea', 'Water']);
	}, 30_000);

	it('replaces a worker whose heap a job left big, so the server does not keep that memory', async () => {
		const p = pool({ recycleMb: 1 });
		expect(names(await p.run(tea))).toEqual(['Tea', 'Water']);
		await until(() => p.state.workers === 0, 5000, 'the worker to be replaced');
		expect(names(await p.run(tea))).toEqual(['Tea', 'Water']);
	});

	it('runs jobs inline when there is no worker entry (development without a build)', async () => {
		const p = pool({ file: null });
		expect(names(await p.run(tea))).toEqual(['Tea', 'Water']);
		expect(p.state.workers).toBe(0);
	});

	it('rejects waiting and running jobs when closed', async () => {
		const p = pool({ size: 1, queue: 1 });
		const running = refusal(p.run(endless));
		const queued = refusal(p.run(tea));
		await p.close();
		expect((await running).message).toBe('The server is shutting down.');
		expect((await queued).message).toBe('The server is shutting down.');
		expect(p.state.workers).toBe(0);
	});
});

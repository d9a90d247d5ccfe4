// A worker thread's entry (compiled to dist/server/convert/worker.js): runs the jobs the pool
// posts, one at a time, and posts back each result (its bytes moved, not copied) or the error.
// It says when its modules are loaded, so the pool times jobs, not the worker's start, and how big
// its heap is after each job, so the pool can replace a worker that a large job left holding memory.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { runJob, transferables, type Job } from './jobs.js';

parentPort?.on('message', ({ id, job }: { id: number; job: Job }) => {
	try {
		const result = runJob(job);
		parentPort!.postMessage({ id, result, heapBytes: getHeapStatistics().total_heap_size }, transferables(result));
	} catch (err) {
		parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
	}
});
parentPort?.postMessage({ ready: true });

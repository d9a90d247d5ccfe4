// GET /api/debug/stats — process CPU, memory and open rooms, for benchmarks only: answers 404
// unless the server was started with STACKMAP_DEBUG_STATS=1. Runs a GC first when --expose-gc is on.
import { error, json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	if (process.env.STACKMAP_DEBUG_STATS !== '1') error(404, 'Not found');
	(globalThis as { gc?: () => void }).gc?.();
	return json({ cpu: process.cpuUsage(), memory: process.memoryUsage(), rooms: stackmap().rooms.size, at: Date.now() });
};

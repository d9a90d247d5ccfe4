// Watching a server child process's event loop and memory (loop-watch-child.mjs, preloaded with
// LOOP_WATCH_FLAGS): start, run the attack, stop and read the report from its output.
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from './collab.js';
import { until } from './collab.js';
import type { LoopReport } from './loop-watch.mjs';

export type { LoopReport };

/** Node flags that preload the watcher into a spawned server (spawnServer's nodeFlags). */
export const LOOP_WATCH_FLAGS = ['--import', fileURLToPath(new URL('./loop-watch-child.mjs', import.meta.url))];

const reports = (out: string) => out.split('\n').filter((l) => l.startsWith('LOOPWATCH '));

/** Start watching `srv` (spawned with LOOP_WATCH_FLAGS); `stop()` resolves with what it saw. */
export async function watchServer(srv: ServerProcess): Promise<{ stop(): Promise<LoopReport> }> {
	const before = reports(srv.output()).length;
	srv.child.kill('SIGUSR2');
	await until(() => reports(srv.output()).length > before, 5000, 'the server to start watching');
	return {
		async stop() {
			srv.child.kill('SIGUSR2');
			await until(() => reports(srv.output()).length > before + 1, 5000, 'the server’s loop report');
			return JSON.parse(reports(srv.output())[before + 1].slice('LOOPWATCH '.length)) as LoopReport;
		}
	};
}

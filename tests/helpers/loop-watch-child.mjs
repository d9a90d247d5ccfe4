// Preloaded into a server under test (node --import): SIGUSR2 starts watching the event loop and
// memory (loop-watch.mjs); the next SIGUSR2 stops and prints the report as one stdout line,
// `LOOPWATCH {json}`. Started watching, it prints `LOOPWATCH started`.
import { watchLoop } from './loop-watch.mjs';

/** @type {{ stop(): import('./loop-watch.mjs').LoopReport } | null} */
let watch = null;
process.on('SIGUSR2', () => {
	if (watch) {
		const report = watch.stop();
		watch = null;
		process.stdout.write(`LOOPWATCH ${JSON.stringify(report)}\n`);
	} else {
		watch = watchLoop();
		process.stdout.write('LOOPWATCH started\n');
	}
});

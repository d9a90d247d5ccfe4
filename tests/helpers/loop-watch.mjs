// Watches this process's event loop and memory while a test runs. On a shared machine (a VM whose
// cores the host also hands to others) the loop can wait hundreds of ms for a CPU with nothing of
// its own holding it up, so beside monitorEventLoopDelay (wall clock) this measures how long the
// main thread ran between two ticks of a timer: the work that held the loop up, whatever the
// machine's load (Linux /proc/thread-self/schedstat; elsewhere, the wall clock). Plain JavaScript:
// loop-watch-child.mjs preloads it into the built server.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';

/**
 * @typedef {object} LoopReport
 * @property {number} maxBlockedMs Longest the main thread ran between two ticks of the timer: what held the loop up, ms.
 * @property {number} maxDelayMs monitorEventLoopDelay's maximum (wall clock, waits for a CPU included), ms.
 * @property {number} growthMb Highest RSS seen less RSS at the start, MB.
 */

/** @returns {number | null} Nanoseconds the calling thread has run on a CPU, or null where that is not known. */
function onCpu() {
	try {
		return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
	} catch {
		return null;
	}
}

/**
 * Start watching (timer resolution `tickMs`); `stop()` gives what was seen.
 * @param {number} [tickMs]
 * @returns {{ stop(): LoopReport }}
 */
export function watchLoop(tickMs = 10) {
	const rssBefore = process.memoryUsage.rss();
	let rssMax = rssBefore;
	const delay = monitorEventLoopDelay({ resolution: tickMs });
	delay.enable();
	let last = { at: process.hrtime.bigint(), ran: onCpu() };
	let maxBlocked = 0;
	const timer = setInterval(() => {
		const now = { at: process.hrtime.bigint(), ran: onCpu() };
		const ran = now.ran !== null && last.ran !== null ? now.ran - last.ran : Number(now.at - last.at);
		maxBlocked = Math.max(maxBlocked, ran / 1e6);
		last = now;
		rssMax = Math.max(rssMax, process.memoryUsage.rss());
	}, tickMs);
	return {
		stop() {
			clearInterval(timer);
			delay.disable();
			return { maxBlockedMs: maxBlocked, maxDelayMs: delay.max / 1e6, growthMb: (rssMax - rssBefore) / (1024 * 1024) };
		}
	};
}

// A child process's CPU time and memory read from /proc (Linux), so any two servers are measured
// the same way whatever they expose themselves.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface ProcSample {
	/** user + system CPU time so far, ms (10 ms resolution on most kernels). */
	cpuMs: number;
	/** The user and system (kernel) parts of cpuMs. */
	userMs: number;
	systemMs: number;
	/** Resident set now and its peak, MiB. */
	rssMiB: number;
	peakMiB: number;
	/** performance.now() when sampled. */
	at: number;
}

/** Sample process `pid`'s CPU time (/proc/<pid>/stat utime + stime) and memory (/proc/<pid>/status). */
export function sample(pid: number): ProcSample {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name, which may itself contain spaces: state is field 3, utime 14, stime 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const userMs = (Number(fields[11]) * 1000) / TICKS;
	const systemMs = (Number(fields[12]) * 1000) / TICKS;
	const cpuMs = userMs + systemMs;
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { cpuMs, userMs, systemMs, rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024, at: performance.now() };
}

/** CPU used between two samples, % of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
	return ((b.cpuMs - a.cpuMs) / (b.at - a.at)) * 100;
}

/**
 * Time the main thread of process `pid` has spent runnable but waiting for a core, ms
 * (/proc/<pid>/task/<pid>/schedstat, second field, ns). NaN where the kernel does not keep it.
 */
export function runQueueWaitMs(pid: number): number {
	try {
		return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
	} catch {
		return NaN;
	}
}

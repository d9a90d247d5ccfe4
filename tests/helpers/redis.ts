// A throwaway Redis for one test file: STACKMAP_TEST_REDIS_URL when set, otherwise redis-server as a
// child process on 127.0.0.1 with a free port, no persistence, and a temp dir removed afterwards. No
// Redis installed: the tests fail saying how to get it. Tests that stop Redis need the local server.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './faults.js';

export interface TestRedis {
	/** redis://127.0.0.1:<port> (or STACKMAP_TEST_REDIS_URL). */
	url: string;
	port: number;
	/** Kill the server (the local one only): connections are refused until start(). */
	stop(): Promise<void>;
	/** Start it again on the same port, empty: nothing is persisted. */
	start(): Promise<void>;
	/** Stop a local server and remove its temp dir. */
	close(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

/** /usr/bin/redis-server, else the first redis-server on PATH, else null. */
function findRedisServer(): string | null {
	const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
	for (const dir of dirs) {
		const path = join(dir, 'redis-server');
		try {
			accessSync(path, constants.X_OK);
			return path;
		} catch {
			// not here
		}
	}
	return null;
}

/**
 * The process id of the Redis answering on `port`, or null while none answers: PING must get +PONG,
 * and INFO names the process, so that someone else's server on this port is not taken for ours.
 */
function answeringPid(port: number): Promise<number | null> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		const done = (pid: number | null) => {
			socket.destroy();
			resolve(pid);
		};
		socket.setTimeout(1000, () => done(null));
		socket.on('connect', () => socket.write('PING\r\nINFO server\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString('latin1');
			if (!reply.startsWith('+PONG\r\n')) {
				if (reply.includes('\r\n')) done(null);
				return;
			}
			const pid = /\r\nprocess_id:(\d+)\r\n/.exec(reply);
			if (pid) done(Number(pid[1]));
		});
		socket.on('error', () => done(null));
		socket.on('close', () => done(null));
	});
}

/** Start a throwaway Redis (or use STACKMAP_TEST_REDIS_URL's). */
export async function startRedis(): Promise<TestRedis> {
	const external = process.env.STACKMAP_TEST_REDIS_URL;
	if (external) {
		const needLocal = async () => {
			throw new Error('stopping Redis needs a local test server: unset STACKMAP_TEST_REDIS_URL');
		};
		return { url: external, port: Number(new URL(external).port || 6379), stop: needLocal, start: needLocal, close: async () => undefined };
	}
	const bin = findRedisServer();
	if (!bin) {
		throw new Error(
			'Redis is not installed: these tests need redis-server at /usr/bin/redis-server or on PATH ' +
				'(Debian: apt-get install redis-server; .ci/run does it) or STACKMAP_TEST_REDIS_URL pointing at a Redis server.'
		);
	}
	const dir = mkdtempSync(join(tmpdir(), 'stackmap-redis-'));
	let port = 0;
	let child: ChildProcess | null = null;
	// A test run that dies without close() must not leave servers behind.
	const killOnExit = () => child?.kill('SIGKILL');
	process.once('exit', killOnExit);

	const start = async () => {
		if (child) return;
		const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
		args.push('--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes', '--logfile', '');
		const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		child = proc;
		let output = '';
		const collect = (chunk: Buffer) => {
			output = (output + chunk.toString('utf8')).slice(-4000);
		};
		proc.stdout?.on('data', collect);
		proc.stderr?.on('data', collect);
		const state: { exited: string | null } = { exited: null };
		proc.once('error', (err) => (state.exited = String(err)));
		proc.once('exit', (code, signal) => (state.exited = `exit ${code ?? signal}`));
		const closed = new Promise((r) => proc.once('close', r));
		const deadline = Date.now() + READY_TIMEOUT_MS;
		for (;;) {
			if (proc.pid !== undefined && (await answeringPid(port)) === proc.pid) return;
			if (state.exited !== null || Date.now() > deadline) {
				const why = state.exited ?? `no PONG within ${READY_TIMEOUT_MS / 1000} s`;
				if (state.exited === null) await stopChild();
				child = null;
				// Its last words may still be in the pipe when it exits.
				await Promise.race([closed, new Promise((r) => setTimeout(r, 500))]);
				throw new Error(`redis-server did not start on port ${port} (${why}):\n${output}`);
			}
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	const stopChild = async () => {
		const proc = child;
		child = null;
		if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
		proc.kill('SIGKILL');
		await exited;
	};

	// Another test file may take the free port first: try another.
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		try {
			await start();
			break;
		} catch (err) {
			if (attempt === 3) {
				process.removeListener('exit', killOnExit);
				rmSync(dir, { recursive: true, force: true });
				throw err;
			}
		}
	}
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		stop: stopChild,
		start,
		async close() {
			await stopChild();
			process.removeListener('exit', killOnExit);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

// One e2e file's world: the built server (a child process on a fresh data folder) and one Chromium,
// started before the file's tests and stopped after them. Needs `npm run build` first.
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { spawnServer, tempDataDir, type ServerProcess } from './collab.js';

export interface ServerAndBrowser {
	readonly srv: ServerProcess;
	readonly browser: Browser;
}

/** Register the hooks that start and stop them; read `srv` and `browser` inside tests. `env` is the server's. */
export function serverAndBrowser(env: Record<string, string> = {}): ServerAndBrowser {
	let srv: ServerProcess | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		srv = await spawnServer(tempDataDir(), env);
		browser = await launchBrowser();
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
		srv?.child.kill('SIGKILL');
	});
	return {
		get srv() {
			if (!srv) throw new Error('the server starts in beforeAll');
			return srv;
		},
		get browser() {
			if (!browser) throw new Error('the browser starts in beforeAll');
			return browser;
		}
	};
}

/** Poll `fn` every 50 ms until `ok` holds or `ms` pass; returns the last value (the caller asserts on it). */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
	const start = Date.now();
	for (;;) {
		const v = await fn();
		if (ok(v) || Date.now() - start > ms) return v;
		await new Promise((r) => setTimeout(r, 50));
	}
}

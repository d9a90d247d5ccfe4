// A page for draw.ts in real Chromium (tests/helpers/browser.ts): serves the render modules
// (transpiled on the fly) and d3-selection on 127.0.0.1. `openDrawPage()` returns null when no
// Chromium is installed, so the tests can skip.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from './browser.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports":{"d3-selection":"/d3-selection.mjs"}}</script>
<script type="module">import * as draw from '/render/draw.js'; window.draw = draw;</script></head><body></body></html>`;

function serve(): Promise<Server> {
	const server = createServer((req, res) => {
		const url = req.url ?? '/';
		const send = (type: string, body: string) => {
			res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
			res.end(body);
		};
		if (url === '/') return send('text/html', PAGE);
		if (url === '/d3-selection.mjs') return send('text/javascript', readFileSync(`${root}node_modules/d3-selection/dist/d3-selection.mjs`, 'utf8'));
		const m = /^\/render\/([a-z-]+)\.js$/.exec(url);
		if (m && existsSync(`${root}src/lib/render/${m[1]}.ts`)) {
			const source = readFileSync(`${root}src/lib/render/${m[1]}.ts`, 'utf8');
			const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
			return send('text/javascript', js.outputText);
		}
		res.writeHead(404);
		res.end();
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface DrawPage {
	page: Page;
	close(): Promise<void>;
}

/** A page with `window.draw` = the draw.ts module loaded, or null without a Chromium. */
export async function openDrawPage(): Promise<DrawPage | null> {
	if (!chromiumPath()) return null;
	const server = await serve();
	let browser: Browser | null = null;
	try {
		browser = await launchBrowser();
		const page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
		// A string, not a function: vitest would rewrite a dynamic import inside a function.
		await page.waitForFunction('window.draw !== undefined', undefined, { timeout: 10_000 });
		const opened = browser;
		return {
			page,
			close: async () => {
				await opened.close();
				server.close();
			}
		};
	} catch (error) {
		await browser?.close();
		server.close();
		throw error;
	}
}

// Framing, in real Chromium: a page on another origin cannot put a Stackmap page (the map editor,
// with its key in the address) in a frame — clickjacking — while a map's SVG export still embeds
// anywhere, in a frame or an <img>. The headers themselves are checked in tests/server/headers.test.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createMapHttp, spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { launchBrowser, takeCspViolations } from '../helpers/browser.js';

let srv: ServerProcess;
let browser: Browser;
let other: Server;
let otherOrigin = '';
/** The hostile page's HTML, set by each test. */
let page = '';

beforeAll(async () => {
	srv = await spawnServer(tempDataDir());
	browser = await launchBrowser();
	other = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(page);
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await browser?.close();
	other?.close();
	srv?.child.kill('SIGKILL');
});

describe('framing', () => {
	it('another site cannot frame a map page, but can embed its SVG export', async () => {
		const map = await createMapHttp(srv.base, 'Framed');
		const editor = `${srv.base}/maps/${map.id}?key=${map.editKey}`;
		const svg = `${srv.base}/maps/${map.id}.svg?key=${map.viewKey}`;
		page = `<!doctype html><html><body>
			<iframe id="editor" src="${editor}" width="800" height="600"></iframe>
			<iframe id="export" src="${svg}" width="800" height="600"></iframe>
			<img id="picture" src="${svg}" width="400" height="300" alt="">
		</body></html>`;
		const tab = await browser.newPage();
		await tab.goto(otherOrigin);
		await tab.waitForFunction(() => (document.getElementById('picture') as HTMLImageElement).complete);
		const frameOf = async (id: string) => (await (await tab.$(`#${id}`))!.contentFrame())!;

		// The editor's frame holds Chromium's error page, not the map: nothing of it ran or showed.
		const blocked = await frameOf('editor');
		await expect.poll(() => blocked.url(), { timeout: 5000 }).toMatch(/^chrome-error:/);
		expect(await blocked.evaluate(() => document.querySelector('[data-testid="map-canvas"]'))).toBeNull();
		expect(await blocked.evaluate(() => document.body.innerText)).not.toContain('Framed');
		const refused = takeCspViolations(browser);
		expect(refused.some((v) => v.includes("frame-ancestors 'none'"))).toBe(true);

		// The export draws in a frame and as an image.
		const exported = await frameOf('export');
		expect(exported.url()).toBe(svg);
		expect(await exported.evaluate(() => document.documentElement.localName)).toBe('svg');
		expect(await tab.evaluate(() => (document.getElementById('picture') as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
		await tab.close();
	});
});

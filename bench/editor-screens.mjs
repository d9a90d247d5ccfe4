// On-screen pictures for the Legibility section of docs/benchmarks.md: the editor at 1440×900 on a copy
// of the seeded Greystone map and on the OWM golden master. Run from a built checkout of each
// version: node bench/editor-screens.mjs <before|after> <port> (writes /tmp/shot/screen-*.png).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [, , tag, port] = process.argv;
const data = mkdtempSync(join(tmpdir(), 'shot-'));
const child = spawn(process.execPath, ['dist/server/index.js'], { env: { ...process.env, PORT: port, HOST: '127.0.0.1', STACKMAP_DATA: data, STACKMAP_SEED: '1', STACKMAP_LOG_LEVEL: 'warn' }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 5000));
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	await context.addInitScript(() => localStorage.setItem('stackmap:name', 'Shot'));
	const page = await context.newPage();
	await page.goto(`${base}/catalogue?q=Greystone`);
	await page.getByRole('link', { name: 'Greystone Borough Council: technology stack' }).click();
	await page.getByRole('button', { name: 'Start your own copy' }).click();
	await page.waitForURL(/\/maps\/[A-Za-z0-9]+\?key=/, { timeout: 20000 });
	await page.getByTestId('map-canvas').waitFor();
	await page.waitForTimeout(3000);
	await page.screenshot({ path: `/tmp/shot/screen-greystone-${tag}.png` });
	const text = readFileSync('/work/shared/corpus/owm-golden/golden-master.owm', 'utf8');
	const res = await fetch(`${base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: text });
	const created = await res.json();
	await page.goto(created.editUrl);
	await page.getByTestId('map-canvas').waitFor();
	await page.waitForTimeout(3000);
	await page.screenshot({ path: `/tmp/shot/screen-golden-master-${tag}.png` });
} finally {
	await browser.close();
	child.kill('SIGKILL');
}

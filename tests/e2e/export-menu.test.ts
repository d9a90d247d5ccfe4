// The editor's Export menu in real Chromium: six links to the map's files carrying the page's key,
// each answering its format; Escape closes it; no WCAG A/AA violations while open.
import { expect, it } from 'vitest';
import { axe } from '../helpers/browser.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

it('links every export with the page key', async () => {
	const res = await fetch(`${e2e.srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: 'title Export me\ncomponent A [0.5, 0.5]' });
	const created = await res.json();
	const editKey = new URL(created.editUrl).searchParams.get('key')!;
	const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 800 } });
	await page.goto(created.editUrl);
	const join = page.getByRole('button', { name: 'Join without a name' });
	await Promise.race([join.waitFor({ timeout: 15_000 }).then(() => join.click()), page.getByTestId('map-canvas').waitFor({ timeout: 15_000 })]).catch(() => undefined);
	const summary = page.locator('summary', { hasText: 'Export' });
	await summary.click();
	const links = page.getByRole('list', { name: 'Export the map as' }).getByRole('link');
	expect(await links.count()).toBe(6);
	const types: string[] = [];
	for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
		expect(new URL(href).searchParams.get('key')).toBe(editKey);
		const r = await fetch(href);
		expect(r.status).toBe(200);
		types.push(r.headers.get('content-type')!.split(';')[0]);
	}
	expect(types).toEqual(['image/svg+xml', 'image/png', 'text/plain', 'text/plain', 'application/json', 'text/csv']);
	expect(await axe(page)).toEqual([]);
	await links.first().focus();
	await page.keyboard.press('Escape');
	expect(await page.locator('details.export').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
	expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
	await page.close();
});

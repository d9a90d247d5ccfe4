// "Import a map" on the home page in real Chromium: an error shown with its line and nothing
// created; fixed, the map opens with its components; CSV through the column-mapping step; a file;
// the paste form without JavaScript; no WCAG A/AA violations.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { axe } from '../helpers/browser.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

const BROKEN = `title Tea Shop
anchor Business [0.95, 0.63]
component Cup of Tea [0.79, oops]
component Kettle [0.43, 0.35]
Business->Cup of Tea
Cup of Tea->Kettle`;

/** The map the page opened, read with the facilitator key from its address. */
async function openedMap(page: Page): Promise<MapSnapshot> {
	await page.waitForURL(/\/maps\/[A-Za-z0-9]+\?key=/, { timeout: 15_000 });
	const url = new URL(page.url());
	// The other links arrive in the fragment; the page keeps them on the device and tidies the address.
	const id = url.pathname.split('/').pop()!;
	await page.waitForFunction((mapId) => !!localStorage.getItem(`stackmap:share:${mapId}`), id, { timeout: 10_000 });
	const share = JSON.parse((await page.evaluate((mapId) => localStorage.getItem(`stackmap:share:${mapId}`), id))!);
	expect(share.participant).toMatch(/^[\w-]{16,}$/);
	expect(share.viewer).toMatch(/^[\w-]{16,}$/);
	return (await fetch(`${e2e.srv.base}/api${url.pathname}?key=${url.searchParams.get('key')}`)).json();
}

// Each import is read in a worker thread; the first one in a loaded run also starts the worker.
describe('import form', { timeout: 60_000 }, () => {
	it('shows errors with their lines and creates nothing; fixed, opens the map', async () => {
		const page = await e2e.browser.newPage();
		await page.goto(e2e.srv.base);
		await page.getByLabel('Map text').fill(BROKEN);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		const problems = page.locator('#import-problems');
		await expect.poll(() => problems.textContent(), { timeout: 15_000 }).toContain('Line 3:');
		expect(await problems.textContent()).toMatch(/1 error: nothing has been imported/);
		expect(await page.getByLabel('Map text').getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByLabel('Map text').inputValue()).toBe(BROKEN);
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-problems');
		expect(await axe(page)).toEqual([]);

		await page.getByLabel('Map text').fill(BROKEN.replace('oops', '0.61'));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		const map = await openedMap(page);
		expect(map.title).toBe('Tea Shop');
		expect(map.components.map((c) => c.name)).toEqual(['Business', 'Cup of Tea', 'Kettle']);
		expect(map.links).toHaveLength(2);
		await page.getByRole('heading', { level: 1, name: 'Tea Shop' }).waitFor();
		await page.close();
	});

	it('imports what could be read when asked', async () => {
		const page = await e2e.browser.newPage();
		await page.goto(e2e.srv.base);
		await page.getByLabel('Map text').fill(BROKEN);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByRole('button', { name: /Import what could be read \(3 components, 2 links\)/ }).click();
		const map = await openedMap(page);
		expect(map.components).toHaveLength(3);
		await page.close();
	});

	it('takes a CSV through the column-mapping step', async () => {
		const page = await e2e.browser.newPage();
		await page.goto(e2e.srv.base);
		await page.getByLabel('Map text').fill('System,Company,Uses\nCRM,Microsoft,Database\nDatabase,Oracle,\n');
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByRole('heading', { name: "Match your spreadsheet's columns" }).waitFor();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('csv-mapping-heading');
		// Guessed from the headers: System → name, Company → supplier, Uses → depends on.
		expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('1');
		expect(await page.getByLabel('Supplier', { exact: true }).inputValue()).toBe('2');
		expect(await page.getByLabel('Depends on', { exact: true }).inputValue()).toBe('3');
		expect(await axe(page)).toEqual([]);
		// The user says "Company" is the product, not the supplier, and checks.
		await page.getByLabel('Supplier', { exact: true }).selectOption('');
		await page.getByLabel('Product', { exact: true }).selectOption('2');
		await Promise.all([page.waitForResponse((r) => r.url().includes('/import') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Check this mapping' }).click()]);
		await page.getByText('With this mapping: 2 components and 1 link.').waitFor();
		expect(await page.getByLabel('Product', { exact: true }).inputValue()).toBe('2');
		expect(await page.getByLabel('Supplier', { exact: true }).inputValue()).toBe('');
		await page.getByLabel('Title of the new map').fill('Our register');
		await page.getByRole('button', { name: 'Import 2 components' }).click();
		const map = await openedMap(page);
		expect(map.title).toBe('Our register');
		expect(map.components.map((c) => [c.name, c.product, c.supplier])).toEqual([
			['CRM', 'Microsoft', ''],
			['Database', 'Oracle', '']
		]);
		expect(map.links).toHaveLength(1);
		await page.close();
	});

	it('keeps text typed before the page has its script', async () => {
		const page = await e2e.browser.newPage();
		// The page's scripts arrive late (a slow connection, a busy machine): the text is typed first.
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		await page.route('**/_app/immutable/**', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(e2e.srv.base, { waitUntil: 'commit' });
		await page.getByLabel('Map text').waitFor();
		await page.getByLabel('Map text').fill('System,Company\nCRM,Microsoft\n');
		const hydrated = page.waitForLoadState('networkidle');
		release();
		await hydrated;
		expect(await page.getByLabel('Map text').inputValue()).toBe('System,Company\nCRM,Microsoft\n');
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByRole('heading', { name: "Match your spreadsheet's columns" }).waitFor();
		await page.close();
	});

	it('reads a chosen file into the text box', async () => {
		const page = await e2e.browser.newPage();
		await page.goto(e2e.srv.base);
		await page.getByLabel('Or choose a file').setInputFiles({ name: 'tea.owm', mimeType: 'text/plain', buffer: Buffer.from('title From a file\ncomponent A [0.5, 0.5]\n') });
		await expect.poll(() => page.getByLabel('Map text').inputValue(), { timeout: 15_000 }).toContain('title From a file');
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		expect((await openedMap(page)).title).toBe('From a file');
		await page.close();
	});

	it('works without JavaScript', async () => {
		const context = await e2e.browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(e2e.srv.base);
		await page.getByLabel('Map text').fill(BROKEN);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.waitForLoadState();
		expect(await page.locator('#import-problems').textContent()).toContain('Line 3:');
		expect(await page.getByLabel('Map text').inputValue()).toBe(BROKEN);
		await page.getByLabel('Map text').fill(BROKEN.replace('oops', '0.61'));
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.waitForURL(/\/maps\/[A-Za-z0-9]+\?key=/);
		const url = new URL(page.url());
		const map: MapSnapshot = await (await fetch(`${e2e.srv.base}/api${url.pathname}?key=${url.searchParams.get('key')}`)).json();
		expect(map.components).toHaveLength(3);
		await context.close();
	});
});

// The renewal radar in real Chromium against the built server with the fictional seed: choose a
// type and window with the GET form (also without JavaScript), see the opportunity and its
// councils, download the CSV, fetch the calendar feeds and parse them strictly; axe finds nothing.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from '../helpers/browser.js';
import { createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser } from '../helpers/e2e.js';
import { parseICalendar } from '../helpers/ical.js';

const e2e = serverAndBrowser({ STACKMAP_SEED: '1' });
// Payroll: Calderbrook and Wessmoor (notice 2027-09-30) and Greystone (2027-11-30) can buy together.
const PAYROLL = '/catalogue/radar?type=hr-payroll&from=2027-01-01&to=2029-12-31';

async function open(path: string, javaScriptEnabled = true): Promise<Page> {
	const context = await e2e.browser.newContext({ javaScriptEnabled, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${e2e.srv.base}${path}`);
	return page;
}

async function noViolations(page: Page) {
	expect(await axe(page)).toEqual([]);
}

describe('renewal radar in the browser', () => {
	it('finds the payroll opportunity from the form, with its councils, and downloads the CSV', async () => {
		const page = await open('/catalogue');
		await page.getByRole('link', { name: 'renewal radar' }).click();
		await page.getByRole('heading', { level: 1, name: 'Renewal radar' }).waitFor();
		await noViolations(page);
		await page.getByLabel('Component type', { exact: true }).selectOption('hr-payroll');
		await page.getByLabel('From', { exact: true }).fill('2027-01-01');
		await page.getByLabel('To', { exact: true }).fill('2029-12-31');
		await page.getByRole('button', { name: 'Show renewals' }).click();
		await page.waitForURL(/type=hr-payroll.*from=2027-01-01/);
		await page.getByRole('heading', { level: 2, name: '1 joint-procurement opportunity' }).waitFor();
		const table = page.getByRole('table', { name: /Councils in opportunity 1/ });
		const councils = await table.locator('tbody th').allTextContents();
		expect(councils).toEqual(['Calderbrook District Council', 'Wessmoor Council', 'Greystone Borough Council']);
		await noViolations(page);

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
		expect(download.suggestedFilename()).toBe('renewal-radar.csv');
		const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
		const lines = csv.trim().split(/\r?\n/);
		expect(lines[0]).toMatch(/^Due,Notice by,Ends,Type ID/);
		expect(lines).toHaveLength(5);
		expect(lines.filter((l) => l.includes('Calderbrook District Council') && l.includes('hr-payroll'))).toHaveLength(1);
		await page.context().close();
	});

	it('works without JavaScript and serves the radar as a calendar that parses', async () => {
		const page = await open(PAYROLL, false);
		expect(await page.getByRole('table', { name: /Councils in opportunity 1/ }).locator('tbody th').count()).toBe(3);
		const ics = await page.request.get(`${e2e.srv.base}/api/catalogue/radar.ics?type=hr-payroll&from=2027-01-01&to=2029-12-31`);
		expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
		const cal = parseICalendar(await ics.text());
		expect(cal.events).toHaveLength(4);
		expect(cal.events.map((e) => e.DTSTART)).toEqual(['20270930', '20270930', '20271130', '20290331']);
		expect(new Set(cal.events.map((e) => e.UID)).size).toBe(4);
		await page.context().close();
	});

	it("gives a published map's contract notices as a calendar, and type pages their concentration", async () => {
		const page = await open('/catalogue/types/m365');
		await page.getByRole('heading', { name: 'Supplier concentration' }).waitFor();
		expect(await page.getByRole('table', { name: /Share of councils on each supplier/ }).locator('tbody tr').count()).toBeGreaterThan(0);
		await noViolations(page);
		const href = await page.getByRole('link', { name: /Calderbrook District Council/ }).first().getAttribute('href');
		const mapId = href!.split('/').pop();
		const ics = await page.request.get(`${e2e.srv.base}/maps/${mapId}/contracts.ics`);
		expect(ics.status()).toBe(200);
		const cal = parseICalendar(await ics.text());
		expect(cal.events.length).toBeGreaterThan(5);
		expect(cal.events.some((e) => e.SUMMARY.includes('CDC/SLA/KCC-PAY'))).toBe(true);
		await page.goto(`${e2e.srv.base}/catalogue/suppliers`);
		await page.getByRole('heading', { name: 'Suppliers holding the most contracts' }).waitFor();
		await noViolations(page);
		await page.context().close();
	});

	it("refuses a private map's calendar without one of its keys", async () => {
		const map = await createMapHttp(e2e.srv.base, 'Private; with, commas');
		const refused = (await fetch(`${e2e.srv.base}/maps/${map.id}/contracts.ics`)).status;
		expect(refused).toBe(403);
		expect((await fetch(`${e2e.srv.base}/maps/${map.id}.json`)).status).toBe(refused);
		const res = await fetch(`${e2e.srv.base}/maps/${map.id}/contracts.ics?key=${map.viewKey}`);
		expect(res.status).toBe(200);
		expect(parseICalendar(await res.text()).properties['X-WR-CALNAME']).toBe('Contract notices: Private; with, commas');
	});
});

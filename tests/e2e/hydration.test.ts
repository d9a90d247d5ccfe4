// What someone types or ticks before a page's script has arrived (a slow connection, a busy machine)
// is still there once the page has loaded it: server-rendered forms set their fields' defaults, not
// their current values, so hydration does not write over the person's input.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

/** Open `path` with its scripts held back, `act` on the server-rendered page, then let them load. */
async function beforeScripts(path: string, act: (page: Page) => Promise<void>): Promise<Page> {
	const page = await e2e.browser.newPage();
	page.setDefaultTimeout(8000);
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route(/\/_app\/immutable\/.*\.js(\?|$)/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(`${e2e.srv.base}${path}`, { waitUntil: 'commit' });
	await act(page);
	const loaded = page.waitForLoadState('networkidle');
	release();
	await loaded;
	return page;
}

describe('input typed before the script arrives', () => {
	it('is kept in the organisation form (text and radio)', async () => {
		const page = await beforeScripts('/catalogue/organisations/new', async (p) => {
			await p.getByLabel('Name', { exact: true }).fill('Borchester City Council');
			await p.getByLabel('County council').check();
		});
		expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Borchester City Council');
		expect(await page.getByLabel('County council').isChecked()).toBe(true);
		await page.close();
	});

	it('is kept in the catalogue search and the radar’s dates, which start from the address', async () => {
		let page = await beforeScripts('/catalogue', async (p) => {
			await p.getByRole('searchbox').first().fill('payroll');
		});
		expect(await page.getByRole('searchbox').first().inputValue()).toBe('payroll');
		await page.close();
		page = await beforeScripts('/catalogue/radar?from=2027-01-01&to=2029-12-31', async (p) => {
			expect(await p.getByLabel('From', { exact: true }).inputValue()).toBe('2027-01-01');
			await p.getByLabel('To', { exact: true }).fill('2030-06-30');
		});
		expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2027-01-01');
		expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2030-06-30');
		await page.close();
	});

	it('is kept in the publish form (visibility, withholding, a contract group)', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Hydration map');
		const page = await beforeScripts(`/maps/${map.id}/publish?key=${map.facilitatorKey}`, async (p) => {
			await p.getByLabel(/^Published/).check();
			await p.locator('#withholdSuppliers').check();
			await p.getByRole('group', { name: /^Dates/ }).getByLabel('Publish dates').check();
		});
		expect(await page.getByLabel(/^Published/).isChecked()).toBe(true);
		expect(await page.locator('#withholdSuppliers').isChecked()).toBe(true);
		expect(await page.getByRole('group', { name: /^Dates/ }).getByLabel('Publish dates').isChecked()).toBe(true);
		await page.close();
	});
});

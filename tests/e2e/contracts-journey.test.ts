// Issue 22's journey in real Chromium, against the fictional seed: a council adds a contract to its
// payroll, sees it on the timeline and as a badge, publishes its contract dates only, and another
// council finds the joint-procurement opportunity on the renewal radar and subscribes to it; the
// calendar parses, carries the new notice date and none of the private reference.
import { describe, expect, it } from 'vitest';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { axe, newPage } from '../helpers/browser.js';
import { createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';
import { parseICalendar } from '../helpers/ical.js';

const e2e = serverAndBrowser({ STACKMAP_SEED: '1' });
const TITLE = 'Ambridge District Council stack';
// Seeded payroll notices fall on 2027-09-30 (Calderbrook, Wessmoor) and 2027-11-30 (Greystone).
const END = '2028-01-31';
const NOTICE = '2027-10-31';

describe('contracts from the map to the radar', () => {
	it('adds a contract, publishes its dates only, and another council finds it on the radar and in the calendar', async () => {
		const map = await createMapHttp(e2e.srv.base, TITLE);
		const page = await newPage(e2e.browser, { viewport: { width: 1400, height: 900 } });
		page.setDefaultTimeout(8000);
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		const stored = async (): Promise<MapSnapshot> => (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();

		// The council's map: a payroll component typed against the shared vocabulary, with a contract.
		await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.facilitatorKey}`);
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		await page.getByRole('button', { name: 'Table', exact: true }).click();
		await page.getByLabel('New component').fill('Payroll');
		await page.keyboard.press('Enter');
		await page.locator('#i-type').fill('HR & payroll');
		await page.keyboard.press('Tab');
		await page.getByRole('button', { name: 'Add contract' }).click();
		await page.waitForFunction(() => document.activeElement?.id === 'k-ref-0');
		await page.keyboard.type('AMB-PAY-01');
		await page.getByLabel('End date').fill(END);
		await page.keyboard.press('Tab');
		await page.getByLabel('Notice period (months)').fill('3');
		await page.keyboard.press('Tab');
		const s = await until(stored, (m) => m.components[0]?.contracts?.[0]?.noticeMonths === 3 && m.components[0]?.componentType === 'hr-payroll');
		expect(s.components[0]).toMatchObject({ name: 'Payroll', componentType: 'hr-payroll' });
		expect(s.components[0].contracts![0]).toMatchObject({ reference: 'AMB-PAY-01', end: END, noticeMonths: 3 });

		// The contracts view: one bar with its notice mark, and the badge on the map.
		await page.getByRole('button', { name: 'Contracts', exact: true }).click();
		await page.getByRole('combobox', { name: /^Notices due within/ }).selectOption('60');
		const id = s.components[0].id;
		await page.locator(`[data-badge="${id}"]`).waitFor();
		expect(await page.locator(`[data-badge="${id}"]`).textContent()).toContain(`Notice ${NOTICE}`);
		expect(await page.locator('[data-timeline] [data-bar]').count()).toBe(1);
		expect(await page.locator(`[data-timeline] [data-notice="${NOTICE}"]`).count()).toBe(1);

		// Publish, with the contract dates only.
		await page.goto(`${e2e.srv.base}/maps/${map.id}/publish?key=${map.facilitatorKey}`);
		await page.waitForLoadState('networkidle');
		await page.getByLabel(/^Published/).check();
		await page.getByRole('group', { name: /^Dates/ }).getByLabel('Publish dates').check();
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').getByText('Saved. The map is now published.').waitFor();
		expect(await page.getByLabel('Keep references private').isChecked()).toBe(true);

		// Another council: from its own map in the catalogue to the radar for its payroll.
		await page.goto(`${e2e.srv.base}/catalogue/types/hr-payroll`);
		await page.getByRole('link', { name: /Calderbrook District Council/ }).first().click();
		await page.waitForURL(/\/catalogue\/maps\//);
		await page.goto(`${e2e.srv.base}/catalogue`);
		await page.getByRole('link', { name: 'renewal radar' }).click();
		await page.getByRole('heading', { level: 1, name: 'Renewal radar' }).waitFor();
		await page.getByLabel('Component type', { exact: true }).selectOption('hr-payroll');
		await page.getByLabel('From', { exact: true }).fill('2027-01-01');
		await page.getByLabel('To', { exact: true }).fill('2029-12-31');
		await page.getByRole('button', { name: 'Show renewals' }).click();
		await page.waitForURL(/type=hr-payroll/);
		const councils = await page.getByRole('table', { name: /Councils in opportunity 1/ }).locator('tbody th').allTextContents();
		expect(councils).toContain(TITLE);
		expect(councils).toContain('Calderbrook District Council');
		const row = page.getByRole('table', { name: /Councils in opportunity 1/ }).getByRole('row', { name: new RegExp(TITLE) });
		expect(await row.textContent()).toContain(NOTICE);
		// Dates only: the reference stays private everywhere the radar shows.
		expect(await page.content()).not.toContain('AMB-PAY-01');
		expect(await axe(page)).toEqual([]);

		// The subscribe link gives a calendar that parses, with the new notice date.
		const href = await page.getByRole('link', { name: 'calendar (.ics)' }).getAttribute('href');
		const res = await page.request.get(new URL(href!, e2e.srv.base).toString());
		expect(res.headers()['content-type']).toMatch(/^text\/calendar/);
		const text = await res.text();
		const cal = parseICalendar(text);
		expect(cal.events.filter((e) => e.DTSTART === NOTICE.replaceAll('-', ''))).toHaveLength(1);
		expect(text).not.toContain('AMB-PAY-01');
		expect(errors).toEqual([]);
		await page.close();
	}, 90_000);
});

// Contracts in real Chromium, by keyboard: add one in the inspector, then the contracts view shows
// its timeline bar, a notice badge on the map and an "Act by" entry; no WCAG A/AA violations.
import { describe, expect, it } from 'vitest';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { addMonths, isoToday } from '../../src/lib/map/index.js';
import { createMapHttp } from '../helpers/collab.js';
import { axe, newPage } from '../helpers/browser.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

describe('contracts', () => {
	it('adds a contract in the inspector and shows it in the contracts view', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Contracts map');
		const page = await newPage(e2e.browser, { viewport: { width: 1400, height: 900 } });
		page.setDefaultTimeout(5000);
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.editKey}`);
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		const stored = async (): Promise<MapSnapshot> => (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();

		// A component from the table (the keyboard route), selected in the inspector.
		await page.getByRole('button', { name: 'Table', exact: true }).click();
		await page.getByLabel('New component').fill('Revenues and benefits');
		await page.keyboard.press('Enter');
		await page.getByRole('button', { name: 'Add contract' }).focus();
		await page.keyboard.press('Enter');
		const end = addMonths(isoToday(), 12);
		const notice = addMonths(end, -3);
		// The new contract's first field has the focus.
		await page.waitForFunction(() => document.activeElement?.id === 'k-ref-0');
		await page.keyboard.type('RB-2024-01 <script>');
		await page.keyboard.press('Tab');
		await page.getByLabel('End date').fill(end);
		await page.keyboard.press('Tab');
		await page.getByLabel('Notice period (months)').fill('3');
		await page.keyboard.press('Tab');
		await page.getByLabel('Procurement route or framework').fill('G-Cloud 14');
		await page.keyboard.press('Tab');
		let s = await until(stored, (m) => m.components[0]?.contracts?.[0]?.route === 'G-Cloud 14');
		expect(s.components[0].contracts![0]).toMatchObject({ reference: 'RB-2024-01 <script>', end, noticeMonths: 3, route: 'G-Cloud 14' });
		await page.getByText(`Active; notice by ${notice}`).waitFor();

		// A bad value is refused and said, not stored.
		await page.getByLabel('Start date').fill(addMonths(end, 1));
		await page.keyboard.press('Tab');
		await page.getByRole('alert').filter({ hasText: 'is before the start date' }).waitFor();
		s = await stored();
		expect(s.components[0].contracts![0].start).toBe('');
		// The field shows the stored value again.
		expect(await page.getByLabel('Start date').inputValue()).toBe('');

		// The table shows the next notice date.
		expect(await page.getByRole('cell', { name: notice }).count()).toBe(1);

		// The contracts view: a bar, a badge on the map, an act-by entry.
		await page.getByRole('button', { name: 'Contracts', exact: true }).click();
		const id = s.components[0].id;
		await page.locator(`[data-badge="${id}"]`).waitFor();
		expect(await page.locator(`[data-badge="${id}"]`).textContent()).toContain(`Notice ${notice}`);
		expect(await page.locator('[data-timeline] [data-bar]').count()).toBe(1);
		expect(await page.locator(`[data-timeline] [data-notice="${notice}"]`).count()).toBe(1);
		const entry = page.getByRole('list', { name: 'Act by' }).getByRole('listitem');
		expect(await entry.count()).toBe(1);
		expect(await entry.textContent()).toContain(`${notice} Revenues and benefits (RB-2024-01 <script>): give notice; contract ends ${end}`);
		// A shorter window than the notice date: no badge, the entry stays.
		await page.getByLabel('Notices due within').selectOption('3');
		await page.locator(`[data-badge="${id}"]`).waitFor({ state: 'detached' });
		expect(await entry.count()).toBe(1);
		// The vesting date is a map setting, marked on the timeline.
		await page.getByLabel('Vesting date (reorganisation)').fill('2028-04-01');
		await page.keyboard.press('Tab');
		await page.locator('[data-vesting="2028-04-01"]').waitFor({ state: 'attached' });
		s = await until(stored, (m) => m.vestingDate === '2028-04-01');
		expect(s.vestingDate).toBe('2028-04-01');
		// The table alternative.
		await page.getByText('The timeline as a table').click();
		expect(await page.getByRole('table', { name: 'Contracts of Contracts map' }).getByRole('row').count()).toBe(2);

		const violations = await axe(page);
		expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();
	});
});

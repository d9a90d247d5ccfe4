// Error pages in real Chromium (issue 21, item 10): a replaced or wrong link, a missing map, a
// private map, a weak link on a facilitator page and an unknown address each get a page in the
// site's frame that says what happened and what to do, with a way home, the status kept, axe clean.
import { describe, expect, it } from 'vitest';
import { axe } from '../helpers/browser.js';
import { createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

async function rotateEdit(id: string, facilitatorKey: string): Promise<void> {
	const res = await fetch(`${e2e.srv.base}/api/maps/${id}/links/edit`, { method: 'POST', headers: { authorization: `Bearer ${facilitatorKey}` } });
	expect(res.status).toBe(200);
}

describe('error pages', () => {
	it('explain each failure, keep the status and lead home', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Housing');
		await rotateEdit(map.id, map.facilitatorKey);
		const cases = [
			{ path: `/maps/${map.id}?key=${map.editKey}`, status: 403, heading: 'This link no longer works', says: 'This link no longer works — it may have been replaced. Ask your facilitator for a new link.' },
			{ path: `/maps/${map.id}?key=${'w'.repeat(32)}`, status: 403, heading: 'This link no longer works', says: 'Ask your facilitator for a new link.' },
			{ path: `/maps/${map.id}`, status: 403, heading: 'This map is private', says: 'You need a link to open this map.' },
			{ path: `/maps/ZZZZZZZZZZZZ?key=${map.facilitatorKey}`, status: 404, heading: 'No map here', says: 'There is no map at this address' },
			{ path: `/maps/not-a-map!`, status: 400, heading: 'No map here', says: 'This address is not a map link.' },
			{ path: `/maps/${map.id}/publish?key=${map.viewKey}`, status: 403, heading: 'Only a facilitator can do this', says: 'Ask your facilitator to do it' },
			{ path: `/no/such/page`, status: 404, heading: 'Page not found', says: 'There is nothing at this address.' }
		];
		const page = await e2e.browser.newPage();
		for (const c of cases) {
			const response = await page.goto(`${e2e.srv.base}${c.path}`);
			expect(response?.status(), c.path).toBe(c.status);
			const main = page.getByRole('main');
			expect(await main.getByRole('heading', { level: 1 }).textContent(), c.path).toBe(c.heading);
			expect(await main.textContent(), c.path).toContain(c.says);
			expect(await page.title()).toBe(`${c.heading} — Stackmap`);
			// In the site's frame: its banner and navigation, and a way home.
			await page.getByRole('banner').getByRole('navigation', { name: 'Main' }).waitFor();
			expect(await main.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe('/');
			expect(await axe(page), c.path).toEqual([]);
		}
		await page.getByRole('main').getByRole('link', { name: 'Go to the home page' }).click();
		await page.getByRole('heading', { level: 1, name: 'Stackmap' }).waitFor();
		await page.close();
	});
});

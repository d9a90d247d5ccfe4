// Links across devices in real Chromium (issue 21, item 9): the home page lists the maps this
// device holds (escaped, current titles; open and forget), a facilitator on another device gets
// the edit and view links from the server, and replacing the edit link warns first with a count.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { setMeta } from '../../src/lib/map/index.js';
import { axe } from '../helpers/browser.js';
import { createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser } from '../helpers/e2e.js';
import { capture, rawClient } from '../helpers/raw.js';

const e2e = serverAndBrowser();

/** A separate browser profile: its own localStorage, as another laptop would have. */
async function device(name: string): Promise<{ context: BrowserContext; page: Page }> {
	const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 850 } });
	await context.addInitScript((n) => localStorage.setItem('stackmap:name', n), name);
	return { context, page: await context.newPage() };
}

async function openMap(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 10_000 });
}

const TITLE = '<img src=x onerror="window.pwned=1"> Revenues & benefits';

describe('your maps, on any device', () => {
	it('lists the maps this device holds with escaped, current titles, and forgets one after a confirm', async () => {
		const map = await createMapHttp(e2e.srv.base, TITLE);
		const other = await createMapHttp(e2e.srv.base, 'Adult social care');
		const a = await device('Ana');
		await openMap(a.page, other.editUrl);
		await openMap(a.page, map.facilitatorUrl);

		// Renamed while open here: the list follows the live title.
		const raw = await rawClient(`ws://127.0.0.1:${e2e.srv.port}/collab`, map.id, map.facilitatorKey, 'Script');
		raw.sendUpdate(capture(raw.doc, () => setMeta(raw.doc, { title: `${TITLE} (2027)` })));
		await a.page.getByRole('heading', { level: 1, name: `${TITLE} (2027)` }).waitFor();
		raw.close();

		await a.page.goto(`${e2e.srv.base}/`);
		const yours = a.page.getByRole('region', { name: 'Your maps' });
		await yours.waitFor();
		const items = yours.getByRole('listitem');
		expect(await items.count()).toBe(2);
		// Last opened first; the title is text, never markup.
		expect(await items.nth(0).locator('.title').textContent()).toBe(`${TITLE} (2027)`);
		expect(await yours.locator('img').count()).toBe(0);
		expect(await a.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
		await expect(items.nth(0).textContent()).resolves.toMatch(/Facilitator · last opened \d/);
		await expect(items.nth(1).textContent()).resolves.toMatch(/Adult social care\s*Participant · last opened/);
		expect(await axe(a.page)).toEqual([]);

		// Open goes back in with the strongest link held.
		await items.nth(1).getByRole('link', { name: 'Open Adult social care' }).click();
		await a.page.waitForURL(`**/maps/${other.id}?key=${other.editKey}`);
		await a.page.goto(`${e2e.srv.base}/`);

		// Forget asks first; Cancel keeps the map, confirming drops its links from this device.
		await yours.getByRole('button', { name: `Forget ${TITLE} (2027)` }).click();
		const confirm = a.page.getByRole('alertdialog', { name: `Forget “${TITLE} (2027)” on this device?` });
		await confirm.waitFor();
		expect(await axe(a.page)).toEqual([]);
		await confirm.getByRole('button', { name: 'Cancel' }).click();
		expect(await items.count()).toBe(2);
		await yours.getByRole('button', { name: `Forget ${TITLE} (2027)` }).click();
		await confirm.getByRole('button', { name: 'Forget this map' }).click();
		await yours.getByRole('status').filter({ hasText: 'is forgotten on this device' }).waitFor();
		expect(await items.count()).toBe(1);
		expect(await a.page.evaluate((id) => localStorage.getItem(`stackmap:share:${id}`), map.id)).toBeNull();
		await a.page.reload();
		await yours.waitFor();
		expect(await items.count()).toBe(1);
		await a.context.close();
	});

	it('gives a facilitator on a new device the current links, and warns before replacing the edit link', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Waste and recycling');
		const ben = await device('Ben');
		await openMap(ben.page, map.editUrl);
		const fay = await device('Fay');
		await openMap(fay.page, map.facilitatorUrl);

		await fay.page.getByRole('button', { name: 'Share' }).click();
		const share = fay.page.getByRole('dialog', { name: 'Share this map' });
		const edit = share.getByRole('textbox', { name: 'Edit link' });
		await edit.waitFor();
		expect(await edit.inputValue()).toBe(`${e2e.srv.base}/maps/${map.id}?key=${map.editKey}`);
		expect(await share.getByRole('textbox', { name: 'View link' }).inputValue()).toBe(`${e2e.srv.base}/maps/${map.id}?key=${map.viewKey}`);
		expect(await share.getByText('This device does not hold this link').count()).toBe(0);

		// The warning names who would be cut off; Cancel replaces nothing.
		const editSection = share.locator('section', { has: fay.page.getByRole('heading', { name: /^Edit link/ }) });
		await editSection.getByRole('button', { name: 'New link' }).click();
		const warn = fay.page.getByRole('alertdialog', { name: 'Replace the edit link?' });
		await warn.waitFor();
		expect(await warn.textContent()).toContain('1 person is connected with the current edit link: they are disconnected at once.');
		expect(await axe(fay.page)).toEqual([]);
		await warn.getByRole('button', { name: 'Cancel' }).click();
		await warn.waitFor({ state: 'hidden' });
		expect((await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.editKey}`)).status).toBe(200);
		expect(await ben.page.getByText('This link is no longer valid').count()).toBe(0);

		await editSection.getByRole('button', { name: 'New link' }).click();
		await warn.getByRole('button', { name: 'Replace the edit link' }).click();
		await share.getByRole('status').filter({ hasText: 'New edit link made' }).waitFor();
		const replaced = new URL(await edit.inputValue()).searchParams.get('key')!;
		expect(replaced).not.toBe(map.editKey);
		await ben.page.getByRole('alert').filter({ hasText: 'This link is no longer valid' }).waitFor();
		expect((await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.editKey}`)).status).toBe(403);
		expect((await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${replaced}`)).status).toBe(200);
		await ben.context.close();
		await fay.context.close();
	});
});

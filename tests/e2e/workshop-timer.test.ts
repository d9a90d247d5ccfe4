// The shared timer in real Chromium, seen from the top bar of the map page by a facilitator, a
// participant and a viewer who never open the People panel: mm:ss counting down, the same for
// someone who joins late, and the last minute and the end announced politely, once each.
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTimer } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
	for (const c of contexts.splice(0)) await c.close();
});

async function person(name: string, url: string): Promise<Page> {
	const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 850 } });
	contexts.push(context);
	const page = await context.newPage();
	await page.addInitScript((n) => {
		localStorage.setItem('stackmap:name', n);
		// Every text the timer's live region is given, in order (what a screen reader would hear).
		const said: string[] = [];
		(window as unknown as { said: string[] }).said = said;
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="timer-announcement"]')?.textContent?.trim();
			if (text && said[said.length - 1] !== text) said.push(text);
		}).observe(document, { subtree: true, childList: true, characterData: true });
	}, name);
	await page.goto(url);
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 10_000 });
	await page.getByTestId('map-canvas').waitFor();
	return page;
}

/** The top bar's timer, as seconds left. */
async function secondsLeft(page: Page): Promise<number> {
	const text = (await page.locator('header [role="timer"]').textContent({ timeout: 5000 })) ?? '';
	const m = /^(\d\d):(\d\d)$/.exec(text.trim());
	if (!m) throw new Error(`timer reads “${text}”`);
	return Number(m[1]) * 60 + Number(m[2]);
}

const said = (page: Page) => page.evaluate(() => (window as unknown as { said: string[] }).said);

describe('the shared timer in the top bar', () => {
	it('counts down for everyone, late joiners included, and announces the last minute and the end once', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Timer');
		const ana = await person('Ana', map.facilitatorUrl);
		const ben = await person('Ben', map.editUrl);
		const cy = await person('Cy', map.viewUrl);

		// No timer, nothing in the top bar.
		expect(await ben.locator('header [role="timer"]').count()).toBe(0);

		// Ana starts a 3-minute timer from the People panel; Ben and Cy never open it.
		await ana.getByRole('button', { name: 'People' }).click();
		await ana.getByLabel('Minutes').fill('3');
		await ana.getByRole('button', { name: 'Start' }).click();
		for (const page of [ana, ben, cy]) {
			const s = await secondsLeft(page);
			expect(s).toBeGreaterThan(170);
			expect(s).toBeLessThanOrEqual(180);
		}
		// Live: it counts down without anyone touching the page.
		const first = await secondsLeft(ben);
		await ben.waitForTimeout(2200);
		const later = await secondsLeft(ben);
		expect(later).toBeLessThan(first);
		expect(first - later).toBeLessThanOrEqual(3);

		// Dee joins late and sees the same time left as Ben.
		const dee = await person('Dee', map.editUrl);
		const [d, b] = [await secondsLeft(dee), await secondsLeft(ben)];
		expect(Math.abs(d - b)).toBeLessThanOrEqual(1);

		// Another facilitator's device sets 62 s: the last minute starts two seconds later.
		const other = await connectClient(`ws://127.0.0.1:${e2e.srv.port}/collab`, map.id, map.facilitatorKey);
		startTimer(other.doc, 62_000);
		await ben.getByTestId('timer-announcement').filter({ hasText: 'One minute left' }).waitFor({ state: 'attached', timeout: 8000 });
		await cy.getByTestId('timer-announcement').filter({ hasText: 'One minute left' }).waitFor({ state: 'attached', timeout: 3000 });
		expect(await ben.getByTestId('timer-announcement').getAttribute('aria-live')).toBe('polite');
		// The ticking clock itself is not a live region (it would be read out every second).
		expect(await ben.locator('header [role="timer"]').getAttribute('aria-live')).toBeNull();
		await ben.waitForTimeout(2500);

		// A 2-second timer runs out: "Time is up" for everyone, the top bar says so.
		startTimer(other.doc, 2_000);
		for (const page of [ben, cy, dee]) await page.getByTestId('timer-announcement').filter({ hasText: 'Time is up' }).waitFor({ state: 'attached', timeout: 6000 });
		await ben.locator('header').getByText('time is up', { exact: true }).waitFor({ timeout: 3000 });
		expect(await secondsLeft(ben)).toBe(0);

		// Each moment was said once, not every second.
		await ben.waitForTimeout(1500);
		expect(await said(ben)).toEqual(['One minute left.', 'Time is up.']);
		expect(await said(cy)).toEqual(['One minute left.', 'Time is up.']);
		other.destroy();
	}, 60_000);
});

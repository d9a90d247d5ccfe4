// The panels beside the map in real Chromium at 1024×768 and 1440×900: the map keeps at least 70 %
// of the window's width with any panel open, each panel folds with a button (aria-expanded, by
// keyboard), this device remembers it across a reload, and the page still passes axe.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addComponent } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp } from '../helpers/collab.js';
import { axe, newPage } from '../helpers/browser.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

/** The map canvas's width as a share of the window's. */
const canvasShare = (page: Page) => page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')!.getBoundingClientRect().width / innerWidth);
const expanded = async (page: Page, name: string) => (await page.getByRole('button', { name, exact: true }).getAttribute('aria-expanded')) === 'true';

describe.each([
	{ width: 1024, height: 768 },
	{ width: 1440, height: 900 }
])('side panels at $width×$height', ({ width, height }) => {
	it('keep the map at ≥ 70 % of the width with a panel open, fold, and are remembered', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Panels map');
		const client = await connectClient(`ws://127.0.0.1:${e2e.srv.port}/collab`, map.id, map.facilitatorKey);
		addComponent(client.doc, { name: 'Revenues and benefits', evolution: 0.55, visibility: 0.8 });
		addComponent(client.doc, { name: 'Hosting', evolution: 0.95, visibility: 0.2 });
		const page = await newPage(e2e.browser, { viewport: { width, height } });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.facilitatorKey}`);
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		await page.getByTestId('map-canvas').waitFor();
		const shares: Record<string, number> = {};

		// First visit: the details panel is open beside the map; the palette is folded to a rail.
		expect(await expanded(page, 'Details')).toBe(true);
		expect(await expanded(page, 'Palette')).toBe(false);
		expect(await page.getByLabel('Search the shared vocabulary').isVisible()).toBe(false);
		shares.details = await canvasShare(page);

		// Open the palette (by keyboard): it opens over the map's edge, the map keeps its width.
		await page.getByRole('button', { name: 'Palette', exact: true }).focus();
		await page.keyboard.press('Enter');
		expect(await expanded(page, 'Palette')).toBe(true);
		await page.getByLabel('Search the shared vocabulary').waitFor();
		shares.palette = await canvasShare(page);

		// Esc in the drawer closes it and goes back to its button; the button opens it again.
		await page.getByLabel('Search the shared vocabulary').focus();
		await page.keyboard.press('Escape');
		expect(await expanded(page, 'Palette')).toBe(false);
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/Palette$/);
		await page.keyboard.press('Enter');
		expect(await expanded(page, 'Palette')).toBe(true);

		// People open too: a drawer over the details panel's column.
		await page.getByRole('button', { name: 'People', exact: true }).click();
		const people = page.getByRole('complementary', { name: 'People and facilitation' });
		await people.getByRole('heading', { name: /People here/ }).waitFor();
		shares.people = await canvasShare(page);
		const violations = await axe(page);
		expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

		// Fold the details panel with the keyboard (Space): the map takes its room.
		await page.getByRole('button', { name: 'People', exact: true }).click();
		await page.getByRole('button', { name: 'Details', exact: true }).focus();
		await page.keyboard.press('Space');
		expect(await expanded(page, 'Details')).toBe(false);
		await page.waitForFunction((before) => document.querySelector('[data-testid="map-canvas"]')!.getBoundingClientRect().width / innerWidth > before, shares.details);
		shares.folded = await canvasShare(page);
		for (const [what, share] of Object.entries(shares)) expect(share, `${what} at ${width}×${height}`).toBeGreaterThanOrEqual(0.7);

		// This device remembers: after a reload the details stay folded and the palette open.
		await page.reload();
		await page.getByTestId('map-canvas').waitFor();
		expect(await expanded(page, 'Details')).toBe(false);
		expect(await expanded(page, 'Palette')).toBe(true);
		expect(await page.getByLabel('Search the shared vocabulary').isVisible()).toBe(true);
		expect(await page.getByRole('button', { name: 'People', exact: true }).getAttribute('aria-expanded')).toBe('false');
		expect(await canvasShare(page)).toBeCloseTo(shares.folded, 2);
		expect(errors).toEqual([]);
		client.destroy();
		await page.close();
	});
});

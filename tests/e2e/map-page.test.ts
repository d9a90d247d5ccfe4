// In real Chromium: a map page draws what another client adds, live, and keeps it across reload;
// creating a map from the home page works; no WCAG A/AA violations on either page.
import { describe, expect, it } from 'vitest';
import { addComponent, addLink } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp } from '../helpers/collab.js';
import { axe, newPage } from '../helpers/browser.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

describe('map page', () => {
	it('draws a component added by another client within a second, and after reload', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Live map');
		const page = await newPage(e2e.browser, { viewport: { width: 1280, height: 800 } });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.editKey}`);
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });

		const client = await connectClient(`ws://127.0.0.1:${e2e.srv.port}/collab`, map.id, map.editKey);
		const start = Date.now();
		const a = addComponent(client.doc, { name: 'Council Tax Online', evolution: 0.6, visibility: 0.8 });
		const b = addComponent(client.doc, { name: 'Payments <script>x</script>', evolution: 0.8, visibility: 0.4 });
		addLink(client.doc, { from: a, to: b });
		const canvas = page.getByTestId('map-canvas');
		// A label may wrap onto several lines (tspans): compare its words. Labels are drawn in a
		// stacked layer above the canvas's own <svg> (both roots are `.map-root`).
		const label = (id: string) => page.locator(`.map-root text[data-collection="components"][data-id="${id}"]`);
		const words = async (id: string) => ((await label(id).evaluate((el) => [...el.childNodes].map((n) => n.textContent).join(' '))) ?? '').replace(/\s+/g, ' ').trim();
		await label(a).waitFor({ timeout: 1000 });
		const latency = Date.now() - start;
		expect(latency).toBeLessThan(1000);
		expect(await words(a)).toBe('Council Tax Online');
		await label(b).waitFor({ timeout: 1000 });
		// Wrapped after the "/" (a break the wrapping allows): the text is all there, as text.
		expect((await words(b)).replace(/ /g, '')).toBe('Payments<script>x</script>');
		expect(await page.locator('script', { hasText: 'x' }).count()).toBe(0);
		expect(await canvas.locator(`[data-collection="links"]`).count()).toBe(1);

		await page.reload();
		await label(a).waitFor({ timeout: 5000 });
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		expect(errors).toEqual([]);
		const violations = await axe(page);
		expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
		client.destroy();
		await page.close();
	});

	it('creates a map from the home page and opens it', async () => {
		const page = await newPage(e2e.browser);
		await page.goto(e2e.srv.base);
		expect(await axe(page)).toEqual([]);
		await page.getByLabel('Map title').fill('Adult social care');
		await page.getByRole('button', { name: 'Create map' }).click();
		await page.waitForURL(/\/maps\/[A-Za-z0-9]{12}\?key=/);
		await page.getByRole('heading', { name: 'Adult social care' }).waitFor();
		await page.getByText('Facilitator').waitFor();
		await page.close();
	});
});

// Keyboard focus on the map in real Chromium: "Skip to the map", then Tab walks the map's elements
// down the value chain (not the order they are drawn in), each with its focus ring and name, and
// Tab past the last element (Shift+Tab before the first) leaves the map for the next control.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addComponent, addLink, addNote } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp } from '../helpers/collab.js';
import { newPage } from '../helpers/browser.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

/** The focused element: where it is (in the map or not) and what a screen reader calls it. */
function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement!;
		const canvas = document.querySelector('[data-testid="map-canvas"]')!;
		const ring = document.querySelector('.overlay-svg .focus');
		// A user need is drawn by its label alone (in the labels' own layer): its element is empty.
		let box = el.getBoundingClientRect();
		if (box.width === 0 && box.height === 0) box = document.querySelector(`.labels-svg [data-id="${el.getAttribute('data-id')}"]`)?.getBoundingClientRect() ?? box;
		const r = ring?.getBoundingClientRect();
		return {
			inMap: canvas.contains(el) && el !== canvas,
			isCanvas: el === canvas,
			after: canvas.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? true : false,
			name: el.getAttribute('aria-label'),
			panel: el.closest('aside')?.getAttribute('aria-label') ?? null,
			// The focus ring is drawn around the focused element (it holds the element's centre).
			ringed: !!r && r.left <= box.left + box.width / 2 && r.right >= box.left + box.width / 2 && r.top <= box.top + box.height / 2 && r.bottom >= box.top + box.height / 2
		};
	});
}

describe('keyboard focus on the map', () => {
	it('tabs from "Skip to the map" down the value chain, then out to the next control and back', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Tab map');
		const client = await connectClient(`ws://127.0.0.1:${e2e.srv.port}/collab`, map.id, map.editKey);
		const resident = addComponent(client.doc, { name: 'Resident', kind: 'anchor', evolution: 0.5, visibility: 0.95 });
		const website = addComponent(client.doc, { name: 'Website', evolution: 0.6, visibility: 0.7 });
		const hosting = addComponent(client.doc, { name: 'Hosting', evolution: 0.8, visibility: 0.3 });
		addComponent(client.doc, { name: 'Forms', evolution: 0.3, visibility: 0.7 });
		addNote(client.doc, { text: 'Renew in 2027', evolution: 0.2, visibility: 0.2 });
		addLink(client.doc, { from: resident, to: website });
		addLink(client.doc, { from: website, to: hosting });

		const page = await newPage(e2e.browser, { viewport: { width: 1024, height: 768 } });
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.editKey}`);
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		await page.locator(`.editor-canvas [data-id="${hosting}"][tabindex]`).waitFor();

		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the map');
		await page.keyboard.press('Enter');
		// The skip link lands on the map itself, which says how to use it.
		const landed = await focused(page);
		expect(landed.isCanvas).toBe(true);
		expect(await page.getByTestId('map-canvas').getAttribute('aria-label')).toMatch(/Tab moves between elements/);

		const expected = [
			/^User need Resident, evolution 0\.50/,
			/^Component Forms, evolution 0\.30/,
			/^Component Website, evolution 0\.60/,
			/^Component Hosting, evolution 0\.80/,
			/^Note Renew in 2027$/,
			/^Link from Resident to Website$/,
			/^Link from Website to Hosting$/
		];
		const names: string[] = [];
		for (let i = 0; i < expected.length + 1; i++) {
			await page.keyboard.press('Tab');
			const f = await focused(page);
			if (!f.inMap) break;
			expect(f.ringed, `focus ring around ${f.name}`).toBe(true);
			names.push(f.name ?? '');
		}
		expect(names).toHaveLength(expected.length);
		names.forEach((name, i) => expect(name).toMatch(expected[i]));
		// Tab on the last element left the map for the next control: the details panel beside it.
		const out = await focused(page);
		expect(out).toMatchObject({ inMap: false, after: true, panel: 'Details' });

		// Shift+Tab comes back to the element left last, then walks up the chain, then out.
		await page.keyboard.press('Shift+Tab');
		expect((await focused(page)).name).toMatch(expected.at(-1)!);
		for (let i = expected.length - 2; i >= 0; i--) {
			await page.keyboard.press('Shift+Tab');
			expect((await focused(page)).name).toMatch(expected[i]);
		}
		await page.keyboard.press('Shift+Tab');
		expect(await focused(page)).toMatchObject({ inMap: false, isCanvas: false, after: false });
		// Tab goes back into the map at the element it was left at, not at the canvas.
		await page.keyboard.press('Tab');
		expect((await focused(page)).name).toMatch(expected[0]);
		expect(errors).toEqual([]);
		client.destroy();
		await page.close();
	});
});

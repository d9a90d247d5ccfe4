// Legible big maps in real Chromium: "Show only" a layer in the editor dims the rest (and goes
// with the SVG export); selecting a component makes its value chain's links strong and fades the
// others; the key to the marks shows on request (remembered) and is in the SVG export; the
// catalogue map page and the compare page filter by `?focus=` and say how much shows.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { axe, newPage } from '../helpers/browser.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';
import { allElements, parseXml, textContent } from '../unit/render/xml.js';

const e2e = serverAndBrowser({ STACKMAP_SEED: '1' });

const OWM = `title Focus map
anchor Residents [0.95, 0.5]
component Portal [0.8, 0.45] (buy)
// stackmap: {"component":"Portal","componentType":"customer-portal","supplier":"Granicus","lifecycle":"live"}
component Waste [0.6, 0.25] (build)
// stackmap: {"component":"Waste","componentType":"waste-collection","supplier":"Bartec","lifecycle":"live"}
component Cloud [0.2, 0.7]
// stackmap: {"component":"Cloud","componentType":"cloud-hosting","supplier":"Microsoft"}
component Lone [0.4, 0.85]
Residents->Portal
Residents->Waste
Waste->Cloud
Portal->Lone`;

interface Imported {
	id: string;
	editUrl: string;
	viewUrl: string;
}

async function importMap(): Promise<{ created: Imported; map: MapSnapshot; key: string }> {
	const res = await fetch(`${e2e.srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: OWM });
	expect(res.status).toBe(201);
	const created = (await res.json()) as Imported;
	const key = new URL(created.editUrl).searchParams.get('key')!;
	const map = (await (await fetch(`${e2e.srv.base}/api/maps/${created.id}?key=${key}`)).json()) as MapSnapshot;
	return { created, map, key };
}

async function openEditor(url: string): Promise<{ page: Page; errors: string[] }> {
	const page = await newPage(e2e.browser, { viewport: { width: 1400, height: 850 } });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(url);
	await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
	await page.getByTestId('map-canvas').waitFor();
	return { page, errors };
}

/** The opacity the main drawing gives the element drawing `id` (its symbol or line). */
const opacity = (page: Page, id: string) =>
	page.locator(`svg.editor-canvas [data-id="${id}"]`).first().evaluate((el) => el.getAttribute('opacity'));
const byName = (map: MapSnapshot, name: string) => map.components.find((c) => c.name === name)!.id as string;
const linkOf = (map: MapSnapshot, from: string, to: string) => map.links.find((l) => l.from === byName(map, from) && l.to === byName(map, to))!.id as string;

describe('focus, value chains and the key', () => {
	it('shows one layer in the editor: the rest dims, it is announced, and the SVG export matches', { timeout: 60_000 }, async () => {
		const { created, map, key } = await importMap();
		const { page, errors } = await openEditor(created.editUrl);
		await page.locator('summary', { hasText: 'View' }).click();
		await page.getByLabel('Show only').selectOption('layer:Business Areas');
		await page.getByTestId('focus-summary').getByText('Showing 1 of 4 components; the rest is dimmed.').waitFor();
		await page.locator('[role="status"][aria-live="polite"]', { hasText: 'Showing 1 of 4 components' }).waitFor();
		expect(await opacity(page, byName(map, 'Waste'))).toBeNull();
		expect(await opacity(page, byName(map, 'Portal'))).toBe('0.2');
		expect(await opacity(page, byName(map, 'Cloud'))).toBe('0.2');
		// Still visible, faintly: the dimmed elements are drawn, and keep their accessible names.
		expect(await page.locator(`svg.editor-canvas [data-id="${byName(map, 'Portal')}"]`).first().getAttribute('aria-label')).toMatch(/^Component Portal/);
		expect(await axe(page)).toEqual([]);
		// The SVG export carries the filter and dims the same elements.
		await page.locator('summary', { hasText: 'Export' }).click();
		const href = await page.locator('a[data-format="svg"]').evaluate((a) => (a as HTMLAnchorElement).href);
		expect(new URL(href).searchParams.get('focus')).toBe('layer:Business Areas');
		expect(new URL(href).searchParams.get('key')).toBe(key);
		const svg = parseXml(await (await fetch(href)).text());
		const exported = (id: string) => allElements(svg).find((e) => e.attrs['data-id'] === id)!.attrs.opacity;
		expect(exported(byName(map, 'Waste'))).toBeUndefined();
		expect(exported(byName(map, 'Portal'))).toBe('0.2');
		// So does the PNG: a different picture from the unfiltered one.
		const png = await page.locator('a[data-format="png"]').evaluate((a) => (a as HTMLAnchorElement).href);
		expect(new URL(png).searchParams.get('focus')).toBe('layer:Business Areas');
		const unfiltered = new URL(png);
		unfiltered.searchParams.delete('focus');
		const [a, b] = await Promise.all([png, unfiltered.href].map(async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer())));
		expect(a.length).toBeGreaterThan(0);
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
		// Back to everything (the View menu is still open).
		await page.keyboard.press('Escape');
		await page.getByRole('button', { name: 'Show everything' }).click();
		await page.locator('[role="status"][aria-live="polite"]', { hasText: 'Showing every component' }).waitFor();
		expect(await opacity(page, byName(map, 'Portal'))).toBeNull();
		expect(errors).toEqual([]);
		await page.close();
	});

	it('draws the selection\'s value chain strong and fades links off it', async () => {
		const { created, map } = await importMap();
		const { page, errors } = await openEditor(created.editUrl);
		const waste = (await page.locator(`svg.editor-canvas [data-id="${byName(map, 'Waste')}"] circle`).first().boundingBox())!;
		await page.mouse.click(waste.x + waste.width / 2, waste.y + waste.height / 2);
		// Off the component (its hover would light its chain and dim everything else).
		const canvas = (await page.getByTestId('map-canvas').boundingBox())!;
		await page.mouse.move(canvas.x + 5, canvas.y + 5);
		const onChain = page.locator(`svg.editor-canvas [data-id="${linkOf(map, 'Waste', 'Cloud')}"]`);
		await onChain.and(page.locator('[data-chain="true"]')).waitFor();
		expect(await page.locator(`svg.editor-canvas [data-id="${linkOf(map, 'Residents', 'Waste')}"]`).getAttribute('data-chain')).toBe('true');
		expect(Number(await onChain.getAttribute('stroke-width'))).toBeGreaterThan(1);
		expect(await opacity(page, linkOf(map, 'Waste', 'Cloud'))).toBeNull();
		expect(await opacity(page, linkOf(map, 'Portal', 'Lone'))).toBe('0.15');
		expect(await opacity(page, linkOf(map, 'Residents', 'Portal'))).toBe('0.15');
		// Components are not faded: only links.
		expect(await opacity(page, byName(map, 'Portal'))).toBeNull();
		// The option off: the other links are back, the chain stays strong.
		await page.locator('summary', { hasText: 'View' }).click();
		await page.getByLabel('Fade links off the selection’s value chain').uncheck();
		await until(() => opacity(page, linkOf(map, 'Portal', 'Lone')), (v) => v === null);
		expect(await onChain.getAttribute('data-chain')).toBe('true');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('shows the key on request, remembers it on the device, and the SVG export has it', async () => {
		const { created } = await importMap();
		const { page, errors } = await openEditor(created.editUrl);
		expect(await page.locator('svg.editor-canvas [data-legend="marks"]').count()).toBe(0);
		await page.locator('summary', { hasText: 'View' }).click();
		await page.getByLabel('Key to the marks (below the map)').check();
		const key = page.locator('svg.editor-canvas [data-legend="marks"]');
		await key.waitFor();
		expect(await key.locator('text').allTextContents()).toEqual(['Key', 'Build (in house)', 'Buy (product)', 'Link (needs)']);
		// Below the plot: under the evolution axis's bottom line.
		const plotBottom = await page.locator('svg.editor-canvas [data-layer="axes"] path').first().boundingBox();
		expect((await key.boundingBox())!.y).toBeGreaterThanOrEqual(plotBottom!.y + plotBottom!.height - 1);
		await page.reload();
		await page.getByTestId('map-canvas').waitFor();
		await page.locator('svg.editor-canvas [data-legend="marks"]').waitFor();
		// The export, downloaded as the menu links it.
		await page.locator('summary', { hasText: 'Export' }).click();
		const href = await page.locator('a[data-format="svg"]').evaluate((a) => (a as HTMLAnchorElement).href);
		const svg = parseXml(await (await fetch(href)).text());
		const legend = allElements(svg).find((e) => e.attrs['data-legend'] === 'marks')!;
		expect(allElements(legend).filter((e) => e.name === 'text').map(textContent)).toEqual(['Key', 'Build (in house)', 'Buy (product)', 'Link (needs)']);
		expect(allElements(legend).filter((e) => e.attrs['data-marker']).map((e) => e.attrs['data-marker'])).toEqual(['build', 'buy']);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('filters the catalogue map page and the compare page by ?focus=, as a shareable URL', async () => {
		const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${e2e.srv.base}/catalogue?q=Kestrelford`);
		await page.getByRole('link', { name: 'Kestrelford County Council: technology stack' }).click();
		await page.getByRole('heading', { level: 1, name: 'Kestrelford County Council: technology stack' }).waitFor();
		await page.getByLabel('Show only').selectOption('layer:Business Areas');
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await page.waitForURL(/focus=layer%3ABusiness\+Areas|focus=layer:Business/);
		const summary = await page.getByTestId('focus-summary').textContent();
		const [, shown, total] = /Showing (\d+) of (\d+) components/.exec(summary ?? '')!;
		expect(Number(shown)).toBeGreaterThan(0);
		expect(Number(shown)).toBeLessThan(Number(total));
		const dimmed = await page.locator('figure.map-figure svg [data-collection="components"][opacity="0.2"]').count();
		expect(dimmed).toBeGreaterThan(0);
		expect(await axe(page)).toEqual([]);
		// The download link carries the filter; so does the shared URL.
		const download = await page.getByRole('link', { name: /SVG picture \(as filtered\)/ }).getAttribute('href');
		const svg = await (await fetch(`${e2e.srv.base}${download}`)).text();
		expect(svg).toContain('opacity="0.2"');
		// Compare: the same filter dims both drawings and counts each map.
		await page.getByRole('link', { name: 'Compare with another map' }).click();
		await page.getByRole('link', { name: /Compare with map Calderbrook District Council/ }).click();
		await page.getByRole('heading', { level: 1, name: 'Kestrelford and Calderbrook' }).waitFor();
		await page.getByLabel('Show only').selectOption('layer:Business Areas');
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await page.waitForURL(/focus=/);
		expect(await page.getByTestId('focus-summary').textContent()).toMatch(/Kestrelford: Showing \d+ of \d+ components; Calderbrook: Showing \d+ of \d+ components/);
		for (const fig of await page.locator('figure .map-figure svg').all()) {
			expect(await fig.locator('[data-collection="components"][opacity="0.2"]').count()).toBeGreaterThan(0);
		}
		expect(await axe(page)).toEqual([]);
		await context.close();
	});
});

describe('focus without JavaScript', () => {
	it('keeps the chosen filter selected in the server-rendered form', async () => {
		const context = await e2e.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${e2e.srv.base}/catalogue?q=Kestrelford`);
		await page.getByRole('link', { name: 'Kestrelford County Council: technology stack' }).click();
		await page.getByLabel('Show only').selectOption('lifecycle:live');
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await page.waitForURL(/focus=lifecycle/);
		expect(await page.getByLabel('Show only').inputValue()).toBe('lifecycle:live');
		await page.getByTestId('focus-summary').getByText(/Showing \d+ of \d+ components/).waitFor();
		await page.getByRole('link', { name: 'Show everything' }).click();
		await page.waitForURL((u) => !u.searchParams.has('focus'));
		expect(await page.locator('figure.map-figure svg [opacity="0.2"]').count()).toBe(0);
		await context.close();
	});
});

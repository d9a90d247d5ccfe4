// The whole workshop journey of issue 21 as one browser test, at a laptop's 1440×900 and at 1024×768:
// create a map, build ten components by mouse and by keyboard, link by the handle several times,
// lock one, run a timer, publish, compare within the smaller map's types, import a map with slips,
// export. A second person joins by the edit link and sees what the facilitator does.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { axe } from '../helpers/browser.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser({ STACKMAP_SEED: '1' });

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> {
	const start = Date.now();
	for (;;) {
		const v = await fn();
		if (ok(v) || Date.now() - start > ms) return v;
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function person(name: string, viewport: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
	const context = await e2e.browser.newContext({ viewport });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.addInitScript((n) => localStorage.setItem('stackmap:name', n), name);
	return { page, context, errors };
}

async function connected(page: Page): Promise<void> {
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 15_000 });
	await page.getByTestId('map-canvas').waitFor();
}

function markOf(page: Page, id: string) {
	return page.locator(`.map-root circle[data-collection="components"][data-id="${id}"], .map-root g[data-collection="components"][data-id="${id}"] > circle`).first();
}

async function centre(page: Page, id: string): Promise<{ x: number; y: number }> {
	const b = (await markOf(page, id).boundingBox())!;
	return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

const SLIPPED = `title Slipped map
// Attribution: written by someone else, CC BY-SA 4.0
anchor Resident [0.95, 0.5]
component Website [0.8, 0.6] label [-5, 2] ?
component Hosting [0.3. 0.85]
component
Resident->Website
Website->Hosting`;

async function journey(viewport: { width: number; height: number }): Promise<void> {
	const base = e2e.srv.base;
	const ana = await person('Ana', viewport);
	const { page } = ana;

	// Create a map from the home page.
	const title = `Journey ${viewport.width}`;
	await page.goto(base);
	await page.getByLabel('Map title').fill(title);
	await page.getByRole('button', { name: 'Create map' }).click();
	await page.waitForURL(/\/maps\/[A-Za-z0-9]+\?key=/, { timeout: 15_000 });
	await connected(page);
	const url = new URL(page.url());
	const id = url.pathname.split('/').pop()!;
	const facilitatorKey = url.searchParams.get('key')!;
	await page.waitForFunction((mapId) => !!localStorage.getItem(`stackmap:share:${mapId}`), id, { timeout: 10_000 });
	const share = JSON.parse((await page.evaluate((mapId) => localStorage.getItem(`stackmap:share:${mapId}`), id))!) as { participant: string; viewer: string };
	const stored = async (): Promise<MapSnapshot> => (await fetch(`${base}/api/maps/${id}?key=${share.viewer}`)).json();

	// The canvas has most of the width even at 1024×768.
	const canvas = page.getByTestId('map-canvas');
	const box = (await canvas.boundingBox())!;
	expect(box.width / viewport.width).toBeGreaterThanOrEqual(0.7);

	// Five components with the mouse.
	const byMouse: [string, number, number][] = [
		['Website', 0.35, 0.25],
		['Payments', 0.7, 0.3],
		['CRM', 0.55, 0.45],
		['Hosting', 0.8, 0.8],
		['Identity', 0.45, 0.65]
	];
	for (const [name, fx, fy] of byMouse) {
		await page.mouse.dblclick(box.x + box.width * fx, box.y + box.height * fy);
		await page.getByLabel('Rename', { exact: true }).fill(name);
		await page.keyboard.press('Enter');
	}
	let s = await until(stored, (m) => m.components.length === 5);
	expect(s.components.map((c) => c.name).sort()).toEqual(['CRM', 'Hosting', 'Identity', 'Payments', 'Website']);

	// Five more with the keyboard: "Skip to the map", Tab to the first element down the chain, then
	// tool 2, Enter places a component next to the focused element, type its name.
	await page.getByRole('link', { name: 'Skip to the map' }).focus();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Component /);
	for (const name of ['Database', 'Email', 'Data warehouse', 'Mapping', 'Telephony']) {
		await page.keyboard.press('2');
		await page.keyboard.press('Enter');
		await page.keyboard.type(name);
		await page.keyboard.press('Enter');
	}
	s = await until(stored, (m) => m.components.length === 10);
	expect(s.components).toHaveLength(10);
	const idOf = (name: string) => s.components.find((c) => c.name === name)!.id;

	// Link by the handle three times in a row.
	const link = async (from: string, to: string) => {
		const f = await centre(page, idOf(from));
		await page.mouse.click(f.x, f.y);
		const handle = (await page.locator('[data-handle="link"]').boundingBox())!;
		const t = await centre(page, idOf(to));
		await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await page.mouse.down();
		await page.mouse.move(t.x, t.y, { steps: 8 });
		await page.mouse.up();
	};
	await link('Website', 'CRM');
	await until(stored, (m) => m.links.length === 1);
	await link('Payments', 'Hosting');
	await until(stored, (m) => m.links.length === 2);
	await link('CRM', 'Identity');
	s = await until(stored, (m) => m.links.length === 3);
	expect(s.links.map((l) => [l.from, l.to]).sort()).toEqual(
		[
			[idOf('Website'), idOf('CRM')],
			[idOf('Payments'), idOf('Hosting')],
			[idOf('CRM'), idOf('Identity')]
		].sort()
	);
	expect(await page.evaluate(() => String(getSelection()))).toBe('');

	// Types, so the comparison has something to compare: through the table view.
	await page.getByRole('button', { name: 'Table' }).click();
	for (const [name, type] of [
		['CRM', 'crm'],
		['Payments', 'payments-gateway'],
		['Website', 'website']
	]) {
		const field = page.getByLabel(`Type of ${name}`);
		await field.fill(type);
		await field.press('Tab');
	}
	s = await until(stored, (m) => m.components.filter((c) => c.componentType !== '').length === 3);
	await page.getByRole('button', { name: 'Map', exact: true }).click();

	// A participant joins by the edit link.
	const ben = await person('Ben', viewport);
	await ben.page.goto(`${base}/maps/${id}?key=${share.participant}`);
	await connected(ben.page);

	// Lock Hosting; Ben's drag does not move it.
	const people = async (p: Page) => {
		const panel = p.getByRole('complementary', { name: 'People and facilitation' });
		if ((await panel.count()) === 0) await p.getByRole('button', { name: 'People' }).click();
		return panel;
	};
	const hosting = s.components.find((c) => c.name === 'Hosting')!;
	const h = await centre(page, hosting.id);
	await page.mouse.click(h.x, h.y);
	await (await people(page)).getByRole('button', { name: /Lock selected/ }).click();
	await until(stored, (m) => m.components.some((c) => c.id === hosting.id));
	await ben.page.waitForTimeout(500);
	const bh = await centre(ben.page, hosting.id);
	await ben.page.mouse.move(bh.x, bh.y);
	await ben.page.mouse.down();
	await ben.page.mouse.move(bh.x - 120, bh.y - 80, { steps: 8 });
	await ben.page.mouse.up();
	await ben.page.waitForTimeout(500);
	s = await stored();
	expect(s.components.find((c) => c.id === hosting.id)).toMatchObject({ evolution: hosting.evolution, visibility: hosting.visibility });
	// Ben sees who locked it, and its name is read-only for him.
	await ben.page.mouse.click(bh.x, bh.y);
	await ben.page.locator('#i-lock').filter({ hasText: /Locked by Ana/ }).waitFor({ timeout: 5000 });
	expect(await ben.page.getByLabel('Name', { exact: true }).first().getAttribute('readonly')).not.toBeNull();

	// A timer: started by the facilitator, seen by Ben without opening any panel.
	const panel = await people(page);
	await panel.getByLabel('Minutes').fill('5');
	await panel.getByRole('button', { name: 'Start' }).click();
	await ben.page.getByRole('timer').filter({ hasText: /[45]:\d\d/ }).first().waitFor({ timeout: 10_000 });
	await ben.context.close();

	// Publish from the settings page.
	await page.goto(`${base}/maps/${id}/publish?key=${facilitatorKey}`);
	await page.getByLabel(/^Published/).check();
	await page.getByLabel('Description in the catalogue').fill('A journey through the editor.');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await page.getByRole('status').getByText('Saved. The map is now published.').waitFor();

	// Compare with a seeded council, limited to the smaller map's types.
	await page.goto(`${base}/catalogue?q=${encodeURIComponent(title)}`);
	await page.getByRole('link', { name: title }).first().click();
	await page.getByRole('link', { name: 'Compare with another map' }).click();
	await page.getByRole('heading', { name: /Most similar maps/ }).waitFor();
	await page.getByRole('link', { name: /Compare with map .*Council/ }).first().click();
	await page.getByText('Limit the comparison').click();
	await page.getByLabel('Only the component types the smaller map uses').check();
	await page.getByRole('button', { name: 'Compare within these' }).click();
	await page.waitForURL(/scope=smaller/);
	const rows = await page.getByRole('table').first().locator('tbody tr').count();
	expect(rows).toBeGreaterThan(0);
	expect(rows).toBeLessThanOrEqual(3);
	expect(await axe(page)).toEqual([]);

	// Import a map with slips: what OWM draws is imported, with a warning per line.
	await page.goto(base);
	await page.getByLabel('Map text').fill(SLIPPED);
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await page.waitForURL(/\/maps\/[A-Za-z0-9]+\?key=/, { timeout: 20_000 });
	const imported = new URL(page.url());
	const importedMap: MapSnapshot = await (await fetch(`${base}/api${imported.pathname}?key=${imported.searchParams.get('key')}`)).json();
	expect(importedMap.components.map((c) => c.name).sort()).toEqual(['Hosting', 'Resident', 'Website']);
	expect(importedMap.links).toHaveLength(2);
	await connected(page);

	// Export: the SVG carries the map's names as text, and the OWM text reads back.
	await page.locator('summary', { hasText: 'Export' }).click();
	const links = page.getByRole('list', { name: 'Export the map as' }).getByRole('link');
	const hrefs = Object.fromEntries(await links.evaluateAll((as) => as.map((a) => [a.getAttribute('data-format'), (a as HTMLAnchorElement).href])));
	const svg = await (await fetch(hrefs.svg)).text();
	expect(svg).toContain('>Website<');
	const owm = await (await fetch(hrefs.owm)).text();
	expect(owm).toContain('component Hosting [');
	expect(owm).toContain('// Attribution: written by someone else, CC BY-SA 4.0');
	expect(ana.errors).toEqual([]);
	await ana.context.close();
}

describe('the whole journey', { timeout: 240_000 }, () => {
	it('works at 1440×900', () => journey({ width: 1440, height: 900 }));
	it('works at 1024×768', () => journey({ width: 1024, height: 768 }));
});

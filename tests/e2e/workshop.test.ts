// A live workshop in real Chromium with three people (facilitator, participant, viewer) in
// separate browser contexts: presence comes and goes, a viewer cannot change anything, a lock
// holds, undo is per person, offline edits sync on reconnect, follow moves the follower's view.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';

const contexts: BrowserContext[] = [];

const e2e = serverAndBrowser();

async function person(name: string, url: string): Promise<{ page: Page; context: BrowserContext }> {
	const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 850 } });
	contexts.push(context);
	const page = await context.newPage();
	await page.addInitScript((n) => localStorage.setItem('stackmap:name', n), name);
	await page.goto(url);
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 10_000 });
	await page.getByTestId('map-canvas').waitFor();
	return { page, context };
}

async function addAt(page: Page, fx: number, fy: number, name: string): Promise<void> {
	const box = (await page.getByTestId('map-canvas').boundingBox())!;
	await page.mouse.dblclick(box.x + box.width * fx, box.y + box.height * fy);
	await page.getByLabel('Rename', { exact: true }).fill(name);
	await page.keyboard.press('Enter');
}

describe('live workshop', () => {
	it('shows presence, enforces roles and locks, undoes per person, syncs offline edits and follows', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Workshop');
		const stored = async (): Promise<MapSnapshot> => (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();
		const ana = await person('Ana', map.facilitatorUrl);
		const ben = await person('Ben', map.editUrl);
		const cy = await person('Cy', map.viewUrl);

		// Presence: Ana sees Ben and Cy in the list, and Ben's cursor with his name.
		await ana.page.getByRole('button', { name: 'People' }).click();
		const people = ana.page.getByRole('complementary', { name: 'People and facilitation' });
		await people.getByText('Ben', { exact: true }).waitFor();
		await people.getByText('Cy', { exact: true }).waitFor();
		const bb = (await ben.page.getByTestId('map-canvas').boundingBox())!;
		await ben.page.mouse.move(bb.x + bb.width * 0.3, bb.y + bb.height * 0.5);
		await ben.page.mouse.move(bb.x + bb.width * 0.31, bb.y + bb.height * 0.52);
		await ana.page.locator('.cursor text', { hasText: 'Ben' }).waitFor({ timeout: 3000 });

		// A viewer has no tools and a double-click adds nothing.
		expect(await cy.page.getByRole('radio', { name: /Component/ }).count()).toBe(0);
		const cb = (await cy.page.getByTestId('map-canvas').boundingBox())!;
		await cy.page.mouse.dblclick(cb.x + cb.width / 2, cb.y + cb.height / 2);
		await cy.page.waitForTimeout(300);
		expect((await stored()).components).toEqual([]);

		// Per-person undo: Ana's Ctrl+Z takes back Ana's component, not Ben's.
		await addAt(ana.page, 0.4, 0.3, 'Ana thing');
		await addAt(ben.page, 0.6, 0.6, 'Ben thing');
		let s = await until(stored, (m) => m.components.length === 2);
		await ana.page.keyboard.press('Control+z');
		s = await until(stored, (m) => m.components.length === 1);
		expect(s.components.map((c) => c.name)).toEqual(['Ben thing']);

		// A lock holds: Ana locks Ben's component; Ben's drag does not move it.
		const benThing = s.components[0];
		const circle = ana.page.locator(`.map-root circle[data-collection="components"][data-id="${benThing.id}"], .map-root g[data-collection="components"][data-id="${benThing.id}"] > circle`).first();
		const c = (await circle.boundingBox())!;
		await ana.page.mouse.click(c.x + c.width / 2, c.y + c.height / 2);
		await people.getByRole('button', { name: /Lock selected/ }).click();
		await ben.page.waitForTimeout(500);
		const bc = (await ben.page.locator(`.map-root circle[data-collection="components"][data-id="${benThing.id}"], .map-root g[data-collection="components"][data-id="${benThing.id}"] > circle`).first().boundingBox())!;
		await ben.page.mouse.move(bc.x + bc.width / 2, bc.y + bc.height / 2);
		await ben.page.mouse.down();
		await ben.page.mouse.move(bc.x - 200, bc.y - 100, { steps: 8 });
		await ben.page.mouse.up();
		await ben.page.waitForTimeout(500);
		s = await stored();
		expect(s.components[0].evolution).toBe(benThing.evolution);
		expect(s.components[0].visibility).toBe(benThing.visibility);

		// Offline: Ben's edits are kept and reach everyone on reconnect.
		await ben.context.setOffline(true);
		await ben.page.getByRole('status').filter({ hasText: /Offline|Reconnecting/ }).first().waitFor({ timeout: 15_000 });
		await addAt(ben.page, 0.2, 0.8, 'Made offline');
		await ben.page.getByRole('status').filter({ hasText: /not yet saved/ }).first().waitFor({ timeout: 5000 });
		expect((await stored()).components.some((c) => c.name === 'Made offline')).toBe(false);
		await ben.context.setOffline(false);
		s = await until(stored, (m) => m.components.some((c) => c.name === 'Made offline'), 15_000);
		expect(s.components.some((c) => c.name === 'Made offline')).toBe(true);
		await ana.page.locator('.map-root text', { hasText: 'Made offline' }).first().waitFor({ timeout: 5000 });
		await ben.page.getByRole('status').filter({ hasText: 'all changes saved' }).first().waitFor({ timeout: 10_000 });

		// Follow: Ana follows Ben; Ben zooms in; Ana's view moves with him.
		const viewOf = (p: Page) => p.locator('.editor-canvas > g').first().getAttribute('transform');
		const before = await viewOf(ana.page);
		await people.getByRole('button', { name: "Follow Ben's view" }).click();
		await ben.page.getByRole('button', { name: 'Zoom in' }).click();
		await ben.page.getByRole('button', { name: 'Zoom in' }).click();
		const after = await until(() => viewOf(ana.page), (t) => t !== before && t !== null, 5000);
		expect(after).not.toBe(before);
		expect(after).toContain('scale(');

		// Presence goes away when someone leaves.
		const dee = await person('Dee', map.editUrl);
		await people.getByText('Dee', { exact: true }).waitFor();
		await dee.context.close();
		await until(async () => people.getByText('Dee', { exact: true }).count(), (n) => n === 0, 10_000);
		expect(await people.getByText('Dee', { exact: true }).count()).toBe(0);
	});
});

describe('bringing everyone to a view', () => {
	it('tells those present, and not someone who joins later', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Summon');
		const ana = await person('Ana', map.facilitatorUrl);
		const ben = await person('Ben', map.editUrl);
		await ana.page.getByRole('button', { name: 'People' }).click();
		await ana.page.getByRole('button', { name: 'Bring everyone to my view' }).click();
		await ben.page.getByText('Ana brought everyone to their view.').waitFor({ timeout: 5000 });
		// A minute is not long ago, but this request was made before Dee's page joined.
		const dee = await person('Dee', map.editUrl);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await dee.page.getByText('brought everyone to their view').count()).toBe(0);
		for (const c of contexts.splice(0)) await c.close();
	});
});

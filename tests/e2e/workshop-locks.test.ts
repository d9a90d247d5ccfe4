// Locked elements in real Chromium, a facilitator (Ana) and a participant (Ben) in separate
// browser contexts: Ben sees the lock and who set it on the canvas, in the inspector and in the
// table; every way of changing it refuses up front with a message (no refused update, no reload);
// and text he typed is never simply lost: kept in a notice with a Copy button, both when the lock
// arrives as he types and when the server refuses a change he made offline. The text view, where
// one edit can touch any element, is read-only for him while anything is locked.
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { createMapHttp } from '../helpers/collab.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';

const e2e = serverAndBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
	for (const c of contexts.splice(0)) await c.close();
});

async function person(name: string, url: string): Promise<{ page: Page; context: BrowserContext }> {
	const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 850 } });
	contexts.push(context);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const page = await context.newPage();
	await page.addInitScript((n) => localStorage.setItem('stackmap:name', n), name);
	await page.goto(url);
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 10_000 });
	await page.getByTestId('map-canvas').waitFor();
	return { page, context };
}

const symbol = (page: Page, id: string) =>
	page.locator(`.editor-canvas circle[data-collection="components"][data-id="${id}"], .editor-canvas g[data-collection="components"][data-id="${id}"] > circle`).first();

async function centreOf(page: Page, id: string): Promise<{ x: number; y: number }> {
	const b = (await symbol(page, id).boundingBox())!;
	return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

describe('locked elements', () => {
	it('show who locked them, refuse changes up front, and keep what the participant typed', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Locks');
		const stored = async (): Promise<MapSnapshot> => (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();
		const ana = await person('Ana', map.facilitatorUrl);
		const ben = await person('Ben', map.editUrl);
		const reloaded = ben.page.getByText('The map has been reloaded');

		// Ana adds "Payments"; Ben selects it and starts typing a new name in the inspector.
		const ab = (await ana.page.getByTestId('map-canvas').boundingBox())!;
		await ana.page.mouse.dblclick(ab.x + ab.width * 0.5, ab.y + ab.height * 0.4);
		await ana.page.getByLabel('Rename', { exact: true }).fill('Payments');
		await ana.page.keyboard.press('Enter');
		const id = (await until(stored, (m) => m.components[0]?.name === 'Payments')).components[0].id;
		await symbol(ben.page, id).waitFor();
		let at = await centreOf(ben.page, id);
		await ben.page.mouse.click(at.x, at.y);
		const name = ben.page.locator('#i-name');
		await expect.poll(() => name.inputValue()).toBe('Payments');
		await name.click();
		await ben.page.keyboard.press('End');
		await ben.page.keyboard.type(' hub');

		// Ana locks it while Ben is typing.
		at = await centreOf(ana.page, id);
		await ana.page.mouse.click(at.x, at.y);
		await ana.page.getByRole('button', { name: 'People' }).click();
		await ana.page.getByRole('button', { name: /Lock selected/ }).click();

		// Ben's typing is handed back in a notice he can copy from; the field shows the map again.
		const notice = ben.page.getByRole('alert').filter({ hasText: 'Your change to the name of “Payments” was not saved' });
		await notice.waitFor({ timeout: 5000 });
		expect(await notice.getByTestId('unsaved-text').inputValue()).toBe('Payments hub');
		await notice.getByRole('button', { name: 'Copy' }).click();
		expect(await ben.page.evaluate(() => navigator.clipboard.readText())).toBe('Payments hub');
		await notice.getByRole('button', { name: 'Copied' }).waitFor();
		expect(await name.inputValue()).toBe('Payments');
		await ben.page.keyboard.press('Tab');

		// The lock shows: in the inspector with who set it, read-only fields, and on the canvas.
		const inspector = ben.page.getByRole('complementary', { name: 'Details' });
		await inspector.getByText('Locked by Ana (facilitator).').waitFor();
		expect(await name.getAttribute('readonly')).not.toBeNull();
		expect(await ben.page.locator('#i-notes').getAttribute('readonly')).not.toBeNull();
		expect(await ben.page.locator('#i-kind').isDisabled()).toBe(true);
		await ben.page.locator(`.overlay-svg [data-lock="${id}"]`).waitFor({ state: 'attached' });
		expect(await ben.page.locator(`.overlay-svg [data-lock="${id}"]`).getAttribute('data-by')).toBe('Ana');
		expect(await inspector.getByRole('button', { name: 'Delete' }).count()).toBe(0);

		// Rename on double-click, drag and the Delete key all refuse at once, saying why.
		const message = ben.page.getByTestId('editor-message');
		at = await centreOf(ben.page, id);
		await ben.page.mouse.dblclick(at.x, at.y);
		await message.filter({ hasText: 'Locked by Ana (facilitator).' }).waitFor({ timeout: 3000 });
		expect(await message.isVisible()).toBe(true);
		expect(await ben.page.getByLabel('Rename', { exact: true }).count()).toBe(0);
		const before = (await stored()).components[0];
		await ben.page.mouse.move(at.x, at.y);
		await ben.page.mouse.down();
		await ben.page.mouse.move(at.x - 150, at.y + 80, { steps: 6 });
		await ben.page.mouse.up();
		await ben.page.mouse.click(at.x, at.y);
		await ben.page.keyboard.press('Delete');
		await ben.page.keyboard.press('ArrowLeft');
		await ben.page.waitForTimeout(500);
		const after = (await stored()).components;
		expect(after).toHaveLength(1);
		expect([after[0].name, after[0].evolution, after[0].visibility]).toEqual([before.name, before.evolution, before.visibility]);

		// The table says the same, read-only.
		await ben.page.getByRole('button', { name: 'Table', exact: true }).click();
		const row = ben.page.locator(`tr[data-id="${id}"]`);
		await row.getByText('Locked by Ana (facilitator)').waitFor();
		expect(await row.getByLabel('Name', { exact: true }).getAttribute('readonly')).not.toBeNull();
		expect(await row.getByLabel('Supplier of Payments').getAttribute('readonly')).not.toBeNull();
		// Still focusable (aria-disabled), so a keyboard user hears why it does nothing.
		await row.getByRole('button', { name: 'Remove Payments' }).focus();
		await ben.page.keyboard.press('Enter');
		await message.filter({ hasText: 'Locked by Ana (facilitator).' }).waitFor({ timeout: 3000 });
		expect((await stored()).components).toHaveLength(1);
		// A text edit could touch the locked element: the text view is read-only and says why.
		await ben.page.getByRole('button', { name: 'Text', exact: true }).click();
		await ben.page.getByText('The text is read-only meanwhile').waitFor();
		expect(await ben.page.getByLabel('Map text (OWM)').getAttribute('readonly')).not.toBeNull();
		// Nothing was attempted and refused: the map was never reloaded under Ben.
		expect(await reloaded.count()).toBe(0);

		// The facilitator may still edit it, and sees the same lock.
		await ana.page.getByRole('complementary', { name: 'Details' }).getByText('Locked by Ana (facilitator).').waitFor();
		expect(await ana.page.locator('#i-name').getAttribute('readonly')).toBeNull();

		// A refusal that cannot be seen coming: Ben renames it offline while Ana locks it again.
		await ana.page.getByRole('button', { name: /Unlock all/ }).click();
		await ben.page.getByRole('button', { name: 'Map', exact: true }).click();
		await until(async () => ben.page.locator(`.overlay-svg [data-lock="${id}"]`).count(), (n) => n === 0);
		await ben.context.setOffline(true);
		await ben.page.getByRole('status').filter({ hasText: /Offline|Reconnecting/ }).first().waitFor({ timeout: 15_000 });
		at = await centreOf(ben.page, id);
		await ben.page.mouse.click(at.x, at.y);
		await name.fill('Payments gateway');
		await ben.page.keyboard.press('Tab');
		await ana.page.getByRole('button', { name: /Lock selected/ }).click();
		await ben.context.setOffline(false);
		await reloaded.waitFor({ timeout: 15_000 });
		const refused = ben.page.getByRole('alert').filter({ hasText: 'Your change to the name of “Payments” was not saved' });
		const kept = () => refused.getByTestId('unsaved-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
		expect(await until(kept, (v) => v.includes('Payments gateway'))).toContain('Payments gateway');
		expect((await stored()).components[0].name).toBe('Payments');
	}, 120_000);
});

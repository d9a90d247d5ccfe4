// Labels moved on their own and the value chain tidied, in real Chromium with a second browser
// watching: the label follows the mouse and the keyboard (the component stays), the other browser
// sees it, undo and Reset label take it back; Tidy previews, cancels, applies and undoes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { newPage } from '../helpers/browser.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

const OWM = `title Labels and tidy
anchor Resident [0.10, 0.45]
component Case management [0.35, 0.40]
component Hosting [0.90, 0.80]
component Database [0.55, 0.70]
Resident->Case management
Case management->Database
Database->Hosting
`;

interface Keys {
	id: string;
	editKey: string;
	viewKey: string;
}

async function importMap(): Promise<Keys> {
	const res = await fetch(`${e2e.srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: OWM });
	expect(res.status).toBe(201);
	const body = (await res.json()) as { id: string; editUrl: string; viewUrl: string };
	const key = (u: string) => new URL(u).searchParams.get('key')!;
	return { id: body.id, editKey: key(body.editUrl), viewKey: key(body.viewUrl) };
}

async function open(map: Keys, name: string): Promise<{ page: Page; errors: string[] }> {
	const page = await newPage(e2e.browser, { viewport: { width: 1280, height: 800 } }, name);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.editKey}`);
	await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
	await page.getByTestId('map-canvas').waitFor();
	return { page, errors };
}

async function stored(map: Keys): Promise<MapSnapshot> {
	return (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();
}

const labelBox = (page: Page, id: string) => page.locator(`.labels-svg text[data-id="${id}"]`).first().boundingBox();
const named = (m: MapSnapshot, name: string) => m.components.find((c) => c.name === name)!;

describe('labels and tidy', () => {
	it('drags a label with the mouse and moves it with the keyboard; the component stays', async () => {
		const map = await importMap();
		const first = await stored(map);
		const cm = named(first, 'Case management');
		const a = await open(map, 'Ann');
		const b = await open(map, 'Bob');
		const startA = (await labelBox(a.page, cm.id))!;
		const startB = (await labelBox(b.page, cm.id))!;

		// Press on the label's middle (not the mark) and drag it 80 px right and 50 px down.
		const x = startA.x + startA.width / 2;
		const y = startA.y + startA.height / 2;
		await a.page.mouse.move(x, y);
		await a.page.mouse.down();
		await a.page.mouse.move(x + 40, y + 25, { steps: 5 });
		await a.page.mouse.move(x + 80, y + 50, { steps: 5 });
		await a.page.mouse.up();
		let s = await until(() => stored(map), (m) => named(m, 'Case management').labelPinned === true);
		const moved = named(s, 'Case management');
		expect(moved).toMatchObject({ evolution: cm.evolution, visibility: cm.visibility, labelPinned: true });
		expect(moved.label).not.toBeNull();
		await a.page.getByRole('status').filter({ hasText: 'Label of Case management moved' }).waitFor();

		// The other browser draws the label where Ann put it.
		const seen = await until(() => labelBox(b.page, cm.id), (box) => box !== null && box.x > startB.x + 60);
		expect(seen!.x).toBeGreaterThan(startB.x + 60);
		expect(seen!.y).toBeGreaterThan(startB.y + 30);

		// Undo takes the drag back in one step: the label is automatic again.
		await a.page.keyboard.press('Control+z');
		s = await until(() => stored(map), (m) => named(m, 'Case management').label === null);
		expect(named(s, 'Case management').label).toBeNull();
		expect(named(s, 'Case management').labelPinned).toBeUndefined();

		// Keyboard: the component has focus (the press gave it), Alt+arrows move its label, not it.
		await a.page.locator(`.editor-canvas [data-collection="components"][data-id="${cm.id}"][tabindex]`).focus();
		expect(await a.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^Component Case management/);
		await a.page.keyboard.press('Alt+ArrowRight');
		await a.page.keyboard.press('Alt+Shift+ArrowDown');
		s = await until(() => stored(map), (m) => named(m, 'Case management').label !== null && named(m, 'Case management').label!.y > 0);
		expect(named(s, 'Case management')).toMatchObject({ evolution: cm.evolution, visibility: cm.visibility, labelPinned: true });
		await a.page.getByRole('status').filter({ hasText: /Label of Case management at -?\d+, -?\d+ px/ }).waitFor();

		// Reset label from the actions menu gives it back to automatic placement.
		await a.page.keyboard.press('Shift+F10');
		await a.page.getByRole('menuitem', { name: 'Reset label' }).click();
		s = await until(() => stored(map), (m) => named(m, 'Case management').label === null);
		expect(named(s, 'Case management').label).toBeNull();
		expect(named(s, 'Case management').labelPinned).toBeUndefined();
		expect(named(s, 'Case management')).toMatchObject({ evolution: cm.evolution, visibility: cm.visibility });
		await a.page.getByRole('status').filter({ hasText: 'Label of Case management back to automatic' }).waitFor();
		expect([...a.errors, ...b.errors]).toEqual([]);
		await a.page.close();
		await b.page.close();
	});

	it('previews a tidy, cancels it, applies it as one step for everyone, and undoes it', async () => {
		const map = await importMap();
		const before = await stored(map);
		const a = await open(map, 'Ann');
		const b = await open(map, 'Bob');
		const dragLayer = () => a.page.evaluate(() => document.querySelectorAll('.drag-layer [data-id]').length);

		await a.page.getByRole('button', { name: 'Tidy', exact: true }).click();
		const bar = a.page.getByTestId('tidy-bar');
		await bar.waitFor();
		await a.page.getByRole('status').filter({ hasText: /Tidy preview: \d+ components? would move/ }).waitFor();
		// Proposed places are drawn in the drag layer, the old ones covered; nothing is written yet.
		expect(await dragLayer()).toBeGreaterThan(0);
		expect(await a.page.evaluate(() => document.querySelectorAll('.drag-covers [data-cover]').length)).toBeGreaterThan(0);
		await bar.getByRole('button', { name: 'Show before' }).click();
		await until(dragLayer, (n) => n === 0);
		expect(await dragLayer()).toBe(0);
		await bar.getByRole('button', { name: 'Show before' }).click();
		await until(dragLayer, (n) => n > 0);
		await bar.getByRole('button', { name: 'Cancel' }).click();
		await bar.waitFor({ state: 'detached' });
		expect(await dragLayer()).toBe(0);
		// The old places are whole again: no ghost covers, nothing hidden.
		const ghosts = () => a.page.evaluate(() => document.querySelectorAll('.drag-covers [data-cover], [data-drag-hidden]').length);
		expect(await until(ghosts, (n) => n === 0)).toBe(0);
		expect((await stored(map)).components).toEqual(before.components);

		// Open it again and apply with the keyboard: Apply has focus.
		await a.page.getByRole('button', { name: 'Tidy', exact: true }).click();
		await bar.waitFor();
		await until(() => a.page.evaluate(() => document.activeElement?.textContent ?? ''), (t) => t === 'Apply');
		await a.page.keyboard.press('Enter');
		await bar.waitFor({ state: 'detached' });
		const after = await until(() => stored(map), (m) => named(m, 'Resident').visibility > named(m, 'Case management').visibility);
		const vis = (m: MapSnapshot, n: string) => named(m, n).visibility;
		expect(vis(after, 'Resident')).toBeGreaterThan(vis(after, 'Case management'));
		expect(vis(after, 'Case management')).toBeGreaterThan(vis(after, 'Database'));
		expect(vis(after, 'Database')).toBeGreaterThan(vis(after, 'Hosting'));
		expect(after.components.map((c) => c.evolution)).toEqual(before.components.map((c) => c.evolution));
		await a.page.getByRole('status').filter({ hasText: /Tidied the value chain/ }).waitFor();

		// Bob's map shows the tidy: the user need's mark is now above Hosting's.
		const centre = (page: Page, id: string) =>
			page.locator(`.map-root circle[data-collection="components"][data-id="${id}"], .map-root [data-collection="components"][data-id="${id}"]`).first().boundingBox();
		const residentOnB = await until(
			async () => [(await centre(b.page, named(before, 'Resident').id))!.y, (await centre(b.page, named(before, 'Hosting').id))!.y],
			([r, h]) => r < h
		);
		expect(residentOnB[0]).toBeLessThan(residentOnB[1]);

		// One undo step takes the whole tidy back.
		await a.page.keyboard.press('Control+z');
		const undone = await until(() => stored(map), (m) => vis(m, 'Hosting') === vis(before, 'Hosting'));
		expect(undone.components.map((c) => [c.evolution, c.visibility])).toEqual(before.components.map((c) => [c.evolution, c.visibility]));
		expect([...a.errors, ...b.errors]).toEqual([]);
		await a.page.close();
		await b.page.close();
	});
});

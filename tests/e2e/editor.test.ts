// The editor in real Chromium: a small map built only with the mouse, the same map only with the
// keyboard, table edits, and no WCAG A/AA violations with content and a selection on screen.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { createMapHttp } from '../helpers/collab.js';
import { axe, newPage } from '../helpers/browser.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';

const e2e = serverAndBrowser();

async function openEditor(title: string): Promise<{ page: Page; map: Awaited<ReturnType<typeof createMapHttp>>; errors: string[] }> {
	const map = await createMapHttp(e2e.srv.base, title);
	const page = await newPage(e2e.browser, { viewport: { width: 1280, height: 800 } });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.editKey}`);
	await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
	await page.getByTestId('map-canvas').waitFor();
	return { page, map, errors };
}

async function stored(map: { id: string; viewKey: string }): Promise<MapSnapshot> {
	return (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();
}

function centreOf(page: Page, id: string) {
	return page.locator(`.map-root circle[data-collection="components"][data-id="${id}"], .map-root g[data-collection="components"][data-id="${id}"] > circle`).first().boundingBox();
}

describe('editor', () => {
	it('builds a map with the mouse only', async () => {
		const { page, map, errors } = await openEditor('Mouse map');
		const canvas = page.getByTestId('map-canvas');
		const box = (await canvas.boundingBox())!;
		// Double-click empty space: a component appears there, named in place.
		await page.mouse.dblclick(box.x + box.width * 0.55, box.y + box.height * 0.3);
		await page.getByLabel('Rename', { exact: true }).fill('Website');
		await page.keyboard.press('Enter');
		await page.mouse.dblclick(box.x + box.width * 0.75, box.y + box.height * 0.7);
		await page.getByLabel('Rename', { exact: true }).fill('Hosting');
		await page.keyboard.press('Enter');
		let s = await until(() => stored(map), (m) => m.components.length === 2);
		const website = s.components.find((c) => c.name === 'Website')!;
		const hosting = s.components.find((c) => c.name === 'Hosting')!;
		expect(website.visibility).toBeGreaterThan(hosting.visibility);

		// Select Website and drag its link handle onto Hosting.
		const w = (await centreOf(page, website.id))!;
		await page.mouse.click(w.x + w.width / 2, w.y + w.height / 2);
		const handle = (await page.locator('[data-handle="link"]').boundingBox())!;
		const h = (await centreOf(page, hosting.id))!;
		await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await page.mouse.down();
		await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2, { steps: 8 });
		await page.mouse.up();
		s = await until(() => stored(map), (m) => m.links.length === 1);
		expect(s.links[0]).toMatchObject({ from: website.id, to: hosting.id });

		// Drag Hosting left; Esc during another drag puts it back.
		await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
		await page.mouse.down();
		await page.mouse.move(h.x + h.width / 2 - 150, h.y + h.height / 2, { steps: 10 });
		await page.mouse.up();
		s = await until(() => stored(map), (m) => m.components.find((c) => c.id === hosting.id)!.evolution < hosting.evolution - 0.05);
		const moved = s.components.find((c) => c.id === hosting.id)!;
		expect(moved.evolution).toBeLessThan(hosting.evolution - 0.05);
		expect(moved.visibility).toBeCloseTo(hosting.visibility, 1);
		const h2 = (await centreOf(page, hosting.id))!;
		await page.mouse.move(h2.x + h2.width / 2, h2.y + h2.height / 2);
		await page.mouse.down();
		await page.mouse.move(h2.x + h2.width / 2 + 200, h2.y + h2.height / 2 - 100, { steps: 10 });
		// Meanwhile the drag layer draws Hosting, its label and its link at the new place. In the main
		// drawing Hosting, its label and its link are left as they are under faint ghost covers
		// (repainting them would re-rasterise the map under the link, and the labels around the label).
		const linkId = s.links[0].id;
		const paint = () =>
			page.evaluate(
				(ids) => ids.flatMap((id) => [...document.querySelectorAll(`.map-root [data-id="${id}"]`)].map((el) => `${el.localName} ${getComputedStyle(el).fillOpacity}/${getComputedStyle(el).strokeOpacity}`)),
				[hosting.id, linkId]
			);
		expect((await paint()).sort()).toEqual(['circle 1/1', 'line 1/1', 'text 1/1']);
		const covers = () => page.evaluate(() => [...document.querySelectorAll('.overlay-svg .drag-covers [data-cover]')].map((el) => `${el.getAttribute('data-cover')} ${el.getAttribute('fill-opacity') ?? el.getAttribute('stroke-opacity')}`));
		expect((await covers()).sort()).toEqual([`components/${hosting.id} 0.7`, `components/${hosting.id}/label 0.7`, `links/${linkId} 0.7`].sort());
		// The label's cover is over the label: its box holds the label's.
		const over = await page.evaluate((id) => {
			const label = document.querySelector(`.labels-svg text[data-id="${id}"]`)!.getBoundingClientRect();
			const cover = document.querySelector(`.drag-covers [data-cover="components/${id}/label"]`)!.getBoundingClientRect();
			return cover.left <= label.left && cover.top <= label.top && cover.right >= label.right && cover.bottom >= label.bottom && label.width > 0;
		}, hosting.id);
		expect(over).toBe(true);
		// Its label is among the hidden: labels are drawn in their own stacked <svg>, hidden from
		// assistive technology (the component's accessible name carries its name) and from the pointer.
		const labelLayer = await page.evaluate((id) => {
			const label = document.querySelector(`.map-root text[data-collection="components"][data-id="${id}"]`)!;
			const own = label.closest('svg')!;
			const element = document.querySelector(`.editor-canvas [data-collection="components"][data-id="${id}"][tabindex]`)!;
			return { hidden: own.getAttribute('aria-hidden'), pointer: getComputedStyle(own).pointerEvents, separate: !own.matches('.editor-canvas'), name: element.getAttribute('aria-label') };
		}, hosting.id);
		expect(labelLayer).toMatchObject({ hidden: 'true', pointer: 'none', separate: true });
		expect(labelLayer.name).toContain('Hosting');
		expect(await page.locator(`.drag-layer [data-id="${hosting.id}"]`).count()).toBeGreaterThan(0);
		await page.keyboard.press('Escape');
		await page.mouse.up();
		s = await until(() => stored(map), (m) => m.components.find((c) => c.id === hosting.id)!.evolution === moved.evolution);
		expect(s.components.find((c) => c.id === hosting.id)!.evolution).toBe(moved.evolution);
		expect(new Set((await paint()).map((p) => p.split(' ')[1]))).toEqual(new Set(['1/1']));
		expect(await covers()).toEqual([]);
		// The pressed element is the one element in the page's Tab order, and has focus.
		const tabStops = await page.evaluate(() => [...document.querySelectorAll('.map-root [tabindex="0"]')].map((el) => el.getAttribute('data-id')));
		expect(tabStops).toEqual([hosting.id]);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(hosting.id);

		// Right-click for actions: mark Hosting as bought.
		await page.mouse.click(h2.x + h2.width / 2, h2.y + h2.height / 2, { button: 'right' });
		await page.getByRole('menuitemcheckbox', { name: 'Buy' }).click();
		s = await until(() => stored(map), (m) => m.components.find((c) => c.id === hosting.id)!.decorators.buy);
		expect(s.components.find((c) => c.id === hosting.id)!.decorators.buy).toBe(true);

		// Rubber band around both, Delete removes both and their link.
		await page.mouse.move(box.x + 30, box.y + 30);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width - 10, box.y + box.height - 30, { steps: 5 });
		await page.mouse.up();
		await page.keyboard.press('Delete');
		s = await until(() => stored(map), (m) => m.components.length === 0);
		expect(s.components).toEqual([]);
		expect(s.links).toEqual([]);
		// Ctrl+Z brings them back.
		await page.keyboard.press('Control+z');
		s = await until(() => stored(map), (m) => m.components.length === 2);
		expect(s.links).toHaveLength(1);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('asks for the name of a user need placed by its tool, and adds nothing in the margin', async () => {
		const { page, map, errors } = await openEditor('Adding map');
		const canvas = page.getByTestId('map-canvas');
		const box = (await canvas.boundingBox())!;
		await page.getByRole('radio', { name: 'User need' }).click();
		await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.2);
		const rename = page.getByLabel('Rename', { exact: true });
		await rename.waitFor();
		expect(await rename.evaluate((el) => el === document.activeElement)).toBe(true);
		await page.keyboard.type('Resident');
		await page.keyboard.press('Enter');
		let s = await until(() => stored(map), (m) => m.components.some((c) => c.name === 'Resident'));
		expect(s.components).toMatchObject([{ name: 'Resident', kind: 'anchor' }]);

		// The top-left corner of the canvas is margin, outside the axes: nothing is added there.
		await page.mouse.dblclick(box.x + 4, box.y + 4);
		await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.6);
		await rename.fill('Website');
		await page.keyboard.press('Enter');
		s = await until(() => stored(map), (m) => m.components.length === 2);
		expect(s.components.map((c) => c.name).sort()).toEqual(['Resident', 'Website']);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('links by the handle twice in a row', async () => {
		const { page, map, errors } = await openEditor('Handle map');
		const canvas = page.getByTestId('map-canvas');
		const box = (await canvas.boundingBox())!;
		const spots: [string, number, number][] = [['Website', 0.3, 0.2], ['Payments', 0.7, 0.35], ['Hosting', 0.5, 0.75]];
		for (const [name, x, y] of spots) {
			await page.mouse.dblclick(box.x + box.width * x, box.y + box.height * y);
			await page.getByLabel('Rename', { exact: true }).fill(name);
			await page.keyboard.press('Enter');
		}
		const s = await until(() => stored(map), (m) => m.components.length === 3);
		const id = (name: string) => s.components.find((c) => c.name === name)!.id;
		const link = async (from: string, to: string) => {
			const f = (await centreOf(page, id(from)))!;
			await page.mouse.click(f.x + f.width / 2, f.y + f.height / 2);
			const handle = (await page.locator('[data-handle="link"]').boundingBox())!;
			const t = (await centreOf(page, id(to)))!;
			await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
			await page.mouse.down();
			await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 8 });
			await page.mouse.up();
		};
		await link('Website', 'Hosting');
		await until(() => stored(map), (m) => m.links.length === 1);
		await link('Payments', 'Hosting');
		const after = await until(() => stored(map), (m) => m.links.length === 2);
		expect(after.links.map((l) => [l.from, l.to]).sort()).toEqual([[id('Website'), id('Hosting')], [id('Payments'), id('Hosting')]].sort());
		// No native text selection was started on the way.
		expect(await page.evaluate(() => String(getSelection()))).toBe('');
		expect(errors).toEqual([]);
		await page.close();
	});

	it('builds the same map with the keyboard only', async () => {
		const { page, map, errors } = await openEditor('Keyboard map');
		// Tab from the top of the page until the canvas has focus.
		for (let i = 0; i < 120; i++) {
			await page.keyboard.press('Tab');
			if (await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'map-canvas')) break;
		}
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('map-canvas');
		await page.keyboard.press('2'); // component tool
		await page.keyboard.press('Enter'); // place at the centre of the view
		await page.keyboard.type('Website');
		await page.keyboard.press('Enter');
		await page.keyboard.press('2');
		await page.keyboard.press('Enter'); // placed next to the focused component
		await page.keyboard.type('Hosting');
		await page.keyboard.press('Enter');
		let s = await until(() => stored(map), (m) => m.components.length === 2);
		expect(s.components.map((c) => c.name).sort()).toEqual(['Hosting', 'Website']);
		const hosting = s.components.find((c) => c.name === 'Hosting')!;

		// Back to Website with Shift+Tab, link it to Hosting: L, Tab, Enter.
		await page.keyboard.press('Shift+Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Component Website/);
		await page.keyboard.press('l');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		s = await until(() => stored(map), (m) => m.links.length === 1);
		expect(s.links).toHaveLength(1);

		// Focus is on Hosting: nudge it right three times (Shift = bigger steps).
		await page.keyboard.press('Shift+ArrowRight');
		await page.keyboard.press('ArrowRight');
		s = await until(() => stored(map), (m) => m.components.find((c) => c.id === hosting.id)!.evolution > hosting.evolution);
		expect(s.components.find((c) => c.id === hosting.id)!.evolution).toBeCloseTo(hosting.evolution + 0.06, 5);

		// Actions menu from the keyboard: Shift+F10, find Buy, Enter.
		await page.keyboard.press('Shift+F10');
		const menu = page.getByRole('menu');
		await menu.waitFor();
		for (let i = 0; i < 12; i++) {
			if ((await page.evaluate(() => document.activeElement?.textContent ?? '')).includes('Buy')) break;
			await page.keyboard.press('ArrowDown');
		}
		await page.keyboard.press('Enter');
		s = await until(() => stored(map), (m) => m.components.find((c) => c.id === hosting.id)!.decorators.buy);
		expect(s.components.find((c) => c.id === hosting.id)!.decorators.buy).toBe(true);

		// Rename with Enter, undo it, redo it.
		await page.keyboard.press('Enter');
		await page.keyboard.press('Control+a');
		await page.keyboard.type('Cloud hosting');
		await page.keyboard.press('Enter');
		await until(() => stored(map), (m) => m.components.some((c) => c.name === 'Cloud hosting'));
		await page.keyboard.press('Control+z');
		s = await until(() => stored(map), (m) => m.components.some((c) => c.name === 'Hosting'));
		expect(s.components.some((c) => c.name === 'Hosting')).toBe(true);
		await page.keyboard.press('Control+Shift+z');
		s = await until(() => stored(map), (m) => m.components.some((c) => c.name === 'Cloud hosting'));
		expect(s.components.some((c) => c.name === 'Cloud hosting')).toBe(true);
		expect(errors).toEqual([]);
		await page.close();
	});

	it('edits through the table view and passes axe with content and a selection', async () => {
		const { page, map, errors } = await openEditor('Table map');
		await page.getByRole('button', { name: 'Table' }).click();
		await page.getByLabel('New component').fill('Revenues and benefits');
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await page.getByLabel('New component').fill('Database');
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await page.getByLabel('Evolution of Database').fill('0.85');
		await page.getByLabel('Evolution of Database').press('Tab');
		await page.getByLabel('What Revenues and benefits needs').fill('Database');
		await page.getByLabel('What Revenues and benefits needs').press('Tab');
		await page.getByLabel('Product of Database').fill('PostgreSQL');
		await page.getByLabel('Product of Database').press('Tab');
		await page.getByLabel('Supplier of Database').fill('Crunchy Data');
		await page.getByLabel('Supplier of Database').press('Tab');
		const s = await until(() => stored(map), (m) => m.links.length === 1 && m.components.some((c) => c.evolution === 0.85 && c.supplier !== ''));
		expect(s.components.find((c) => c.name === 'Database')).toMatchObject({ evolution: 0.85, product: 'PostgreSQL', supplier: 'Crunchy Data' });
		expect(s.links).toHaveLength(1);
		expect(await axe(page), 'table view').toEqual([]);
		await page.getByRole('button', { name: 'Map', exact: true }).click();
		const id = s.components[0].id;
		const c = (await centreOf(page, id))!;
		await page.mouse.click(c.x + c.width / 2, c.y + c.height / 2);
		await page.getByLabel('Product', { exact: true }).waitFor();
		const violations = await axe(page);
		expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
		expect(errors).toEqual([]);
		await page.close();

		// A viewer sees the same columns, read-only, and is not invited to add anything.
		const viewer = await newPage(e2e.browser, { viewport: { width: 1280, height: 800 } });
		await viewer.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.viewKey}`);
		await viewer.getByTestId('map-canvas').waitFor();
		await viewer.getByText('Select an element to see its details.').waitFor();
		expect(await viewer.getByText('Double-click the map to add a component').count()).toBe(0);
		await viewer.getByRole('button', { name: 'Table' }).click();
		expect(await viewer.getByLabel('Product of Database').inputValue()).toBe('PostgreSQL');
		expect(await viewer.getByLabel('Product of Database').isDisabled()).toBe(true);
		await viewer.close();
	});
});

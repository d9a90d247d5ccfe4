// The editor's Text view in real Chromium: one coordinate edited in the text moves exactly that
// component (on the canvas and in GET /api/maps/<id>); a syntax error shows its line and leaves the
// map as it was; another person's change reaches the text; no WCAG A/AA violations.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { moveComponent, readSnapshot, type ComponentId, type MapSnapshot } from '../../src/lib/map/index.js';
import { axe } from '../helpers/browser.js';
import { connectClient } from '../helpers/collab.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';

const OWM = `title Text view
anchor Residents [0.95, 0.6]
component Website [0.8, 0.55]
component Kettle [0.43, 0.35]
component Power [0.1, 0.7]
Residents->Website
Website->Kettle
Kettle->Power`;

const e2e = serverAndBrowser();

async function newMap() {
	const res = await fetch(`${e2e.srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: OWM });
	const body = await res.json();
	const key = (u: string) => new URL(u).searchParams.get('key')!;
	return { id: body.id as string, editKey: key(body.editUrl), viewKey: key(body.viewUrl) };
}

async function stored(map: { id: string; viewKey: string }): Promise<MapSnapshot> {
	return (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();
}

/** Open the editor, passing the join step if the page asks for a name. */
async function openEditor(map: { id: string; editKey: string }): Promise<Page> {
	const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });
	await page.goto(`${e2e.srv.base}/maps/${map.id}?key=${map.editKey}`);
	const join = page.getByRole('button', { name: 'Join without a name' });
	const canvas = page.getByTestId('map-canvas');
	await Promise.race([join.waitFor({ timeout: 15_000 }).then(() => join.click()), canvas.waitFor({ timeout: 15_000 })]).catch(() => undefined);
	await canvas.waitFor({ timeout: 15_000 });
	await page.getByRole('status').filter({ hasText: /Connected|Saved|saved/ }).first().waitFor({ timeout: 10_000 });
	return page;
}

async function circles(page: Page, map: MapSnapshot): Promise<Map<string, { x: number; y: number }>> {
	const out = new Map<string, { x: number; y: number }>();
	for (const c of map.components) {
		// The component's group: its symbol (anchors have none) and, in the labels layer, its name.
		const box = await page.locator(`.map-root [data-collection="components"][data-id="${c.id}"]`).first().boundingBox({ timeout: 5000 });
		out.set(c.name, { x: Math.round(box!.x), y: Math.round(box!.y) });
	}
	return out;
}

/** Replace `from` with `to` in the text view by selecting it and typing, as a person would. */
async function retype(page: Page, from: string, to: string): Promise<void> {
	const text = page.getByLabel('Map text (OWM)');
	await text.evaluate((el, [f]) => {
		const area = el as HTMLTextAreaElement;
		const at = area.value.indexOf(f);
		if (at < 0) throw new Error(`"${f}" is not in the text`);
		area.focus();
		area.setSelectionRange(at, at + f.length);
	}, [from]);
	await page.keyboard.type(to);
}

describe('text view', () => {
	it('moves exactly the component whose coordinate was edited', async () => {
		const map = await newMap();
		const page = await openEditor(map);
		const before = await stored(map);
		const drawn = await circles(page, before);
		await page.getByRole('button', { name: 'Text', exact: true }).click();
		const text = page.getByLabel('Map text (OWM)');
		expect(await text.inputValue()).toContain('component Kettle [0.43, 0.35]');
		await retype(page, 'Kettle [0.43, 0.35]', 'Kettle [0.43, 0.65]');
		const after = await until(() => stored(map), (m) => m.components.find((c) => c.name === 'Kettle')!.evolution === 0.65);
		for (const c of before.components) {
			const now = after.components.find((x) => x.id === c.id)!;
			expect(now).toEqual(c.name === 'Kettle' ? { ...c, evolution: 0.65 } : c);
		}
		expect(after.links).toEqual(before.links);
		await page.getByRole('button', { name: 'Map', exact: true }).click();
		await page.getByTestId('map-canvas').waitFor();
		const moved = await circles(page, after);
		for (const [name, p] of drawn) {
			if (name === 'Kettle') expect(moved.get(name)!.x).toBeGreaterThan(p.x + 100);
			else expect(moved.get(name)).toEqual(p);
		}
		expect(moved.get('Kettle')!.y).toBe(drawn.get('Kettle')!.y);
		await page.close();
	});

	it('shows a syntax error with its line and leaves the map as it was; fixing it applies', async () => {
		const map = await newMap();
		const page = await openEditor(map);
		await page.getByRole('button', { name: 'Text', exact: true }).click();
		const text = page.getByLabel('Map text (OWM)');
		const before = await stored(map);
		await retype(page, 'Power [0.1, 0.7]', 'Power [0.1, seven]');
		const line = (await text.inputValue()).split('\n').findIndex((l) => l.includes('seven')) + 1;
		const errors = page.locator('#text-errors');
		await errors.getByRole('button', { name: `Line ${line}` }).waitFor();
		expect(await errors.textContent()).toMatch(/1 error: the map has not changed/);
		expect(await text.getAttribute('aria-invalid')).toBe('true');
		await new Promise((r) => setTimeout(r, 800));
		expect(await stored(map)).toEqual(before);
		expect(await axe(page)).toEqual([]);
		// "Line N" puts the caret on that line.
		await errors.getByRole('button', { name: `Line ${line}` }).click();
		expect(await page.locator('#text-caret').textContent()).toContain(`Line ${line},`);
		await retype(page, 'seven', '0.75');
		const fixed = await until(() => stored(map), (m) => m.components.find((c) => c.name === 'Power')!.evolution === 0.75);
		expect(fixed.components.find((c) => c.name === 'Power')!.evolution).toBe(0.75);
		await expect.poll(() => text.getAttribute('aria-invalid')).toBe('false');
		await page.close();
	});

	it('shows another person’s change when the text is not being edited', async () => {
		const map = await newMap();
		const page = await openEditor(map);
		await page.getByRole('button', { name: 'Text', exact: true }).click();
		const doc = new Y.Doc();
		const other = await connectClient(`${e2e.srv.base.replace('http', 'ws')}/collab`, map.id, map.editKey, doc);
		const website = readSnapshot(doc).components.find((c) => c.name === 'Website')!;
		moveComponent(doc, website.id as ComponentId, { evolution: 0.25, visibility: 0.8 }, 'other');
		await expect.poll(() => page.getByLabel('Map text (OWM)').inputValue(), { timeout: 5000 }).toContain('component Website [0.8, 0.25]');
		other.destroy();
		await page.close();
	});
});

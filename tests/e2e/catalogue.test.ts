// The catalogue in real Chromium against the built server with the fictional seed: search and
// filter (also without JavaScript), open a map, compare two, merge two into a draft, publish a
// map; axe-core finds no WCAG A/AA violation on any catalogue page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createMapHttp } from '../helpers/collab.js';
import { contractMarkedMap } from '../fixtures/contract-markers.js';
import { axe } from '../helpers/browser.js';
import { serverAndBrowser } from '../helpers/e2e.js';

const e2e = serverAndBrowser({ STACKMAP_SEED: '1' });

async function open(path: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
	const context = await e2e.browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 } });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	(page as unknown as { errors: string[] }).errors = errors;
	await page.goto(`${e2e.srv.base}${path}`);
	return page;
}

async function noViolations(page: Page) {
	const violations = await axe(page);
	expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

describe('catalogue in the browser', () => {
	it('searches, filters by a facet and opens a map', async () => {
		const page = await open('/catalogue');
		await noViolations(page);
		await page.getByLabel('Search maps').fill('Civica');
		await page.getByRole('button', { name: 'Search' }).click();
		await page.waitForURL(/q=Civica/);
		await page.getByRole('heading', { name: /5 maps/ }).waitFor();
		await page.locator('a[data-facet="orgType"][data-value="district"]').click();
		await page.waitForURL(/orgType=district/);
		await page.getByRole('heading', { name: /^1 map$/ }).waitFor();
		await noViolations(page);
		await page.getByRole('link', { name: 'Calderbrook District Council: technology stack' }).click();
		await page.getByRole('heading', { level: 1, name: 'Calderbrook District Council: technology stack' }).waitFor();
		expect(await page.getByRole('img', { name: /Calderbrook District Council/ }).count()).toBeGreaterThan(0);
		expect(await page.getByRole('region', { name: 'Components' }).locator('tbody tr').count()).toBe(53);
		await page.getByText('Open Government Licence v3.0').first().waitFor();
		await noViolations(page);
		expect((page as unknown as { errors: string[] }).errors).toEqual([]);
		await page.context().close();
	});

	it('works without JavaScript: search, facets and pages are links and forms', async () => {
		const page = await open('/catalogue?q=planning', { javaScriptEnabled: false });
		await page.getByRole('heading', { name: /maps?$/ }).first().waitFor();
		await page.locator('a[data-facet="orgType"][data-value="unitary"]').click();
		await page.waitForURL(/orgType=unitary/);
		expect(await page.locator('article').count()).toBe(2);
		await page.getByLabel('Sort by').selectOption('components');
		await page.getByRole('button', { name: 'Sort' }).click();
		await page.waitForURL(/sort=components/);
		await page.context().close();
	});

	it('compares two maps: sentences, overlay, side by side and table', async () => {
		const page = await open('/catalogue?q=Kestrelford');
		await page.getByRole('link', { name: 'Kestrelford County Council: technology stack' }).click();
		await page.getByRole('link', { name: 'Compare with another map' }).click();
		await page.getByRole('heading', { name: /Most similar maps/ }).waitFor();
		await noViolations(page);
		await page.getByRole('link', { name: /Compare with map Calderbrook District Council/ }).click();
		await page.getByRole('heading', { level: 1, name: 'Kestrelford and Calderbrook' }).waitFor();
		await page.getByText(/Kestrelford and Calderbrook both map \d+ component types/).waitFor();
		await page.getByText('Both buy card payments gateway / PSP from the same supplier (Civica), with the same product (Civica Pay).').waitFor();
		expect(await page.getByRole('img', { name: /^Overlay of Kestrelford and Calderbrook/ }).count()).toBe(1);
		expect(await page.locator('figure .map-figure svg').count()).toBe(2);
		expect(await page.getByRole('table').locator('tbody tr').count()).toBeGreaterThan(60);
		await noViolations(page);
		const csv = await page.request.get(`${e2e.srv.base}/api/compare.csv?${new URL(page.url()).searchParams}`);
		expect((await csv.text()).split('\r\n')[0]).toContain('Type ID,Type,LGAM layer,On');
		await page.context().close();
	});

	it('merges two maps into a draft that opens in the editor', async () => {
		const page = await open('/merge?q=Wessmoor');
		await noViolations(page);
		await page.getByLabel('Title of the new map').fill('Wessmoor and Greystone day one');
		await page.getByLabel(/Wessmoor Council: technology stack/).check();
		await page.getByLabel('Search published maps').fill('Greystone');
		await page.getByRole('button', { name: 'Search' }).click();
		await page.waitForURL(/q=Greystone/);
		expect(await page.getByLabel(/Wessmoor Council: technology stack/).isChecked()).toBe(true);
		expect(await page.getByLabel('Title of the new map').inputValue()).toBe('Wessmoor and Greystone day one');
		await page.getByLabel(/Greystone Borough Council: technology stack/).check();
		await page.getByRole('button', { name: 'Create the draft map' }).click();
		await page.waitForURL(/\/maps\/[A-Za-z0-9]{12}\?key=/);
		await page.getByRole('heading', { name: 'Wessmoor and Greystone day one' }).first().waitFor();
		const id = new URL(page.url()).pathname.split('/')[2];
		const key = new URL(page.url()).searchParams.get('key');
		const map = await (await page.request.get(`${e2e.srv.base}/api/maps/${id}?key=${key}`)).json();
		const crm = map.components.find((c: { componentType: string }) => c.componentType === 'crm');
		expect(crm.predecessors).toHaveLength(4);
		expect(crm.notes).toMatch(/^Duplicates to rationalise \(4\)/);
		await page.context().close();
	});

	it('refuses a merge of one map with a clear error', async () => {
		const page = await open('/merge?q=Wessmoor');
		await page.getByLabel(/Wessmoor Council: technology stack/).check();
		await page.getByRole('button', { name: 'Create the draft map' }).click();
		await page.getByRole('alert').getByText('Choose at least two maps to merge').waitFor();
		await noViolations(page);
		await page.context().close();
	});

	it('publishes a map from its settings page and finds it in the catalogue', async () => {
		const map = await createMapHttp(e2e.srv.base, 'Ambridge revenues map');
		const page = await open(`/maps/${map.id}/publish?key=${map.facilitatorKey}`);
		await noViolations(page);
		await page.getByLabel(/^Published/).check();
		await page.getByLabel('Description in the catalogue').fill('Our revenues and benefits estate, mapped in a workshop.');
		// Contract groups: every one private until chosen.
		for (const g of ['dates', 'costs', 'references']) expect(await page.getByLabel(`Keep ${g} private`).isChecked(), g).toBe(true);
		await page.getByRole('group', { name: /^References/ }).getByLabel('Publish references').check();
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').getByText('Saved. The map is now published.').waitFor();
		expect(await page.getByLabel('Publish references').isChecked()).toBe(true);
		expect(await page.getByLabel('Keep costs private').isChecked()).toBe(true);
		await noViolations(page);
		await page.goto(`${e2e.srv.base}/catalogue?q=ambridge`);
		await page.getByRole('link', { name: 'Ambridge revenues map' }).waitFor();
		const denied = await page.request.get(`${e2e.srv.base}/maps/${map.id}/publish?key=${map.editKey}`);
		expect(denied.status()).toBe(403);
		await page.context().close();
	}, 60_000);

	it('publishes contract dates only, chosen with the keyboard: the public page shows dates, no costs or references', async () => {
		const { snapshot } = contractMarkedMap('ee', 0);
		const res = await fetch(`${e2e.srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(snapshot) });
		expect(res.status).toBe(201);
		const map = (await res.json()) as { id: string; facilitatorUrl: string };
		const page = await open(`/maps/${map.id}/publish?key=${new URL(map.facilitatorUrl).searchParams.get('key')}`);
		// Hydration re-applies each radio's checked state: let it finish before keys change them.
		await page.waitForLoadState('networkidle');
		await page.getByLabel(/^Published/).check();
		// Each group is a labelled radio group: arrow keys move from "Keep dates private" through sharing to "Publish dates".
		await page.getByLabel('Keep dates private').focus();
		await page.keyboard.press('ArrowUp');
		expect(await page.getByRole('group', { name: /^Dates/ }).getByLabel('Share dates with the organisations chosen above only').isChecked()).toBe(true);
		await page.keyboard.press('ArrowUp');
		expect(await page.getByRole('group', { name: /^Dates/ }).getByLabel('Publish dates').isChecked()).toBe(true);
		await page.getByRole('button', { name: 'Save settings' }).focus();
		await page.keyboard.press('Enter');
		await page.getByRole('status').getByText('Saved. The map is now published.').waitFor();
		expect(await page.getByLabel('Publish dates').isChecked()).toBe(true);
		expect(await page.getByLabel('Keep costs private').isChecked()).toBe(true);
		expect(await page.getByLabel('Keep references private').isChecked()).toBe(true);
		await noViolations(page);

		await page.goto(`${e2e.srv.base}/catalogue/maps/${map.id}`);
		const table = page.getByRole('region', { name: 'Contracts' });
		await table.waitFor();
		expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Component', 'Start', 'End', 'Give notice by', 'Extensions']);
		expect(await table.getByRole('row', { name: /ee revenues/ }).first().textContent()).toContain('2028-04-03');
		await page.getByText('The publisher keeps contract costs and references private.').waitFor();
		const text = (await page.content()).toLowerCase();
		expect(text).toContain('eeext00x');
		expect(text).not.toMatch(/eeref|eeroute|eeshared|eeband|eewhole|7,310,0|7310/);
		await noViolations(page);
		await page.context().close();
	}, 60_000);

	it('adds an organisation and shows its admin key once', async () => {
		const page = await open('/catalogue/organisations/new');
		await noViolations(page);
		await page.getByRole('button', { name: 'Add organisation' }).click();
		await page.getByRole('alert').getByText('Enter the organisation’s name (2 to 200 characters)').waitFor();
		await noViolations(page);
		await page.getByLabel('Name').fill('Borsetshire County Council');
		await page.getByLabel('County council').check();
		await page.getByLabel('Region').selectOption('West Midlands');
		await page.getByRole('button', { name: 'Add organisation' }).click();
		await page.getByRole('heading', { name: 'Borsetshire County Council is in the catalogue' }).waitFor();
		expect(await page.locator('#admin-key').textContent()).toMatch(/^[A-Za-z0-9_-]{32}$/);
		await noViolations(page);
		await page.getByRole('link', { name: 'manage Borsetshire County Council' }).click();
		await page.getByRole('heading', { name: 'Manage Borsetshire County Council' }).waitFor();
		await page.getByLabel('About (optional)').fill('A fictional county for this test.');
		await page.getByRole('button', { name: 'Save profile' }).click();
		await page.getByRole('status').getByText('The profile is saved.').waitFor();
		await noViolations(page);
		await page.context().close();
	});

	it('joins a district to its county only with the county’s key or its approval', async () => {
		const add = async (page: Page, name: string, parentKey: string) => {
			await page.goto(`${e2e.srv.base}/catalogue/organisations/new`);
			await page.getByLabel('Name').fill(name);
			await page.getByLabel('District council').check();
			await page.getByLabel('Part of (optional)', { exact: true }).selectOption({ label: 'Midsomer County Council' });
			await page.getByLabel('Admin key of the organisation it is part of (optional)').fill(parentKey);
			await page.getByRole('button', { name: 'Add organisation' }).click();
		};
		const page = await open('/catalogue/organisations/new');
		await page.getByLabel('Name').fill('Midsomer County Council');
		await page.getByLabel('County council').check();
		await page.getByRole('button', { name: 'Add organisation' }).click();
		const countyKey = (await page.locator('#admin-key').textContent())!;
		const manage = `/catalogue/organisations/midsomer-county-council/manage?key=${countyKey}`;

		// A wrong key is an error next to the field; nothing is added.
		await add(page, 'Causton District Council', 'x'.repeat(32));
		await page.getByRole('alert').getByRole('link', { name: /That is not the admin key of Midsomer County Council/ }).waitFor();
		expect(await page.getByLabel('Admin key of the organisation it is part of (optional)').getAttribute('aria-invalid')).toBe('true');
		await noViolations(page);
		// A name already taken, in other letters and spacing, is refused and names the other.
		await page.getByLabel('Name').fill('midsomer  county COUNCIL');
		await page.getByRole('button', { name: 'Add organisation' }).click();
		await page.getByRole('alert').getByText(/Midsomer County Council is already in the catalogue/).waitFor();

		// Without a key it only asks; the county's admin approves it on the manage page.
		await add(page, 'Causton District Council', '');
		await page.getByRole('heading', { name: 'Waiting for Midsomer County Council' }).waitFor();
		await page.goto(`${e2e.srv.base}/catalogue/organisations/midsomer-county-council`);
		expect(await page.getByText('Causton District Council').count()).toBe(0);
		await page.goto(`${e2e.srv.base}${manage}`);
		await page.getByRole('heading', { name: 'Requests to join' }).waitFor();
		await noViolations(page);
		await page.getByRole('button', { name: 'Approve Causton District Council' }).click();
		await page.getByRole('status').getByText('Causton District Council is now listed as part of Midsomer County Council.').waitFor();
		await page.getByRole('button', { name: 'Remove Causton District Council' }).waitFor();
		await noViolations(page);

		// With the county's key, a district is a member at once.
		await add(page, 'Malham District Council', countyKey);
		await page.getByText('Malham District Council is listed as part of').waitFor();
		await page.goto(`${e2e.srv.base}/catalogue/organisations/midsomer-county-council`);
		for (const name of ['Causton District Council', 'Malham District Council']) await page.getByRole('link', { name }).waitFor();
		expect((page as unknown as { errors: string[] }).errors).toEqual([]);
		await page.context().close();
	}, 60_000);

	it.each([
		'/catalogue/types',
		'/catalogue/types/revs-bens',
		'/catalogue/suppliers',
		'/catalogue/suppliers/civica',
		'/catalogue/products',
		'/catalogue/products/civica-pay',
		'/catalogue/organisations',
		'/catalogue/organisations/kestrelford-county-council',
		'/overlay',
		'/overlay?parent=kestrelford-county-council',
		'/overlay?orgType=unitary&orgType=district&orgType=county&orgType=metropolitan',
		'/compare'
	])('%s has no WCAG A/AA violations at 1280 and 1024 px', async (path) => {
		for (const width of [1280, 1024]) {
			const page = await open(path, { width });
			await page.locator('h1').waitFor();
			await noViolations(page);
			expect((page as unknown as { errors: string[] }).errors).toEqual([]);
			await page.context().close();
		}
	});
});

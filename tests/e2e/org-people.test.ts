// An organisation's people in real Chromium against a real OpenID provider (oidc-provider in this
// process, its own login page): the admin who created the organisation invites a colleague from its
// manage page with no key; the colleague signs in, sees the organisation, publishes a map as it and
// gives it to the organisation, whose admin then opens it live with no link; a member of another
// council cannot publish as it. Needs `npm run build`.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from '../helpers/browser.js';
import type { ServerProcess } from '../helpers/collab.js';
import { signInWorld } from '../helpers/e2e-signin.js';
import { ACCOUNTS } from '../helpers/oidc.js';

const world = signInWorld();
const { signedIn } = world;
let srv: ServerProcess;
beforeAll(() => {
	({ srv } = world);
});

/** "Add your organisation", claiming the domain of the signed-in user's email: its creator is its first admin. */
async function addOrganisation(page: Page, name: string, domain: string): Promise<void> {
	await world.addOrganisation(page, name, domain);
	await page.getByText('You are its first admin').waitFor();
}

/** Start a map from the home page; returns its publishing settings' address. */
async function newMap(page: Page, title: string): Promise<string> {
	await page.goto(`${srv.base}/`);
	await page.getByLabel('Map title').fill(title);
	await page.getByRole('button', { name: 'Create map' }).click();
	await page.waitForURL(/\/maps\/[A-Za-z0-9_-]+\?key=/);
	const url = new URL(page.url());
	return `${srv.base}${url.pathname}/publish${url.search}`;
}

describe('organisation people', () => {
	it('lets an admin invite a colleague, who then publishes as the organisation; another council’s member cannot', async () => {
		const ana = await signedIn('ana');
		await addOrganisation(ana.page, 'Kestrelford Borough Council', 'kestrelford.gov.uk');
		const ben = await signedIn('ben');
		await addOrganisation(ben.page, 'Calderbrook District Council', 'calderbrook.gov.uk');

		// Ana manages Kestrelford from My maps, with no key, and invites Cai.
		await ana.page.goto(`${srv.base}/my/maps`);
		await ana.page.getByRole('link', { name: 'manage Kestrelford Borough Council' }).click();
		await ana.page.waitForURL(`${srv.base}/catalogue/organisations/kestrelford-borough-council/manage`);
		await ana.page.getByLabel('Email to invite').fill(ACCOUNTS.cai.email);
		await ana.page.getByLabel('Role', { exact: true }).selectOption('member');
		await ana.page.getByRole('button', { name: 'Invite' }).click();
		await ana.page.getByText(`${ACCOUNTS.cai.email} is invited as member.`).waitFor();
		await ana.page.getByRole('listitem').filter({ hasText: `${ACCOUNTS.cai.email} as member` }).waitFor();
		expect(await axe(ana.page)).toEqual([]);

		// Cai signs in: Kestrelford is theirs now, and a new map publishes as it with no key.
		const cai = await signedIn('cai');
		await cai.page.getByRole('link', { name: 'Kestrelford Borough Council' }).waitFor();
		expect(await cai.page.getByText('You are a member of Kestrelford Borough Council').count()).toBe(1);
		await cai.page.goto(await newMap(cai.page, 'Shared digital revenues'));
		await cai.page.getByLabel('Published').check();
		await cai.page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Publish as Kestrelford Borough Council' });
		await cai.page.getByRole('button', { name: 'Save settings' }).click();
		await cai.page.getByText('Saved. The map is now published.').waitFor();
		await cai.page.goto(`${srv.base}/catalogue/organisations/kestrelford-borough-council`);
		await cai.page.getByRole('link', { name: 'Shared digital revenues' }).first().waitFor();
		// Cai's own map, the Belongs-to choice, and Our organisation's maps, each accessible.
		await cai.page.goto(`${srv.base}/my/maps`);
		await cai.page.getByLabel('Organisation Shared digital revenues belongs to').selectOption({ label: 'Kestrelford Borough Council' });
		await cai.page.getByRole('button', { name: 'Save who Shared digital revenues belongs to' }).click();
		await cai.page.getByText('Saved: the map belongs to Kestrelford Borough Council').waitFor();
		expect(await axe(cai.page)).toEqual([]);
		await cai.page.getByRole('link', { name: 'Our organisation’s maps' }).click();
		await cai.page.getByRole('row').filter({ hasText: 'Shared digital revenues' }).filter({ hasText: 'belongs to the organisation' }).waitFor();
		expect(await axe(cai.page)).toEqual([]);

		// Ben, of Calderbrook, is offered only his own organisation, and Kestrelford without its key is refused.
		await ben.page.goto(await newMap(ben.page, 'Calderbrook housing'));
		const options = await ben.page.getByLabel('Organisation', { exact: true }).locator('optgroup option').allTextContents();
		expect(options).toEqual(['Publish as Calderbrook District Council']);
		await ben.page.getByLabel('Published').check();
		await ben.page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Kestrelford Borough Council' });
		await ben.page.getByRole('button', { name: 'Save settings' }).click();
		await ben.page.getByRole('alert').getByText('To add this map to Kestrelford Borough Council, enter that organisation’s admin key').waitFor();
		expect(await ben.page.getByText('Saved.').count()).toBe(0);

		// Ana, a colleague, finds it under Our organisation's maps and opens it live as facilitator, no link.
		await ana.page.goto(`${srv.base}/my/organisation`);
		await ana.page.getByRole('link', { name: 'Shared digital revenues' }).click();
		await ana.page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 10_000 });
		expect(await ana.page.locator('header .role').textContent()).toBe('Facilitator');
		await ana.page.goto(`${srv.base}/catalogue/organisations/kestrelford-borough-council/manage`);

		// The audit log, for Ana, says who did what.
		const log = ana.page.locator('table.audit-log');
		await log.getByRole('row').filter({ hasText: 'invitation taken up' }).filter({ hasText: ACCOUNTS.cai.email }).waitFor();
		await log.getByRole('row').filter({ hasText: 'map added to organisation' }).filter({ hasText: 'Shared digital revenues' }).waitFor();

		for (const d of [ana, ben, cai]) await d.context.close();
	}, 120_000);
});

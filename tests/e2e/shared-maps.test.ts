// Sharing a map with a named organisation, in real Chromium against a real OpenID provider
// (oidc-provider in this process, its own login page): the facilitator ticks a second
// organisation on the publish page (found with the filter, by keyboard) and shares the contract
// dates with it while the map stays private; a signed-in member of that organisation finds it under
// "Shared with your organisation" and opens its catalogue page with the dates; a member of a third
// organisation and the public get nothing. Needs `npm run build`.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { contractMarkedMap } from '../fixtures/contract-markers.js';
import { axe } from '../helpers/browser.js';
import type { ServerProcess } from '../helpers/collab.js';
import { signInWorld } from '../helpers/e2e-signin.js';

const world = signInWorld();
const { signedIn, addOrganisation } = world;
let srv: ServerProcess;
let browser: Browser;
beforeAll(() => {
	({ srv, browser } = world);
});

describe('sharing with named organisations', () => {
	it('shows a private map and its shared dates to the named organisation’s member only', async () => {
		const ana = await signedIn('ana');
		await addOrganisation(ana.page, 'Kestrelford Borough Council', 'kestrelford.gov.uk');
		const ben = await signedIn('ben');
		await addOrganisation(ben.page, 'Calderbrook District Council', 'calderbrook.gov.uk');
		const cai = await signedIn('cai');
		await addOrganisation(cai.page, 'Shared Digital Partnership', 'shared-digital.org.uk');

		// Ana's map with contracts, imported as she would from a register.
		const { snapshot, markers } = contractMarkedMap('ez', 4);
		const made = await ana.page.request.post(`${srv.base}/api/maps/import`, { data: snapshot });
		expect(made.status()).toBe(201);
		const { id, facilitatorUrl } = (await made.json()) as { id: string; facilitatorUrl: string };
		const key = new URL(facilitatorUrl).searchParams.get('key')!;

		// The publish page: find Calderbrook with the filter and tick it by keyboard; share the dates only.
		await ana.page.goto(`${srv.base}/maps/${id}/publish?key=${encodeURIComponent(key)}`);
		// Hydration re-applies each box's checked state: let it finish before keys change them.
		await ana.page.waitForLoadState('networkidle');
		const filter = ana.page.getByLabel('Find an organisation');
		await filter.fill('calder');
		await ana.page.getByText('0 chosen; 1 of 3 shown').waitFor();
		expect(await ana.page.getByLabel('Kestrelford Borough Council').isVisible()).toBe(false);
		await filter.press('Tab');
		await ana.page.keyboard.press('Space');
		await ana.page.getByText('1 chosen; 1 of 3 shown').waitFor();
		expect(await ana.page.getByLabel('Calderbrook District Council').isChecked()).toBe(true);
		await ana.page.getByLabel('Share dates with the organisations chosen above only').check();
		expect(await ana.page.locator('#visibility').isChecked()).toBe(true);
		expect(await axe(ana.page)).toEqual([]);
		await ana.page.getByRole('button', { name: 'Save settings' }).click();
		await ana.page.getByText('Saved. The map is now private.').waitFor();
		expect(await ana.page.getByLabel('Calderbrook District Council').isChecked()).toBe(true);

		// Ben, of Calderbrook, finds it under "Shared with your organisation" and sees the dates.
		await ben.page.goto(`${srv.base}/my/organisation`);
		const shared = ben.page.getByRole('table', { name: 'Shared with your organisation' });
		// Ana's map belongs to no organisation: the table says so rather than leave "From" empty.
		await shared.getByRole('row').filter({ hasText: 'ez contracts map' }).filter({ hasText: 'No: shared only' }).filter({ hasText: 'No organisation given' }).waitFor();
		expect(await axe(ben.page)).toEqual([]);
		await shared.getByRole('link', { name: 'ez contracts map' }).click();
		await ben.page.waitForURL(`${srv.base}/catalogue/maps/${id}`);
		await ben.page.getByText('Shared with your organisation: you see this map, which is not public.').waitFor();
		const contracts = ben.page.getByRole('table', { name: /Contracts of ez contracts map/ });
		const text = await contracts.textContent();
		expect(text).toContain('ez revenues');
		expect(text).toContain(markers.dates[1]);
		expect(markers.costs.concat(markers.references).filter((m) => text!.includes(m))).toEqual([]);
		expect(await axe(ben.page)).toEqual([]);

		// Cai, of a third organisation, and the public: not found.
		const seen = await cai.page.goto(`${srv.base}/catalogue/maps/${id}`);
		expect(seen?.status()).toBe(404);
		await cai.page.goto(`${srv.base}/my/organisation`);
		expect(await cai.page.getByRole('link', { name: 'ez contracts map' }).count()).toBe(0);
		const anon = await browser.newContext();
		expect((await (await anon.newPage()).goto(`${srv.base}/catalogue/maps/${id}`))?.status()).toBe(404);
		for (const c of [anon, ana.context, ben.context, cai.context]) await c.close();
	}, 120_000);
});

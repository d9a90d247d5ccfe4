// Signing in, in real Chromium against a real OpenID provider (oidc-provider in this process, its
// own login page): a council user creates a map while signed in, finds it under "My maps" in
// another browser and opens it as facilitator with no link; another user neither sees nor opens
// it; a workshop participant still joins by the edit link with no account. Needs `npm run build`.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from '../helpers/browser.js';
import type { ServerProcess } from '../helpers/collab.js';
import { signInWorld } from '../helpers/e2e-signin.js';

const world = signInWorld();
const { device, logIn } = world;
let srv: ServerProcess;
beforeAll(() => {
	({ srv } = world);
});

async function connected(page: Page): Promise<void> {
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 10_000 });
}

describe('signing in', () => {
	it('keeps a signed-in user’s maps for them on any browser, and only for them; participants need no account', async () => {
		// Ana signs in from the home page and starts a map.
		const ana = await device('Ana');
		await ana.page.goto(`${srv.base}/`);
		await ana.page.getByRole('link', { name: 'Sign in' }).click();
		await logIn(ana.page, 'ana');
		expect(new URL(ana.page.url()).pathname).toBe('/');
		await ana.page.getByText('Signed in as Ana Kestrel').waitFor();
		await ana.page.getByLabel('Map title').fill('Kestrelford revenues');
		await ana.page.getByRole('button', { name: 'Create map' }).click();
		await ana.page.waitForURL(/\/maps\/[A-Za-z0-9_-]+\?key=/);
		const created = new URL(ana.page.url());
		const id = created.pathname.split('/').pop()!;
		const editKey = /share=([A-Za-z0-9_-]+)\./.exec(created.hash)![1];
		await connected(ana.page);

		// The same person on another browser: My maps asks them to sign in, then lists the map.
		const laptop = await device('Ana');
		await laptop.page.goto(`${srv.base}/my/maps`);
		await logIn(laptop.page, 'ana');
		expect(new URL(laptop.page.url()).pathname).toBe('/my/maps');
		const header = laptop.page.getByRole('banner');
		await header.getByText('Ana Kestrel').waitFor();
		expect(await header.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
		const row = laptop.page.getByRole('row').filter({ hasText: 'Kestrelford revenues' });
		await row.waitFor();
		expect(await axe(laptop.page)).toEqual([]);
		// Opened from the list with no link: as facilitator, live.
		await row.getByRole('link', { name: 'Kestrelford revenues' }).click();
		await laptop.page.waitForURL(`${srv.base}/maps/${id}`);
		await connected(laptop.page);
		expect(await laptop.page.locator('header .role').textContent()).toBe('Facilitator');

		// Ben, of another council, signs in from the catalogue: no maps, and Ana's is closed to him.
		const ben = await device('Ben');
		await ben.page.goto(`${srv.base}/catalogue`);
		await ben.page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
		await logIn(ben.page, 'ben');
		expect(new URL(ben.page.url()).pathname).toBe('/catalogue');
		await ben.page.getByRole('banner').getByText('Ben Calder').waitFor();
		await ben.page.getByRole('banner').getByRole('link', { name: 'My maps' }).click();
		await ben.page.getByText('You have no maps yet').waitFor();
		expect(await ben.page.getByText('Kestrelford revenues').count()).toBe(0);
		expect((await ben.page.goto(`${srv.base}/maps/${id}`))?.status()).toBe(403);

		// A workshop participant: no account, the edit link is enough.
		const guest = await device('Cai');
		await guest.page.goto(`${srv.base}/maps/${id}?key=${editKey}`);
		await connected(guest.page);
		expect(await guest.page.locator('header .role').textContent()).toBe('Participant');

		// Signing out on the laptop ends that session only.
		await laptop.page.goto(`${srv.base}/my/maps`);
		await laptop.page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
		await laptop.page.waitForURL(`${srv.base}/`);
		await laptop.page.getByRole('link', { name: 'Sign in' }).waitFor();
		expect((await laptop.page.goto(`${srv.base}/maps/${id}`))?.status()).toBe(403);
		await ana.page.goto(`${srv.base}/my/maps`);
		await ana.page.getByRole('row').filter({ hasText: 'Kestrelford revenues' }).waitFor();

		for (const d of [ana, laptop, ben, guest]) await d.context.close();
	}, 90_000);
});

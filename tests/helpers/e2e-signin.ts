// One sign-in e2e file's world: a real OpenID provider in this process (oidc-provider, its own login
// page), the built server configured for it and one Chromium, started before the file's tests and
// stopped after them; and the steps every sign-in journey takes. Needs `npm run build` first.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { spawnServer, tempDataDir, type ServerProcess } from './collab.js';
import { ACCOUNTS, startIssuer, type Login, type TestIssuer } from './oidc.js';

export interface Device {
	readonly context: BrowserContext;
	readonly page: Page;
}

export interface SignInWorld {
	readonly srv: ServerProcess;
	readonly idp: TestIssuer;
	readonly browser: Browser;
	/** A browser profile of its own (cookies, storage) whose device already has a join name. */
	device(name: string): Promise<Device>;
	/** At the provider's login page (reached from a Sign in link or a redirect), log in and come back. */
	logIn(page: Page, login: Login): Promise<void>;
	/** A device signed in as `login` through the provider's login page, left on My maps. */
	signedIn(login: Login): Promise<Device>;
	/** "Add your organisation" as the signed-in page, claiming `domain`. */
	addOrganisation(page: Page, name: string, domain: string): Promise<void>;
}

/** Register the hooks that start and stop the world; use it inside tests. */
export function signInWorld(): SignInWorld {
	let idp: TestIssuer | undefined;
	let srv: ServerProcess | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		idp = await startIssuer();
		srv = await spawnServer(tempDataDir(), idp.env);
		idp.start(`${srv.base}/auth/callback`);
		browser = await launchBrowser();
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
		srv?.child.kill('SIGKILL');
		await idp?.close();
	});
	const started = <T>(v: T | undefined, what: string): T => {
		if (v === undefined) throw new Error(`the ${what} starts in beforeAll`);
		return v;
	};
	const world: SignInWorld = {
		get srv() {
			return started(srv, 'server');
		},
		get idp() {
			return started(idp, 'provider');
		},
		get browser() {
			return started(browser, 'browser');
		},
		async device(name) {
			const context = await world.browser.newContext({ viewport: { width: 1280, height: 850 } });
			await context.addInitScript((n) => localStorage.setItem('stackmap:name', n), name);
			return { context, page: await context.newPage() };
		},
		async logIn(page, login) {
			await page.waitForURL(`${world.idp.issuer}/**`);
			await page.locator('input[name="login"]').fill(login);
			await page.locator('input[name="password"]').fill('any password');
			await page.getByRole('button', { name: 'Sign-in' }).click();
			await page.waitForURL(`${world.srv.base}/**`);
		},
		async signedIn(login) {
			const d = await world.device(ACCOUNTS[login].name);
			await d.page.goto(`${world.srv.base}/my/maps`);
			await world.logIn(d.page, login);
			await d.page.waitForURL(`${world.srv.base}/my/maps`);
			return d;
		},
		async addOrganisation(page, name, domain) {
			await page.goto(`${world.srv.base}/catalogue/organisations/new`);
			await page.getByLabel('Name', { exact: true }).fill(name);
			await page.getByLabel('District council').check();
			await page.getByLabel('Email domain (optional)').fill(domain);
			await page.getByRole('button', { name: 'Add organisation' }).click();
			await page.getByRole('heading', { name: `${name} is in the catalogue` }).waitFor();
		}
	};
	return world;
}

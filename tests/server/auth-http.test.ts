// Sign-in over HTTP against a real OpenID provider (oidc-provider, in this process) and the built
// server: state, nonce and code checks, sessions (cookie attributes, hashes only in the database,
// a new session per sign-in, sign-out here and everywhere, idle expiry), ownership across two
// users, the websocket, and no trace of accounts with sign-in off. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import WebSocket from 'ws';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { CookieJar, loginAtProvider, request, signIn, startIssuer, startSignIn, type TestIssuer } from '../helpers/oidc.js';

let idp: TestIssuer;
let srv: ServerProcess;
let dataDir: string;
/** Two providers (the same test issuer under two names), with sessions that end after 2 s unused. */
let brief: ServerProcess;
/** No provider configured: the app as it was before sign-in. */
let plain: ServerProcess;

beforeAll(async () => {
	idp = await startIssuer();
	dataDir = tempDataDir();
	[srv, brief, plain] = await Promise.all([
		spawnServer(dataDir, idp.env),
		spawnServer(tempDataDir(), {
			STACKMAP_OIDC_PROVIDERS: JSON.stringify(
				['council', 'partner'].map((id) => ({ id, name: `${id} ID`, issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret }))
			),
			STACKMAP_SESSION_IDLE_SECONDS: '2'
		}),
		spawnServer(tempDataDir())
	]);
	idp.start(`${srv.base}/auth/callback`, `${brief.base}/auth/callback`);
}, 60_000);
afterAll(async () => {
	for (const s of [srv, brief, plain]) s?.child.kill('SIGKILL');
	await idp?.close();
});

const session = (jar: CookieJar) => jar.cookies.get('stackmap_session');

/** Signed in as `login` on `app`; fails the test otherwise. */
async function signedIn(login: 'ana' | 'ben' | 'eve', app = srv): Promise<CookieJar> {
	const jar = new CookieJar();
	const res = await signIn(app.base, login, jar, '/my/maps', app === brief ? 'partner' : undefined);
	expect(res.status).toBe(303);
	expect(session(jar)).toMatch(/^[A-Za-z0-9_-]{43}$/);
	return jar;
}

/** "My maps" as this jar sees it: its HTML, or null when it was sent to sign in. */
async function myMaps(jar: CookieJar, app = srv): Promise<string | null> {
	const res = await request(jar, `${app.base}/my/maps`);
	if (res.status === 303) {
		expect(res.headers.get('location')).toBe('/auth/signin?returnTo=/my/maps');
		return null;
	}
	expect(res.status).toBe(200);
	return res.text();
}

async function createMap(jar: CookieJar, title: string): Promise<string> {
	const res = await request(jar, `${srv.base}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

/** The websocket upgrade's answer for these cookies and no key: 101 (joined) or the refusal status. */
function upgradeStatus(app: ServerProcess, id: string, cookie?: string): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`ws://127.0.0.1:${app.port}/collab/${id}`, { headers: cookie ? { cookie } : {} });
		ws.once('open', () => {
			ws.close();
			resolve(101);
		});
		ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.once('error', () => resolve(0));
	});
}

describe('the sign-in flow', () => {
	it('signs in through the provider and sets an HttpOnly, SameSite=Lax session cookie (Secure over https)', async () => {
		const jar = new CookieJar();
		const callback = await loginAtProvider(await startSignIn(srv.base, jar), 'ana');
		expect(callback.origin + callback.pathname).toBe(`${srv.base}/auth/callback`);
		const res = await request(jar, callback.href);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/my/maps');
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('stackmap_session='))!;
		expect(cookie).toMatch(/; Path=\/(;|$)/);
		expect(cookie).toMatch(/; HttpOnly(;|$)/);
		expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
		expect(cookie).not.toMatch(/Secure/);
		expect(await myMaps(jar)).toContain('Ana Kestrel');

		// Behind the TLS proxy (X-Forwarded-Proto: https) the cookie is Secure.
		const viaProxy = new CookieJar();
		const cb = await loginAtProvider(await startSignIn(srv.base, viaProxy), 'ana');
		const secure = await request(viaProxy, cb.href, { headers: { 'x-forwarded-proto': 'https' } });
		expect(secure.status).toBe(303);
		expect(secure.headers.getSetCookie().find((c) => c.startsWith('stackmap_session='))).toMatch(/; Secure(;|$)/);
	});

	it('returns only to a path on this site', async () => {
		for (const [asked, landed] of [
			['/maps/abc?x=1', '/maps/abc?x=1'],
			['//evil.example/x', '/'],
			['https://evil.example/', '/'],
			['/\\evil.example', '/']
		]) {
			const res = await signIn(srv.base, 'ben', new CookieJar(), asked);
			expect(res.status, asked).toBe(303);
			expect(res.headers.get('location'), asked).toBe(landed);
		}
	});

	it('refuses a callback whose state is not the one this browser started with, or with no flow at all', async () => {
		const jar = new CookieJar();
		const callback = await loginAtProvider(await startSignIn(srv.base, jar), 'ana');
		const forged = new URL(callback);
		forged.searchParams.set('state', 'an-attacker-chosen-state-value');
		const res = await request(jar, forged.href);
		expect(res.status).toBe(400);
		expect(session(jar)).toBeUndefined();
		// The flow was spent by the refusal: the genuine callback does not work after it either.
		expect((await request(jar, callback.href)).status).toBe(400);

		// Another browser (no flow cookie) handed a genuine callback URL: login CSRF, refused.
		const victim = await loginAtProvider(await startSignIn(srv.base, new CookieJar()), 'ben');
		const other = new CookieJar();
		expect((await request(other, victim.href)).status).toBe(400);
		expect(session(other)).toBeUndefined();
	});

	it('refuses an ID token whose nonce is not the flow’s', async () => {
		const jar = new CookieJar();
		const authUrl = await startSignIn(srv.base, jar);
		authUrl.searchParams.set('nonce', 'not-the-nonce-the-app-kept-for-this-flow');
		const res = await request(jar, (await loginAtProvider(authUrl, 'ana')).href);
		expect(res.status).toBe(400);
		expect(session(jar)).toBeUndefined();
	});

	it('redeems a code once', async () => {
		const jar = new CookieJar();
		const callback = await loginAtProvider(await startSignIn(srv.base, jar), 'ana');
		const flowCookie = jar.header();
		expect((await request(jar, callback.href)).status).toBe(303);

		// The same callback again, with the same flow cookie: the flow is spent.
		const replay = new CookieJar();
		replay.cookies.set('stackmap_signin', /stackmap_signin=([^;]+)/.exec(flowCookie)![1]);
		expect((await request(replay, callback.href)).status).toBe(400);
		expect(session(replay)).toBeUndefined();

		// The code under a fresh flow of its own (matching state): the provider refuses it too.
		const fresh = new CookieJar();
		const state = (await startSignIn(srv.base, fresh)).searchParams.get('state')!;
		const reused = new URL(callback);
		reused.searchParams.set('state', state);
		expect((await request(fresh, reused.href)).status).toBe(400);
		expect(session(fresh)).toBeUndefined();
	});

	it('starts a new session on every sign-in and keeps only a hash of it', async () => {
		const since = Date.now();
		const jar = await signedIn('ana');
		const first = session(jar)!;
		expect((await signIn(srv.base, 'ana', jar)).status).toBe(303);
		const second = session(jar)!;
		expect(second).not.toBe(first);
		const stale = new CookieJar();
		stale.cookies.set('stackmap_session', first);
		expect(await myMaps(stale)).toBeNull();
		expect(await myMaps(jar)).toContain('Ana Kestrel');

		const db = new Database(join(dataDir, 'stackmap.db'), { readonly: true });
		try {
			const rows = db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
			const digest = createHash('sha256').update(second).digest();
			expect(rows.some((r) => Buffer.from(r.token_hash as Uint8Array).equals(digest))).toBe(true);
			expect(JSON.stringify(rows)).not.toContain(second);
			expect(db.prepare('SELECT count(*) AS n FROM auth_flows WHERE created_at >= ?').get(since)).toEqual({ n: 0 });
		} finally {
			db.close();
		}
	});
});

describe('sessions and ownership', () => {
	it('lets each user see and open only their own maps without a link', async () => {
		const ana = await signedIn('ana');
		const ben = await signedIn('ben');
		const anaMap = await createMap(ana, 'Kestrelford revenues');
		const benMap = await createMap(ben, 'Calderbrook housing');

		// An import while signed in is Ana's too.
		const imported = await request(ana, `${srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: 'title Kestrelford import\ncomponent Council tax [0.6, 0.4]\n' });
		expect(imported.status).toBe(201);

		const anaList = (await myMaps(ana))!;
		expect(anaList).toContain('Kestrelford import');
		expect(anaList).toContain('Kestrelford revenues');
		expect(anaList).toContain(`/maps/${anaMap}`);
		expect(anaList).not.toContain('Calderbrook housing');
		expect(await myMaps(ben)).not.toContain('Kestrelford revenues');

		// The owner opens the map page as facilitator with no key; the other user and the public get 403.
		const page = await request(ana, `${srv.base}/maps/${anaMap}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/role:"facilitator"/);
		expect((await request(ben, `${srv.base}/maps/${anaMap}`)).status).toBe(403);
		expect((await request(new CookieJar(), `${srv.base}/maps/${anaMap}`)).status).toBe(403);
		expect((await request(ben, `${srv.base}/api/maps/${anaMap}`)).status).toBe(403);
		expect((await request(ana, `${srv.base}/maps/${benMap}`)).status).toBe(403);

		// The websocket takes the session as it takes a link key, and only the owner's.
		expect(await upgradeStatus(srv, anaMap, ana.header())).toBe(101);
		expect(await upgradeStatus(srv, anaMap, ben.header())).toBe(403);
		expect(await upgradeStatus(srv, anaMap)).toBe(403);

		// A session token that is not one (changed, made up) is nobody.
		const forged = new CookieJar();
		const token = session(ana)!;
		forged.cookies.set('stackmap_session', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'));
		expect(await myMaps(forged)).toBeNull();
		expect(await upgradeStatus(srv, anaMap, forged.header())).toBe(403);
	});

	it('signs out with POST only, from this site only, and ends the session on the server', async () => {
		const jar = await signedIn('ana');
		const token = session(jar)!;
		expect((await request(jar, `${srv.base}/auth/signout`)).status).toBe(405);
		// SvelteKit's origin check on form posts is on: another site's form cannot sign anyone out.
		const crossSite = await request(jar, `${srv.base}/auth/signout`, {
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(crossSite.status).toBe(403);
		expect(await myMaps(jar)).toContain('Ana Kestrel');

		const out = await request(jar, `${srv.base}/auth/signout`, { method: 'POST', headers: { origin: srv.base, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		expect(out.status).toBe(303);
		expect(session(jar)).toBeUndefined();
		// The old cookie, kept by someone, is worth nothing now.
		const kept = new CookieJar();
		kept.cookies.set('stackmap_session', token);
		expect(await myMaps(kept)).toBeNull();
	});

	it('signs a user out everywhere and leaves other users signed in', async () => {
		const laptop = await signedIn('ana');
		const phone = await signedIn('ana');
		const ben = await signedIn('ben');
		const anaMap = await createMap(laptop, 'Everywhere test');
		expect(await upgradeStatus(srv, anaMap, phone.header())).toBe(101);
		const out = await request(laptop, `${srv.base}/auth/signout`, {
			method: 'POST',
			headers: { origin: srv.base, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'everywhere=1'
		});
		expect(out.status).toBe(303);
		expect(await myMaps(phone)).toBeNull();
		expect(await upgradeStatus(srv, anaMap, phone.header())).toBe(403);
		expect(await myMaps(ben)).toContain('Ben Calder');
	});

	it('offers a choice when several providers are configured', async () => {
		const res = await fetch(`${brief.base}/auth/signin?returnTo=/catalogue`, { redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/auth/choose?returnTo=%2Fcatalogue');
		const html = await (await fetch(`${brief.base}/auth/choose?returnTo=%2Fcatalogue`)).text();
		expect(html).toContain('Sign in with council ID');
		expect(html).toContain('href="/auth/signin?provider=partner&amp;returnTo=%2Fcatalogue"');
		expect((await fetch(`${brief.base}/auth/signin?provider=nobody`, { redirect: 'manual' })).status).toBe(400);
	});

	it('ends a session left unused past the idle time', async () => {
		const jar = await signedIn('ana', brief);
		expect(await myMaps(jar, brief)).toContain('Ana Kestrel');
		await new Promise((r) => setTimeout(r, 3000));
		expect(await myMaps(jar, brief)).toBeNull();
	});
});

describe('organisations and email domains', () => {
	/** Post the "Add your organisation" form as this jar, from this site. */
	async function addOrganisation(jar: CookieJar, name: string, domains: string) {
		const res = await request(jar, `${srv.base}/catalogue/organisations/new`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: srv.base },
			body: new URLSearchParams({ name, type: 'district', domains }).toString()
		});
		return { status: res.status, html: await res.text() };
	}

	it('claims a domain only for a verified email there, and shows the organisation as verified', async () => {
		const ana = await signedIn('ana');
		const ben = await signedIn('ben');
		const refused = [
			[new CookieJar(), 'kestrelford.gov.uk', 'Sign in with your organisation’s account'],
			[ben, 'kestrelford.gov.uk', 'You can claim only calderbrook.gov.uk'],
			[ana, 'gov.uk', 'You can claim only kestrelford.gov.uk'],
			[ana, 'not a domain', 'Enter email domains such as']
		] as const;
		for (const [jar, domain, message] of refused) {
			const r = await addOrganisation(jar, `Kestrelford Borough Council ${domain.length}`, domain);
			expect(r.status, domain).toBe(400);
			expect(r.html, domain).toContain(message);
		}
		// Nothing was created by a refusal.
		expect(await (await fetch(`${srv.base}/catalogue/organisations`)).text()).not.toContain('Kestrelford Borough Council');

		const made = await addOrganisation(ana, 'Kestrelford Borough Council', '@Kestrelford.gov.uk');
		expect(made.status).toBe(200);
		expect(made.html).toContain('everyone who signs in with an email at kestrelford.gov.uk is a member');
		expect((await addOrganisation(ana, 'Kestrelford Parish Council', 'kestrelford.gov.uk')).html).toContain('kestrelford.gov.uk already belongs to Kestrelford Borough Council');
		// Without a domain, anyone may still add an organisation, as before: not verified.
		expect((await addOrganisation(ben, 'Calderbrook District Council', '')).status).toBe(200);

		const list = await (await fetch(`${srv.base}/catalogue/organisations`)).text();
		expect(list).toMatch(/Kestrelford Borough Council<\/a>\s*(<!--[^>]*-->\s*)*<strong class="tag published">Verified<\/strong>/);
		expect(list).not.toMatch(/Calderbrook District Council<\/a>\s*(<!--[^>]*-->\s*)*<strong class="tag published">Verified/);
		expect(list).toMatch(/Calderbrook District Council<\/a>\s*(<!--[^>]*-->\s*)*<span class="tag private"[^>]*>Unverified<\/span>/);
		const page = await (await fetch(`${srv.base}/catalogue/organisations/calderbrook-district-council`)).text();
		expect(page).toContain('No one has proven this organisation');
		expect(await myMaps(ana)).toMatch(/member of <a href="\/catalogue\/organisations\/kestrelford-borough-council">Kestrelford Borough Council<\/a>/);
		// Ben created Calderbrook's (unverified) entry signed in, so he is its admin, and nothing of Kestrelford's.
		const bens = await myMaps(ben);
		expect(bens).not.toContain('Kestrelford Borough Council');
		expect(bens).toMatch(/member of <a href="\/catalogue\/organisations\/calderbrook-district-council">Calderbrook District Council<\/a>(<!--[^>]*-->)*, and one of its admins/);
	});

	it('takes Entra ID’s xms_edov claim as the email’s proof when the provider sends no email_verified', async () => {
		const eve = await signedIn('eve');
		const made = await addOrganisation(eve, 'Wessmoor Council', 'wessmoor.gov.uk');
		expect(made.status).toBe(200);
		expect(made.html).toContain('everyone who signs in with an email at wessmoor.gov.uk is a member');
		expect((await addOrganisation(eve, 'Wessmoor Parish Council', 'calderbrook.gov.uk')).html).toContain('You can claim only wessmoor.gov.uk');
	});
});

describe('with sign-in off', () => {
	it('offers no sign-in anywhere and has no account routes', async () => {
		for (const path of ['/', '/catalogue', '/catalogue/organisations']) {
			const html = await (await fetch(`${plain.base}${path}`)).text();
			expect(html, path).not.toMatch(/Sign in|My maps|Sign out/);
		}
		expect((await fetch(`${plain.base}/auth/signin`, { redirect: 'manual' })).status).toBe(404);
		expect((await fetch(`${plain.base}/auth/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(404);
		expect((await fetch(`${plain.base}/my/maps`, { redirect: 'manual' })).status).toBe(404);
		expect((await fetch(`${plain.base}/auth/signout`, { method: 'POST', redirect: 'manual' })).status).toBe(404);
	});
});

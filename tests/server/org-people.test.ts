// Organisations' people over HTTP against a real OpenID provider (oidc-provider, in this process)
// and the built server: the signed-in creator is the first admin and manages the organisation with
// no key; invitations are taken up only by that email, verified; members publish as their own
// organisation and never another; non-admins change nothing; the last admin stays; members open a
// map as facilitators only when its owner gave it to their organisation; with sign-in off none of
// it exists. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { CookieJar, request, signIn, startIssuer, type Login, type TestIssuer } from '../helpers/oidc.js';

let idp: TestIssuer;
let srv: ServerProcess;
/** No provider configured: the app as it was before sign-in. */
let plain: ServerProcess;

beforeAll(async () => {
	idp = await startIssuer();
	[srv, plain] = await Promise.all([spawnServer(tempDataDir(), idp.env), spawnServer(tempDataDir())]);
	idp.start(`${srv.base}/auth/callback`);
}, 60_000);
afterAll(async () => {
	for (const s of [srv, plain]) s?.child.kill('SIGKILL');
	await idp?.close();
});

async function signedIn(login: Login): Promise<CookieJar> {
	const jar = new CookieJar();
	expect((await signIn(srv.base, login, jar)).status).toBe(303);
	return jar;
}

/** A JSON request as this jar (its session cookie, if any), optionally with a key as Bearer. */
async function api(jar: CookieJar, path: string, method = 'GET', body?: unknown, key?: string, app = srv) {
	const res = await request(jar, `${app.base}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	return { status: res.status, text, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** A form posted from this site as this jar. */
async function post(jar: CookieJar, path: string, fields: Record<string, string>) {
	const res = await request(jar, `${srv.base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: srv.base },
		body: new URLSearchParams(fields).toString()
	});
	return { status: res.status, html: await res.text() };
}

/** "Add your organisation" as this jar, claiming `domain`; returns its slug and admin key. */
async function addOrganisation(jar: CookieJar, name: string, domain: string): Promise<{ slug: string; adminKey: string }> {
	const r = await post(jar, '/catalogue/organisations/new', { name, type: 'district', domains: domain });
	expect(r.status, r.html.slice(0, 300)).toBe(200);
	return { slug: /\/catalogue\/organisations\/([a-z0-9-]+)\/manage/.exec(r.html)![1], adminKey: /manage\?key=([A-Za-z0-9_-]+)/.exec(r.html)![1] };
}

/** A new map (made by this jar) and its facilitator key. */
async function newMap(jar: CookieJar, title: string, app = srv) {
	const res = await request(jar, `${app.base}/api/maps/import?format=owm`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: `title ${title}\ncomponent Revenues [0.6, 0.5]\n` });
	expect(res.status).toBe(201);
	const map = (await res.json()) as { id: string; facilitatorUrl: string };
	return { id: map.id, key: new URL(map.facilitatorUrl).searchParams.get('key')! };
}

/** Status of publishing a new map of this jar's under `slug` with no organisation key. */
async function publishAs(jar: CookieJar, slug: string, app = srv): Promise<number> {
	const map = await newMap(jar, `Map for ${slug}`, app);
	return (await api(jar, `/api/maps/${map.id}/publication`, 'PUT', { visibility: 'published', organisation: slug }, map.key, app)).status;
}

interface PersonView {
	id: number;
	email: string;
	role: string;
	byDomain: boolean;
}

async function people(jar: CookieJar, slug: string): Promise<{ people: PersonView[]; invites: { email: string; role: string }[] }> {
	const r = await api(jar, `/api/organisations/${slug}/people`);
	expect(r.status, r.text).toBe(200);
	return r.body as never;
}

const anonymous = new CookieJar();
let ana: CookieJar;
let ben: CookieJar;
let kestrelford: { slug: string; adminKey: string };
let calderbrook: { slug: string; adminKey: string };
const CAI = 'cai@shared-digital.org.uk';

describe('organisation admins', () => {
	it('makes the signed-in creator the first admin, who manages the organisation with no key', async () => {
		ana = await signedIn('ana');
		ben = await signedIn('ben');
		kestrelford = await addOrganisation(ana, 'Kestrelford Borough Council', 'kestrelford.gov.uk');
		calderbrook = await addOrganisation(ben, 'Calderbrook District Council', 'calderbrook.gov.uk');
		expect((await people(ana, kestrelford.slug)).people).toEqual([expect.objectContaining({ email: 'ana@kestrelford.gov.uk', role: 'admin', byDomain: false })]);

		const manage = await request(ana, `${srv.base}/catalogue/organisations/${kestrelford.slug}/manage`);
		expect(manage.status).toBe(200);
		const html = await manage.text();
		for (const section of ['People', 'Profile', 'API tokens', 'Audit log']) expect(html).toContain(`>${section}</h2>`);
		expect(html).toContain('user ana@kestrelford.gov.uk');

		// Profile, tokens and the audit log as the admin key allows, by session alone.
		expect((await api(ana, `/api/organisations/${kestrelford.slug}`, 'PATCH', { region: 'South West' })).status).toBe(200);
		expect((await api(ana, `/api/organisations/${kestrelford.slug}/tokens`, 'POST', { name: 'CI', scope: 'publish' })).status).toBe(201);
		const csv = await api(ana, `/api/organisations/${kestrelford.slug}/audit.csv`);
		expect(csv.status).toBe(200);
		expect(csv.text).toMatch(/user ana@kestrelford\.gov\.uk,token created,CI \(publish\)/);
		expect(csv.text).toMatch(/user ana@kestrelford\.gov\.uk,admin added/);
		// The admin key still works, as before.
		expect((await api(anonymous, `/api/organisations/${kestrelford.slug}/people`, 'GET', undefined, kestrelford.adminKey)).status).toBe(200);
	});

	it('gives one user’s session nothing of another’s organisation', async () => {
		const paths: [string, string, unknown?][] = [
			[`/api/organisations/${kestrelford.slug}/people`, 'GET'],
			[`/api/organisations/${kestrelford.slug}/people`, 'POST', { email: 'ben@calderbrook.gov.uk', role: 'admin' }],
			[`/api/organisations/${kestrelford.slug}`, 'PATCH', { region: 'Elsewhere' }],
			[`/api/organisations/${kestrelford.slug}/tokens`, 'GET'],
			[`/api/organisations/${kestrelford.slug}/members`, 'GET'],
			[`/api/organisations/${kestrelford.slug}/audit.csv`, 'GET']
		];
		for (const [path, method, body] of paths) {
			expect((await api(ben, path, method, body)).status, `${method} ${path} as Ben`).toBe(403);
			expect((await api(anonymous, path, method, body)).status, `${method} ${path} signed out`).toBe(403);
		}
		expect((await request(ben, `${srv.base}/catalogue/organisations/${kestrelford.slug}/manage`)).status).toBe(403);
		// Ben's session does not make Ben's key-less form post an admin's either.
		expect((await post(ben, `/catalogue/organisations/${kestrelford.slug}/manage?/invite`, { key: '', email: 'ben@calderbrook.gov.uk', role: 'admin' })).status).toBe(403);
		// Ana's own session is no use on Ben's organisation.
		expect((await api(ana, `/api/organisations/${calderbrook.slug}/people`)).status).toBe(403);
	});
});

describe('invitations and roles', () => {
	let cai: CookieJar;
	let caiId: number;
	let anaId: number;

	it('is taken up only by a sign-in with that email, verified', async () => {
		const invited = await api(ana, `/api/organisations/${kestrelford.slug}/people`, 'POST', { email: ' Cai@Shared-Digital.org.uk ', role: 'member' });
		expect(invited.status, invited.text).toBe(201);
		expect(invited.body).toEqual({ email: CAI, role: 'member' });
		expect((await people(ana, kestrelford.slug)).invites).toEqual([expect.objectContaining({ email: CAI, role: 'member' })]);

		// Someone whose provider did not verify that email, and someone with another email, get nothing.
		const dee = await signedIn('dee');
		expect(await publishAs(dee, kestrelford.slug)).toBe(403);
		expect(await (await request(dee, `${srv.base}/my/maps`)).text()).not.toContain('member of');
		expect(await publishAs(ben, kestrelford.slug)).toBe(403);
		expect((await people(ana, kestrelford.slug)).invites).toHaveLength(1);

		cai = await signedIn('cai');
		expect(await (await request(cai, `${srv.base}/my/maps`)).text()).toMatch(/member of <a href="\/catalogue\/organisations\/kestrelford-borough-council">Kestrelford Borough Council<\/a>/);
		const now = await people(ana, kestrelford.slug);
		expect(now.invites).toEqual([]);
		caiId = now.people.find((p) => p.email === CAI)!.id;
		anaId = now.people.find((p) => p.email === 'ana@kestrelford.gov.uk')!.id;
		expect((await api(ana, `/api/organisations/${kestrelford.slug}/audit.csv`)).text).toContain(`user ${CAI},invitation taken up,as member`);
	});

	it('lets a member publish as their organisation without a key, and never as another', async () => {
		expect(await publishAs(cai, kestrelford.slug)).toBe(200);
		expect(await publishAs(cai, calderbrook.slug)).toBe(403);
		// Ben is Calderbrook's admin (and a member by domain): his own organisation only.
		expect(await publishAs(ben, calderbrook.slug)).toBe(200);
		expect(await publishAs(ben, kestrelford.slug)).toBe(403);
		const csv = (await api(ana, `/api/organisations/${kestrelford.slug}/audit.csv`)).text;
		expect(csv).toContain(`"map facilitator, user ${CAI} as member",map added to organisation`);
		// The key field still works for anyone with a publish token or the admin key.
		const map = await newMap(anonymous, 'Keyed');
		const keyed = await api(anonymous, `/api/maps/${map.id}/publication`, 'PUT', { visibility: 'published', organisation: calderbrook.slug, organisationKey: calderbrook.adminKey }, map.key);
		expect(keyed.status).toBe(200);
	});

	it('lets no member invite or change roles', async () => {
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people`)).status).toBe(403);
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people`, 'POST', { email: 'eve@example.org.uk', role: 'admin' })).status).toBe(403);
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people/${caiId}`, 'PUT', { role: 'admin' })).status).toBe(403);
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people/${anaId}`, 'DELETE')).status).toBe(403);
		expect((await request(cai, `${srv.base}/catalogue/organisations/${kestrelford.slug}/manage`)).status).toBe(403);
		expect((await people(ana, kestrelford.slug)).people.find((p) => p.id === caiId)?.role).toBe('member');
	});

	it('never removes the last admin', async () => {
		expect((await api(ana, `/api/organisations/${kestrelford.slug}/people/${anaId}`, 'PUT', { role: 'member' })).status).toBe(409);
		expect((await api(ana, `/api/organisations/${kestrelford.slug}/people/${anaId}`, 'DELETE')).status).toBe(409);
		// Made an admin, Cai may then take Ana's admin role away, but not leave none.
		expect((await api(ana, `/api/organisations/${kestrelford.slug}/people/${caiId}`, 'PUT', { role: 'admin' })).status).toBe(200);
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people/${anaId}`, 'DELETE')).status).toBe(200);
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people/${caiId}`, 'PUT', { role: 'member' })).status).toBe(409);
		// Ana is still a member by her email's domain, no longer an admin.
		expect((await people(cai, kestrelford.slug)).people.find((p) => p.id === anaId)).toEqual(expect.objectContaining({ role: 'member', byDomain: true }));
		expect((await api(ana, `/api/organisations/${kestrelford.slug}/people`)).status).toBe(403);
		expect(await publishAs(ana, kestrelford.slug)).toBe(200);
		// Someone with no role there is not one of its people.
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people/${anaId + 1000}`, 'PUT', { role: 'admin' })).status).toBe(404);
		const csv = (await api(cai, `/api/organisations/${kestrelford.slug}/audit.csv`)).text;
		expect(csv).toMatch(new RegExp(`user ${CAI},admin removed,user ana@kestrelford\\.gov\\.uk`));
		expect(csv).toMatch(new RegExp(`user ana@kestrelford\\.gov\\.uk,admin added,user ${CAI}`));
	});

	it('withdraws invitations and refuses bad ones, on the manage page too', async () => {
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people`, 'POST', { email: 'not an email', role: 'member' })).status).toBe(400);
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people`, 'POST', { email: 'eve@example.org.uk', role: 'owner' })).status).toBe(400);
		const page = `/catalogue/organisations/${kestrelford.slug}/manage`;
		const invited = await post(cai, `${page}?/invite`, { key: '', email: 'eve@example.org.uk', role: 'admin' });
		expect(invited.status).toBe(200);
		expect(invited.html).toContain('eve@example.org.uk is invited as admin.');
		const withdrawn = await post(cai, `${page}?/withdraw`, { key: '', email: 'eve@example.org.uk' });
		expect(withdrawn.html).toContain('The invitation to eve@example.org.uk is withdrawn.');
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/invites/eve@example.org.uk`, 'DELETE')).status).toBe(404);
		const refused = await post(cai, `${page}?/role`, { key: '', person: String(caiId), role: 'member' });
		expect(refused.status).toBe(409);
		expect(refused.html).toContain('last admin');
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/audit.csv`)).text).toMatch(/invitation withdrawn,eve@example\.org\.uk/);
	});
});

/** The websocket upgrade's answer for these cookies and no key: 101 (joined) or the refusal status. */
function upgradeStatus(id: string, jar: CookieJar): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/collab/${id}`, { headers: { cookie: jar.header() } });
		ws.once('open', () => {
			ws.close();
			resolve(101);
		});
		ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.once('error', () => resolve(0));
	});
}

describe('our organisation’s maps', () => {
	it('opens a member’s map to colleagues only when its owner gives it to the organisation', async () => {
		const res = await request(ana, `${srv.base}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Kestrelford benefits' }) });
		expect(res.status).toBe(201);
		const id = ((await res.json()) as { id: string }).id;
		const cai = await signedIn('cai');
		const ours = async (jar: CookieJar) => (await request(jar, `${srv.base}/my/organisation`)).text();

		// Private by default: colleagues neither see nor open it.
		expect(await ours(cai)).not.toContain('Kestrelford benefits');
		expect((await request(cai, `${srv.base}/maps/${id}`)).status).toBe(403);
		expect(await upgradeStatus(id, cai)).toBe(403);

		// Only its owner gives it away, and only to an organisation of theirs.
		const give = (jar: CookieJar, organisation: string) => post(jar, '/my/maps?/belongs', { map: id, organisation });
		expect((await give(cai, kestrelford.slug)).status).toBe(403);
		expect((await give(ben, calderbrook.slug)).status).toBe(403);
		expect((await give(ana, calderbrook.slug)).status).toBe(403);
		const given = await give(ana, kestrelford.slug);
		expect(given.status).toBe(200);
		expect(given.html).toContain('the map belongs to Kestrelford Borough Council');

		expect(await ours(cai)).toMatch(new RegExp(`href="/maps/${id}"[^>]*>Kestrelford benefits</a>`));
		const page = await request(cai, `${srv.base}/maps/${id}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/role:"facilitator"/);
		expect(await upgradeStatus(id, cai)).toBe(101);
		// Another council's member and the public still need a link.
		expect((await request(ben, `${srv.base}/maps/${id}`)).status).toBe(403);
		expect(await upgradeStatus(id, ben)).toBe(403);
		expect(await ours(ben)).not.toContain('Kestrelford benefits');
		expect((await request(anonymous, `${srv.base}/my/organisation`)).status).toBe(303);
		// Maps published as the organisation are listed too (Cai's, from earlier).
		expect(await ours(ana)).toContain('Map for kestrelford-borough-council');
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/audit.csv`)).text).toContain('user ana@kestrelford.gov.uk,map opened to members,Kestrelford benefits');

		// Taken back, it is closed to colleagues again, live connections included.
		const live = new WebSocket(`ws://127.0.0.1:${srv.port}/collab/${id}`, { headers: { cookie: cai.header() } });
		await new Promise((resolve) => live.once('open', resolve));
		const closed = new Promise<number>((resolve) => live.once('close', (code) => resolve(code)));
		expect((await give(ana, '')).html).toContain('the map belongs to no organisation');
		expect(await closed).toBe(4403);
		expect((await request(cai, `${srv.base}/maps/${id}`)).status).toBe(403);
		expect(await ours(cai)).not.toContain('Kestrelford benefits');
	});

	it('closes a removed person’s live connections to the organisation’s maps', async () => {
		const cai = await signedIn('cai');
		const res = await request(ana, `${srv.base}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Kestrelford council tax' }) });
		const id = ((await res.json()) as { id: string }).id;
		expect((await post(ana, '/my/maps?/belongs', { map: id, organisation: kestrelford.slug })).status).toBe(200);
		const caiId = (await people(cai, kestrelford.slug)).people.find((p) => p.email === CAI)!.id;
		const anaId = (await people(cai, kestrelford.slug)).people.find((p) => p.email === 'ana@kestrelford.gov.uk')!.id;
		expect((await api(cai, `/api/organisations/${kestrelford.slug}/people/${anaId}`, 'PUT', { role: 'admin' })).status).toBe(200);

		const live = new WebSocket(`ws://127.0.0.1:${srv.port}/collab/${id}`, { headers: { cookie: cai.header() } });
		await new Promise((resolve) => live.once('open', resolve));
		const closed = new Promise<number>((resolve) => live.once('close', (code) => resolve(code)));
		expect((await api(ana, `/api/organisations/${kestrelford.slug}/people/${caiId}`, 'DELETE')).body).toEqual({ id: caiId, removed: 'admin' });
		expect(await closed).toBe(4403);
		expect(await upgradeStatus(id, cai)).toBe(403);
		expect(await publishAs(cai, kestrelford.slug)).toBe(403);
	});
});

describe('with sign-in off', () => {
	it('has no people routes, and publishing still needs the key', async () => {
		const none = new CookieJar();
		const made = await api(none, '/api/organisations', 'POST', { name: 'Plainshire County Council', type: 'county' }, undefined, plain);
		expect(made.status).toBe(201);
		const { slug, adminKey } = made.body as { slug: string; adminKey: string };
		const routes: [string, string, unknown?][] = [
			[`/api/organisations/${slug}/people`, 'GET'],
			[`/api/organisations/${slug}/people`, 'POST', { email: CAI, role: 'admin' }],
			[`/api/organisations/${slug}/people/1`, 'PUT', { role: 'admin' }],
			[`/api/organisations/${slug}/people/1`, 'DELETE'],
			[`/api/organisations/${slug}/invites/${CAI}`, 'DELETE']
		];
		for (const [path, method, body] of routes) expect((await api(none, path, method, body, adminKey, plain)).status, `${method} ${path}`).toBe(404);
		const manage = await (await fetch(`${plain.base}/catalogue/organisations/${slug}/manage?key=${adminKey}`)).text();
		expect(manage).toContain('>API tokens</h2>');
		expect(manage).not.toContain('>People</h2>');
		expect(await publishAs(none, slug, plain)).toBe(403);
		expect((await fetch(`${plain.base}/my/organisation`, { redirect: 'manual' })).status).toBe(404);
		expect((await request(none, `${plain.base}/my/maps?/belongs`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: plain.base }, body: 'map=x&organisation=' })).status).toBe(404);
	});
});

// Maps shared with named organisations, over HTTP on the built server, with real sign-in
// (oidc-provider in this process) and a second server with sign-in off: marker maps whose
// contract groups are private, shared or published are read through every keyless surface by the
// public, by a signed-in member of a third organisation and by a member of the named one; only
// the last sees the shared groups, and a map shared but not published only by them. An org token
// or admin key reads it with sign-in off; taking an organisation off the list takes its access at
// once; every change is in the organisations' audit logs. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redaction } from '../../src/lib/catalogue/index.js';
import { contractMarkedMap, publishing } from '../fixtures/contract-markers.js';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { mapSurfaces, radarSurfaces, RADAR_WINDOW } from '../helpers/surfaces.js';
import { CookieJar, request, signIn, startIssuer, type Login, type TestIssuer } from '../helpers/oidc.js';

let idp: TestIssuer;
let srv: ServerProcess;
/** No provider configured: organisations are known by their admin keys and tokens. */
let plain: ServerProcess;

interface Created {
	id: string;
	viewUrl: string;
	editUrl: string;
	facilitatorUrl: string;
}
const keyOf = (u: string) => new URL(u).searchParams.get('key')!;

/** A request as `jar` (its session cookie, if any), optionally with a key as Bearer. */
async function req(jar: CookieJar, path: string, init: { method?: string; body?: unknown; key?: string; app?: ServerProcess } = {}) {
	const app = init.app ?? srv;
	const res = await request(jar, `${app.base}${path}`, {
		method: init.method ?? 'GET',
		headers: { 'content-type': 'application/json', ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	return { status: res.status, text: await res.text(), cache: res.headers.get('cache-control') };
}

async function importMap(map: unknown, app = srv): Promise<Created> {
	const r = await req(new CookieJar(), '/api/maps/import', { method: 'POST', body: map, app });
	expect(r.status, r.text).toBe(201);
	return JSON.parse(r.text) as Created;
}

async function setPublication(m: Created, body: Record<string, unknown>, app = srv) {
	const r = await req(new CookieJar(), `/api/maps/${m.id}/publication`, { method: 'PUT', body, key: keyOf(m.facilitatorUrl), app });
	expect(r.status, r.text).toBe(200);
	return JSON.parse(r.text) as { sharedWith: string[]; redaction: Redaction };
}

async function signedIn(login: Login): Promise<CookieJar> {
	const jar = new CookieJar();
	expect((await signIn(srv.base, login, jar)).status).toBe(303);
	return jar;
}

/** "Add your organisation" as this jar, claiming `domain`; returns its slug. */
async function addOrganisation(jar: CookieJar, name: string, domain: string): Promise<string> {
	const res = await request(jar, `${srv.base}/catalogue/organisations/new`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: srv.base },
		body: new URLSearchParams({ name, type: 'district', domains: domain }).toString()
	});
	const html = await res.text();
	expect(res.status, html.slice(0, 300)).toBe(200);
	return /\/catalogue\/organisations\/([a-z0-9-]+)\/manage/.exec(html)![1];
}

/** Every keyless answer about map `id` a reader can ask for (`other`: a map publishing everything, for compare and merge). */
function surfaces(id: string, other: string): string[] {
	return [...mapSurfaces(id, other), `/maps/${id}/contracts.ics`, ...radarSurfaces()];
}

/** What `jar` gets from every surface, and from forking and merging the map (which never carry shared groups). */
async function answers(jar: CookieJar, id: string, other: string): Promise<{ path: string; status: number; text: string }[]> {
	const out = [];
	for (const path of surfaces(id, other)) {
		const r = await req(jar, path);
		out.push({ path, status: r.status, text: r.text.toLowerCase() });
	}
	for (const [path, body] of [
		[`/api/maps/${id}/fork`, undefined],
		['/api/merge', { maps: [id, other] }]
	] as const) {
		const r = await req(jar, path, { method: 'POST', body });
		const made = r.status === 201 ? (JSON.parse(r.text) as Created) : null;
		const text = made ? (await req(new CookieJar(), `/api/maps/${made.id}?key=${keyOf(made.viewUrl)}`)).text : r.text;
		out.push({ path, status: r.status, text: text.toLowerCase() });
	}
	return out;
}

/** The ways a marker is written: dates also as iCalendar writes them, sums with thousands separators. */
function spellings(marker: string): string[] {
	if (/^\d{4}-\d{2}-\d{2}$/.test(marker)) return [marker, marker.replace(/-/g, '')];
	if (/^\d+$/.test(marker)) return [marker, Number(marker).toLocaleString('en-GB')];
	return [marker.toLowerCase()];
}

const leaks = (markers: readonly string[], got: { path: string; text: string }[]) =>
	markers.flatMap((m) => spellings(m).flatMap((s) => got.filter((a) => a.text.includes(s)).map((a) => `${m} in ${a.path}`)));

let ana: CookieJar;
let ben: CookieJar;
let cai: CookieJar;
const anonymous = new CookieJar();
let kestrelford: string;
let calderbrook: string;
let thirdOrg: string;
let other: Created;
/** Published: dates published, costs shared, references private; shared with Calderbrook. */
const pubFixture = contractMarkedMap('sp', 1);
let published: Created;
/** Private: dates shared, the rest private; shared with Calderbrook. */
const privFixture = contractMarkedMap('sv', 2);
let privateMap: Created;

const SHARED_COSTS: Redaction = { ...publishing(['dates']), contracts: { dates: 'published', costs: 'shared', references: 'private' } };
const SHARED_DATES: Redaction = { ...publishing([]), contracts: { dates: 'shared', costs: 'private', references: 'private' } };

beforeAll(async () => {
	idp = await startIssuer();
	[srv, plain] = await Promise.all([spawnServer(tempDataDir(), idp.env), spawnServer(tempDataDir())]);
	idp.start(`${srv.base}/auth/callback`);
	[ana, ben, cai] = await Promise.all([signedIn('ana'), signedIn('ben'), signedIn('cai')]);
	kestrelford = await addOrganisation(ana, 'Kestrelford Borough Council', 'kestrelford.gov.uk');
	calderbrook = await addOrganisation(ben, 'Calderbrook District Council', 'calderbrook.gov.uk');
	thirdOrg = await addOrganisation(cai, 'Shared Digital Partnership', 'shared-digital.org.uk');
	other = await importMap(contractMarkedMap('so', 9).snapshot);
	await setPublication(other, { visibility: 'published', redaction: publishing(['dates', 'costs', 'references']) });
	published = await importMap(pubFixture.snapshot);
	await setPublication(published, { visibility: 'published', redaction: SHARED_COSTS, sharedWith: [calderbrook] });
	privateMap = await importMap(privFixture.snapshot);
	await setPublication(privateMap, { visibility: 'private', redaction: SHARED_DATES, sharedWith: [calderbrook] });
}, 90_000);

afterAll(async () => {
	for (const s of [srv, plain]) s?.child.kill('SIGKILL');
	await idp?.close();
});

describe('a published map with a shared contract group', () => {
	it('keeps the shared group from the public and a third organisation on every surface', async () => {
		const { markers } = pubFixture;
		for (const [who, jar] of [
			['signed out', anonymous],
			['a third organisation', cai]
		] as const) {
			const got = await answers(jar, published.id, other.id);
			expect(got.filter((a) => a.status >= 300).map((a) => `${a.path} ${a.status}`), who).toEqual([]);
			expect(leaks([...markers.costs, ...markers.references, ...markers.id], got), who).toEqual([]);
			// The published group is there.
			expect(got.find((a) => a.path === `/api/maps/${published.id}`)!.text, who).toContain(markers.dates[1]);
		}
	}, 90_000);

	it('shows the shared group to the named organisation’s people, and nothing private', async () => {
		const { markers } = pubFixture;
		const got = await answers(ben, published.id, other.id);
		expect(leaks([...markers.references, ...markers.id], got)).toEqual([]);
		const seen = (path: string) => got.find((a) => a.path === path)!.text;
		for (const path of [`/api/maps/${published.id}`, `/maps/${published.id}.json`, `/catalogue/maps/${published.id}`]) expect(seen(path), path).toContain(markers.costs[1]);
		// Not on the public, shared surfaces (search, radar) nor in copies: those are the public's.
		const everywhere = got.filter((a) => !a.path.includes(published.id) || a.path.includes('fork') || a.path.includes('merge'));
		expect(leaks(markers.costs, everywhere)).toEqual([]);
	}, 90_000);

	it('never lets a shared view be cached by a shared cache', async () => {
		expect((await req(ben, `/maps/${published.id}.svg`)).cache).toBe('no-store');
		expect((await req(ben, `/catalogue/maps/${published.id}/map.svg`)).cache).toBe('no-store');
		expect((await req(anonymous, `/maps/${published.id}.svg`)).cache).toContain('public');
	});
});

describe('a private map shared with a named organisation', () => {
	it('is nowhere for the public or a third organisation', async () => {
		for (const [who, jar] of [
			['signed out', anonymous],
			['a third organisation', cai],
			['another organisation', ana]
		] as const) {
			const got = await answers(jar, privateMap.id, other.id);
			const own = got.filter((a) => a.path.includes(privateMap.id) && !a.path.startsWith('/overlay'));
			expect(own.map((a) => [a.path, a.status < 300]), who).toEqual(own.map((a) => [a.path, false]));
			expect(leaks([...Object.values(privFixture.markers).flat(), 'sv contracts map', 'sv revenues'], got), who).toEqual([]);
			// Not listed, searched or counted anywhere (a refusal may repeat the id it was asked for).
			expect(got.filter((a) => a.status < 300 && a.text.includes(privateMap.id.toLowerCase()) && !a.path.includes(privateMap.id)).map((a) => a.path), who).toEqual([]);
		}
	}, 90_000);

	it('is seen by the named organisation’s member with its shared dates only', async () => {
		const { markers } = privFixture;
		const page = await req(ben, `/catalogue/maps/${privateMap.id}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('Shared with your organisation');
		expect(page.text).toContain(markers.dates[1]);
		for (const path of [`/api/maps/${privateMap.id}`, `/maps/${privateMap.id}.owm`, `/maps/${privateMap.id}/contracts.ics`, `/api/compare?a=${privateMap.id}&b=${other.id}`]) {
			const r = await req(ben, path);
			expect(r.status, path).toBe(200);
		}
		const json = (await req(ben, `/api/maps/${privateMap.id}`)).text.toLowerCase();
		expect(json).toContain(markers.dates[1]);
		expect(leaks([...markers.costs, ...markers.references, ...markers.id], [{ path: 'json', text: json }])).toEqual([]);
		// The live map stays for key holders.
		expect((await req(ben, `/maps/${privateMap.id}`)).status).not.toBe(200);
		// Found under "Shared with your organisation".
		const mine = await req(ben, '/my/organisation');
		expect(mine.text).toContain(`/catalogue/maps/${privateMap.id}`);
		expect((await req(cai, '/my/organisation')).text).not.toContain(privateMap.id);
		const listed = JSON.parse((await req(ben, `/api/organisations/${calderbrook}/shared`)).text) as { maps: { id: string; title: string; visibility: string }[] };
		expect(listed.maps.map((m) => [m.id, m.visibility]).sort()).toEqual([
			[privateMap.id, 'private'],
			[published.id, 'published']
		].sort());
		expect((await req(cai, `/api/organisations/${calderbrook}/shared`)).status).toBe(403);
	});

	it('is on the renewal radar of the named organisation’s members only, counted once', async () => {
		type Radar = { hits: { mapId: string; end: string }[] };
		const hits = async (jar: CookieJar, id: string) => (JSON.parse((await req(jar, `/api/catalogue/radar?${RADAR_WINDOW}`)).text) as Radar).hits.filter((h) => h.mapId === id);
		const mine = await hits(ben, privateMap.id);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.map((h) => h.end)).toContain(privFixture.markers.dates[1]);
		expect([(await hits(cai, privateMap.id)).length, (await hits(anonymous, privateMap.id)).length]).toEqual([0, 0]);
		// A published map shared too is read once, as shared.
		expect((await hits(ben, published.id)).length).toBe((await hits(anonymous, published.id)).length);
		for (const path of [`/catalogue/radar?${RADAR_WINDOW}`, `/api/catalogue/radar.csv?${RADAR_WINDOW}`, `/api/catalogue/radar.ics?${RADAR_WINDOW}`]) {
			expect((await req(ben, path)).text, path).toContain(privateMap.id);
		}
	});

	it('is read by the named organisation’s token, and taken away at once when unshared', async () => {
		const m = await importMap(contractMarkedMap('su', 3).snapshot);
		await setPublication(m, { visibility: 'unlisted', redaction: SHARED_DATES, sharedWith: [calderbrook, thirdOrg] });
		const token = JSON.parse((await req(ben, `/api/organisations/${calderbrook}/tokens`, { method: 'POST', body: { name: 'Reader', scope: 'publish' } })).text) as { token: string };
		const date = contractMarkedMap('su', 3).markers.dates[1];
		const read = async () => [
			(await req(ben, `/catalogue/maps/${m.id}`)).text.includes(date),
			(await req(anonymous, `/api/maps/${m.id}`, { key: token.token })).text.includes(date),
			(await req(anonymous, `/api/maps/${m.id}?key=${token.token}`)).text.includes(date),
			(await req(cai, `/api/maps/${m.id}`)).text.includes(date),
			(await req(anonymous, `/api/maps/${m.id}`)).text.includes(date),
			(await req(ben, `/api/catalogue/radar?${RADAR_WINDOW}`)).text.includes(m.id)
		];
		expect(await read()).toEqual([true, true, true, true, false, true]);
		await setPublication(m, { sharedWith: [thirdOrg] });
		expect(await read()).toEqual([false, false, false, true, false, false]);
		// Unlisted, so the public still sees it, as published.
		expect((await req(anonymous, `/api/maps/${m.id}`)).status).toBe(200);
		const audit = (await req(ben, `/api/organisations/${calderbrook}/audit.csv`)).text;
		expect(audit).toMatch(new RegExp(`map shared with the organisation,su contracts map \\(${m.id}\\)`));
		expect(audit).toMatch(new RegExp(`map no longer shared with the organisation,su contracts map \\(${m.id}\\)`));
		expect((await req(cai, `/api/organisations/${thirdOrg}/audit.csv`)).text).not.toContain('no longer shared');
	});
});

describe('setting the share list', () => {
	it('is for the facilitator only, and refuses organisations that do not exist', async () => {
		const m = await importMap(contractMarkedMap('sf', 4).snapshot);
		const put = (key?: string, sharedWith: unknown = [calderbrook]) => req(anonymous, `/api/maps/${m.id}/publication`, { method: 'PUT', body: { sharedWith }, key });
		expect([(await put()).status, (await put(keyOf(m.viewUrl))).status, (await put(keyOf(m.editUrl))).status]).toEqual([403, 403, 403]);
		expect((await req(ben, `/api/maps/${m.id}`)).status).toBe(403);
		expect((await put(keyOf(m.facilitatorUrl), ['no-such-council'])).status).toBe(400);
		expect((await put(keyOf(m.facilitatorUrl), calderbrook)).status).toBe(400);
		expect((await put(keyOf(m.facilitatorUrl))).status).toBe(200);
		expect((await req(ben, `/api/maps/${m.id}`)).status).toBe(200);
	});

	it('logs each change in the map’s own organisation too, naming who made it', async () => {
		const m = await importMap(contractMarkedMap('sa', 7).snapshot);
		const put = (body: Record<string, unknown>) => req(ana, `/api/maps/${m.id}/publication`, { method: 'PUT', body, key: keyOf(m.facilitatorUrl) });
		expect((await put({ visibility: 'unlisted', organisation: kestrelford, sharedWith: [calderbrook, thirdOrg] })).status).toBe(200);
		expect((await put({ sharedWith: [thirdOrg] })).status).toBe(200);
		const own = (await req(ana, `/api/organisations/${kestrelford}/audit.csv`)).text;
		expect(own).toContain(`"map facilitator, user ana@kestrelford.gov.uk",map sharing changed,"sa contracts map (${m.id}): shared with Calderbrook District Council, Shared Digital Partnership"`);
		expect(own).toContain(`map sharing changed,sa contracts map (${m.id}): no longer with Calderbrook District Council`);
		// The same request changing nothing logs nothing.
		expect((await put({ sharedWith: [thirdOrg] })).status).toBe(200);
		expect((await req(ana, `/api/organisations/${kestrelford}/audit.csv`)).text.split('map sharing changed').length).toBe(3);
	});

	it('takes the list from the publish form, without JavaScript', async () => {
		const m = await importMap(contractMarkedMap('sg', 5).snapshot);
		const key = keyOf(m.facilitatorUrl);
		const body = new URLSearchParams([
			['key', key],
			['visibility', 'private'],
			['share', calderbrook],
			['share', thirdOrg],
			['contracts-dates', 'shared']
		]);
		const res = await request(anonymous, `${srv.base}/maps/${m.id}/publish?key=${key}&/save`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: srv.base },
			body: body.toString()
		});
		expect(res.status).toBe(200);
		const pub = JSON.parse((await req(anonymous, `/api/maps/${m.id}/publication`, { key })).text) as { sharedWith: string[]; redaction: Redaction };
		expect(pub.sharedWith.sort()).toEqual([calderbrook, thirdOrg].sort());
		expect(pub.redaction.contracts.dates).toBe('shared');
		const page = (await req(anonymous, `/maps/${m.id}/publish?key=${key}`)).text;
		expect(page).toMatch(new RegExp(`id="share-${calderbrook}"[^>]*checked`));
		expect(page).toMatch(/id="contracts-dates-shared"[^>]*checked/);
	});
});

describe('with sign-in off', () => {
	it('identifies the organisation by its admin key or a token, for the API', async () => {
		const org = async (name: string) => {
			const r = await req(anonymous, '/api/organisations', { method: 'POST', body: { name, type: 'district' }, app: plain });
			expect(r.status, r.text).toBe(201);
			return JSON.parse(r.text) as { slug: string; adminKey: string };
		};
		const [named, third] = [await org('Named District Council'), await org('Third District Council')];
		const tok = JSON.parse((await req(anonymous, `/api/organisations/${named.slug}/tokens`, { method: 'POST', body: { name: 'CI', scope: 'publish' }, key: named.adminKey, app: plain })).text) as {
			id: number;
			token: string;
		};
		const { snapshot, markers } = contractMarkedMap('sk', 6);
		const m = await importMap(snapshot, plain);
		await setPublication(m, { visibility: 'private', redaction: SHARED_DATES, sharedWith: [named.slug] }, plain);
		const status = async (key?: string) => (await req(anonymous, `/api/maps/${m.id}`, { key, app: plain })).status;
		expect([await status(named.adminKey), await status(tok.token), await status(third.adminKey), await status()]).toEqual([200, 200, 403, 403]);
		expect((await req(anonymous, `/api/maps/${m.id}`, { key: tok.token, app: plain })).text).toContain(markers.dates[1]);
		const list = JSON.parse((await req(anonymous, `/api/organisations/${named.slug}/shared`, { key: tok.token, app: plain })).text) as { maps: { id: string }[] };
		expect(list.maps.map((x) => x.id)).toEqual([m.id]);
		// A revoked token stops at once.
		expect((await req(anonymous, `/api/organisations/${named.slug}/tokens/${tok.id}`, { method: 'DELETE', key: named.adminKey, app: plain })).status).toBe(200);
		expect(await status(tok.token)).toBe(403);
	});
});

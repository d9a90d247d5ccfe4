// Organisation API tokens over HTTP on the built server with a real SQLite file: a token is shown
// once, works within its scope (publish, or admin: as the admin key) and not beyond it, and stops
// working at once when revoked. Run after `npm run build` (under the shared build lock).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';

let srv: ServerProcess;
let dataDir: string;
/** Every token made here, to check none was stored or logged. */
const made: string[] = [];
let county: { slug: string; adminKey: string };
let other: { slug: string; adminKey: string };

async function req(path: string, init: RequestInit = {}) {
	const res = await fetch(`${srv.base}${path}`, { redirect: 'manual', ...init });
	return { status: res.status, text: await res.text() };
}

async function json(path: string, method: string, body?: unknown, key?: string) {
	return req(path, {
		method,
		headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** A form posted as a browser without JavaScript would (same origin, url-encoded). */
async function form(path: string, fields: Record<string, string>) {
	return req(path, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: srv.base },
		body: new URLSearchParams(fields).toString()
	});
}

async function addOrg(name: string, type = 'county') {
	const r = await json('/api/organisations', 'POST', { name, type });
	expect(r.status, r.text).toBe(201);
	return JSON.parse(r.text) as { slug: string; adminKey: string };
}

async function newToken(org: { slug: string }, key: string, name: string, scope: string) {
	const r = await json(`/api/organisations/${org.slug}/tokens`, 'POST', { name, scope }, key);
	expect(r.status, r.text).toBe(201);
	const out = JSON.parse(r.text) as { id: number; name: string; scope: string; token: string };
	made.push(out.token);
	return out;
}

/** A new private map and its facilitator key. */
async function newMap(title: string) {
	const made = await req('/api/maps/import?format=owm', { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: `title ${title}\ncomponent Revenues [0.6, 0.5]\n` });
	expect(made.status, made.text).toBe(201);
	const map = JSON.parse(made.text) as { id: string; facilitatorUrl: string };
	return { id: map.id, key: new URL(map.facilitatorUrl).searchParams.get('key')! };
}

/** Status of publishing a new map under `org`, offering `organisationKey` as the organisation's key or token. */
async function publishWith(org: { slug: string }, organisationKey: string) {
	const map = await newMap(`Map ${Math.random()}`);
	return (await json(`/api/maps/${map.id}/publication`, 'PUT', { visibility: 'published', organisation: org.slug, organisationKey }, map.key)).status;
}

/** Statuses of the admin-only routes of `org` with `key`: profile change, members, tokens, manage page. */
async function adminStatuses(org: { slug: string }, key: string) {
	return {
		patch: (await json(`/api/organisations/${org.slug}`, 'PATCH', { region: 'South West' }, key)).status,
		members: (await json(`/api/organisations/${org.slug}/members`, 'GET', undefined, key)).status,
		tokens: (await json(`/api/organisations/${org.slug}/tokens`, 'GET', undefined, key)).status,
		manage: (await req(`/catalogue/organisations/${org.slug}/manage?key=${encodeURIComponent(key)}`)).status
	};
}

const ALLOWED = { patch: 200, members: 200, tokens: 200, manage: 200 };
const REFUSED = { patch: 403, members: 403, tokens: 403, manage: 403 };

beforeAll(async () => {
	dataDir = tempDataDir();
	srv = await spawnServer(dataDir);
	county = await addOrg('Tokenshire County Council');
	other = await addOrg('Elsewhere County Council');
}, 60_000);

afterAll(() => {
	srv?.child.kill('SIGKILL');
});

describe('organisation API tokens', () => {
	it('shows a new token once; listings give name, scope and dates but never the token', async () => {
		const made = await newToken(county, county.adminKey, 'CI publisher', 'publish');
		expect(made.token).toMatch(/^smo_[A-Za-z0-9_-]{43}$/);
		const list = await json(`/api/organisations/${county.slug}/tokens`, 'GET', undefined, county.adminKey);
		expect(list.status).toBe(200);
		expect(list.text).not.toContain(made.token);
		const listed = JSON.parse(list.text).tokens.find((t: { id: number }) => t.id === made.id);
		expect(listed).toMatchObject({ name: 'CI publisher', scope: 'publish', lastUsedAt: null });
		expect(Date.parse(listed.createdAt)).toBeGreaterThan(0);
		const page = await req(`/catalogue/organisations/${county.slug}/manage?key=${county.adminKey}`);
		expect(page.text).toContain('CI publisher');
		expect(page.text).not.toContain(made.token);
	});

	it('refuses to list or create tokens without admin rights', async () => {
		expect((await json(`/api/organisations/${county.slug}/tokens`, 'GET')).status).toBe(403);
		expect((await json(`/api/organisations/${county.slug}/tokens`, 'GET', undefined, other.adminKey)).status).toBe(403);
		expect((await json(`/api/organisations/${county.slug}/tokens`, 'POST', { name: 'x', scope: 'admin' }, other.adminKey)).status).toBe(403);
		expect((await json(`/api/organisations/${county.slug}/tokens`, 'POST', { name: 'x', scope: 'owner' }, county.adminKey)).status).toBe(400);
		expect((await json(`/api/organisations/${county.slug}/tokens`, 'POST', { name: ' ', scope: 'admin' }, county.adminKey)).status).toBe(400);
	});

	it('a publish token publishes under its organisation and nothing more', async () => {
		const { token } = await newToken(county, county.adminKey, 'Publisher', 'publish');
		expect(await publishWith(county, token)).toBe(200);
		expect(await publishWith(other, token)).toBe(403);
		expect(await adminStatuses(county, token)).toEqual(REFUSED);
		expect((await json(`/api/organisations/${county.slug}/tokens`, 'POST', { name: 'escalate', scope: 'admin' }, token)).status).toBe(403);
		// Its use is recorded.
		const list = JSON.parse((await json(`/api/organisations/${county.slug}/tokens`, 'GET', undefined, county.adminKey)).text);
		expect(list.tokens.find((t: { name: string }) => t.name === 'Publisher').lastUsedAt).not.toBeNull();
	});

	it('an admin token does what the admin key does, for its organisation only', async () => {
		const { token } = await newToken(county, county.adminKey, 'Admin script', 'admin');
		expect(await adminStatuses(county, token)).toEqual(ALLOWED);
		expect(await adminStatuses(other, token)).toEqual(REFUSED);
		expect(await publishWith(county, token)).toBe(200);
		const second = await newToken(county, token, 'Made by a token', 'publish');
		expect(await publishWith(county, second.token)).toBe(200);
		// As the parent's key, it makes a new district part of the county at once.
		const joined = await json('/api/organisations', 'POST', { name: 'Token District Council', type: 'district', parent: county.slug, parentKey: token });
		expect(joined.status, joined.text).toBe(201);
		expect(JSON.parse(joined.text).parent).toBe(county.slug);
	});

	it('a revoked token stops working at once on every route', async () => {
		const admin = await newToken(county, county.adminKey, 'Short-lived admin', 'admin');
		const publish = await newToken(county, county.adminKey, 'Short-lived publisher', 'publish');
		expect(await adminStatuses(county, admin.token)).toEqual(ALLOWED);
		expect(await publishWith(county, publish.token)).toBe(200);
		for (const t of [admin, publish]) {
			const r = await json(`/api/organisations/${county.slug}/tokens/${t.id}`, 'DELETE', undefined, county.adminKey);
			expect(r.status, r.text).toBe(200);
		}
		expect(await adminStatuses(county, admin.token)).toEqual(REFUSED);
		expect(await publishWith(county, admin.token)).toBe(403);
		expect(await publishWith(county, publish.token)).toBe(403);
		const list = (await json(`/api/organisations/${county.slug}/tokens`, 'GET', undefined, county.adminKey)).text;
		expect(list).not.toContain('Short-lived');
		expect((await json(`/api/organisations/${county.slug}/tokens/${admin.id}`, 'DELETE', undefined, county.adminKey)).status).toBe(404);
	});

	it('cannot revoke another organisation’s token', async () => {
		const theirs = await newToken(other, other.adminKey, 'Theirs', 'publish');
		expect((await json(`/api/organisations/${county.slug}/tokens/${theirs.id}`, 'DELETE', undefined, county.adminKey)).status).toBe(404);
		expect(await publishWith(other, theirs.token)).toBe(200);
	});

	it('the manage page creates a token, shows it once, and revokes it', async () => {
		const path = `/catalogue/organisations/${county.slug}/manage`;
		const created = await form(`${path}?/createToken&key=${county.adminKey}`, { key: county.adminKey, name: 'Form token', scope: 'publish' });
		expect(created.status).toBe(200);
		const token = /id="new-token">(smo_[A-Za-z0-9_-]{43})</.exec(created.text)?.[1];
		expect(token).toBeDefined();
		expect(await publishWith(county, token!)).toBe(200);
		const again = await req(`${path}?key=${county.adminKey}`);
		expect(again.text).toContain('Form token');
		expect(again.text).not.toContain(token!);
		const list = JSON.parse((await json(`/api/organisations/${county.slug}/tokens`, 'GET', undefined, county.adminKey)).text);
		const id = list.tokens.find((t: { name: string }) => t.name === 'Form token').id;
		const revoked = await form(`${path}?/revokeToken&key=${county.adminKey}`, { key: county.adminKey, token: String(id) });
		expect(revoked.status).toBe(200);
		expect(revoked.text).toContain('is revoked');
		expect(await publishWith(county, token!)).toBe(403);
	});

	it('a publish token unpublishes its organisation’s maps, and only those', async () => {
		const { token, id } = await newToken(county, county.adminKey, 'Takedown', 'publish');
		const ours = await newMap('Ours to take down');
		expect((await json(`/api/maps/${ours.id}/publication`, 'PUT', { visibility: 'published', organisation: county.slug, organisationKey: token }, ours.key)).status).toBe(200);
		const theirs = await newMap('Not ours');
		expect((await json(`/api/maps/${theirs.id}/publication`, 'PUT', { visibility: 'published', organisation: other.slug, organisationKey: other.adminKey }, theirs.key)).status).toBe(200);
		const listed = async (org: { slug: string }, mapId: string) => (await req(`/api/organisations/${org.slug}`)).text.includes(mapId);
		expect(await listed(county, ours.id)).toBe(true);

		expect((await json(`/api/organisations/${county.slug}/maps/${ours.id}/unpublish`, 'POST')).status).toBe(403);
		expect((await json(`/api/organisations/${county.slug}/maps/${theirs.id}/unpublish`, 'POST', undefined, token)).status).toBe(404);
		expect((await json(`/api/organisations/${other.slug}/maps/${theirs.id}/unpublish`, 'POST', undefined, token)).status).toBe(403);
		expect(await listed(other, theirs.id)).toBe(true);

		const done = await json(`/api/organisations/${county.slug}/maps/${ours.id}/unpublish`, 'POST', undefined, token);
		expect(done.status, done.text).toBe(200);
		expect(JSON.parse(done.text).visibility).toBe('unlisted');
		expect(await listed(county, ours.id)).toBe(false);
		// Its links still work, and the unpublishing is logged under the token's name.
		expect((await req(`/api/maps/${ours.id}?key=${ours.key}`)).status).toBe(200);
		const log = (await req(`/api/organisations/${county.slug}/audit.csv?key=${county.adminKey}`)).text;
		expect(log).toContain('token “Takedown”,map shared by link (unlisted),Ours to take down');

		// Once revoked, it cannot take another down.
		expect((await json(`/api/maps/${ours.id}/publication`, 'PUT', { visibility: 'published' }, ours.key)).status).toBe(200);
		expect((await json(`/api/organisations/${county.slug}/tokens/${id}`, 'DELETE', undefined, county.adminKey)).status).toBe(200);
		expect((await json(`/api/organisations/${county.slug}/maps/${ours.id}/unpublish`, 'POST', undefined, token)).status).toBe(403);
		expect(await listed(county, ours.id)).toBe(true);
	});

	it('stores no token, only its hash, and never logs one', () => {
		expect(made.length).toBeGreaterThan(5);
		const files = ['stackmap.db', 'stackmap.db-wal'].filter((f) => existsSync(join(dataDir, f))).map((f) => readFileSync(join(dataDir, f)));
		expect(files.length).toBeGreaterThan(0);
		for (const token of made) {
			for (const bytes of files) expect(bytes.includes(Buffer.from(token))).toBe(false);
			expect(srv.output().includes(token)).toBe(false);
		}
	});
});

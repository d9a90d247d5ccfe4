// An organisation's audit log over HTTP on the built server with a real SQLite file: publication,
// sharing, membership and token changes are logged with who (admin key, token by name, a map's
// facilitator) and when; only its admins can read it, on the manage page or as CSV (cells guarded
// against formulas). Run after `npm run build` (under the shared build lock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/formats/csv/index.js';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';

let srv: ServerProcess;
let county: { slug: string; adminKey: string };
let other: { slug: string; adminKey: string };

async function req(path: string, init: RequestInit = {}) {
	const res = await fetch(`${srv.base}${path}`, { redirect: 'manual', ...init });
	return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

async function json(path: string, method: string, body?: unknown, key?: string) {
	return req(path, {
		method,
		headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

async function ok(path: string, method: string, body?: unknown, key?: string) {
	const r = await json(path, method, body, key);
	expect(r.status, r.text).toBeLessThan(300);
	return JSON.parse(r.text);
}

interface Row {
	at: string;
	who: string;
	action: string;
	detail: string;
}

/** The audit log as its CSV gives it, newest first. */
async function log(key = county.adminKey): Promise<Row[]> {
	const r = await req(`/api/organisations/${county.slug}/audit.csv`, { headers: { authorization: `Bearer ${key}` } });
	expect(r.status, r.text).toBe(200);
	expect(r.type).toContain('text/csv');
	const [header, ...rows] = parseCsv(r.text.replace(/^\uFEFF/, '')).rows;
	expect(header).toEqual(['When (UTC)', 'Who', 'Action', 'Detail']);
	return rows.map(([at, who, action, detail]) => ({ at: at!, who: who!, action: action!, detail: detail! }));
}

/** The newest entry with `action`, checked to have been made since `since` (ms). */
async function latest(action: string, since: number): Promise<Row> {
	const row = (await log()).find((r) => r.action === action);
	expect(row, `no “${action}” in the log`).toBeDefined();
	expect(Date.parse(row!.at)).toBeGreaterThanOrEqual(since - 1000);
	expect(Date.parse(row!.at)).toBeLessThanOrEqual(Date.now() + 1000);
	return row!;
}

async function newMap(title: string) {
	const made = await req('/api/maps/import?format=owm', { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: `title ${title}\ncomponent Revenues [0.6, 0.5]\n` });
	expect(made.status, made.text).toBe(201);
	const map = JSON.parse(made.text) as { id: string; facilitatorUrl: string };
	return { id: map.id, key: new URL(map.facilitatorUrl).searchParams.get('key')! };
}

beforeAll(async () => {
	srv = await spawnServer(tempDataDir());
	county = await ok('/api/organisations', 'POST', { name: 'Auditshire County Council', type: 'county' });
	other = await ok('/api/organisations', 'POST', { name: 'Nosy County Council', type: 'county' });
}, 60_000);

afterAll(() => {
	srv?.child.kill('SIGKILL');
});

describe('organisation audit log', () => {
	it('logs token changes, publication and sharing with who and when', async () => {
		const since = Date.now();
		expect((await latest('organisation created', since - 60_000)).detail).toBe('Auditshire County Council');
		const ci = await ok(`/api/organisations/${county.slug}/tokens`, 'POST', { name: 'CI', scope: 'publish' }, county.adminKey);
		expect(await latest('token created', since)).toMatchObject({ who: 'admin key', detail: 'CI (publish)' });

		const map = await newMap('Audited map');
		await ok(`/api/maps/${map.id}/publication`, 'PUT', { visibility: 'published', organisation: county.slug, organisationKey: ci.token }, map.key);
		const added = await latest('map added to organisation', since);
		expect(added.who).toBe('map facilitator with token “CI”');
		expect(added.detail).toContain(map.id);
		await ok(`/api/maps/${map.id}/publication`, 'PUT', { visibility: 'unlisted' }, map.key);
		expect((await latest('map shared by link (unlisted)', since)).detail).toContain('Audited map');
		await ok(`/api/maps/${map.id}/publication`, 'PUT', { visibility: 'private' }, map.key);
		expect((await latest('map made private', since)).who).toBe('map facilitator');
		await ok(`/api/maps/${map.id}/publication`, 'PUT', { organisation: null }, map.key);
		expect((await latest('map removed from organisation', since)).detail).toContain(map.id);

		await ok(`/api/organisations/${county.slug}/tokens/${ci.id}`, 'DELETE', undefined, county.adminKey);
		expect(await latest('token revoked', since)).toMatchObject({ who: 'admin key', detail: 'CI (publish)' });
		// The log names tokens but never holds one.
		expect(JSON.stringify(await log())).not.toContain(ci.token);
	});

	it('logs profile and membership changes, naming the admin token used', async () => {
		const since = Date.now();
		const admin = await ok(`/api/organisations/${county.slug}/tokens`, 'POST', { name: 'Ops script', scope: 'admin' }, county.adminKey);
		await ok(`/api/organisations/${county.slug}`, 'PATCH', { region: 'North East' }, admin.token);
		expect(await latest('profile changed', since)).toMatchObject({ who: 'token “Ops script”', detail: 'region' });

		await ok('/api/organisations', 'POST', { name: 'Keyed District Council', type: 'district', parent: county.slug, parentKey: admin.token });
		expect(await latest('member added', since)).toMatchObject({ who: 'token “Ops script”', detail: 'Keyed District Council' });
		const asking = await ok('/api/organisations', 'POST', { name: 'Asking District Council', type: 'district', parent: county.slug });
		expect(await latest('membership requested', since)).toMatchObject({ who: 'admin of Asking District Council', detail: 'Asking District Council' });
		await ok(`/api/organisations/${county.slug}/members/${asking.slug}`, 'PUT', undefined, admin.token);
		expect(await latest('member approved', since)).toMatchObject({ who: 'token “Ops script”', detail: 'Asking District Council' });
		await ok(`/api/organisations/${county.slug}/members/${asking.slug}`, 'DELETE', undefined, county.adminKey);
		expect(await latest('member removed', since)).toMatchObject({ who: 'admin key', detail: 'Asking District Council' });
	});

	it('is shown to admins on the manage page', async () => {
		const page = await req(`/catalogue/organisations/${county.slug}/manage?key=${county.adminKey}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('Audit log');
		expect(page.text).toContain('member removed');
		expect(page.text).toContain(`/api/organisations/${county.slug}/audit.csv?key=`);
	});

	it('is not readable without admin rights', async () => {
		const publish = await ok(`/api/organisations/${county.slug}/tokens`, 'POST', { name: 'Publisher', scope: 'publish' }, county.adminKey);
		const path = `/api/organisations/${county.slug}/audit.csv`;
		expect((await req(path)).status).toBe(403);
		expect((await req(`${path}?key=${publish.token}`)).status).toBe(403);
		expect((await req(`${path}?key=${other.adminKey}`)).status).toBe(403);
		expect((await req(`/catalogue/organisations/${county.slug}/manage?key=${publish.token}`)).status).toBe(403);
		expect((await req(`${path}?key=${county.adminKey}`)).status).toBe(200);
	});

	it('guards cells that a spreadsheet would run as formulas', async () => {
		await ok(`/api/organisations/${county.slug}/tokens`, 'POST', { name: '=HYPERLINK("http://evil.example","x")', scope: 'publish' }, county.adminKey);
		const r = await req(`/api/organisations/${county.slug}/audit.csv?key=${county.adminKey}`);
		const cells = parseCsv(r.text.replace(/^\uFEFF/, '')).rows.flat();
		expect(cells.some((c) => c.startsWith('=HYPERLINK'))).toBe(false);
		expect(cells).toContain('\'=HYPERLINK("http://evil.example","x") (publish)');
	});
});

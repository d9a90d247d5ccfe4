// Contract field groups published one by one, over HTTP on the built server with a real SQLite
// file: a map with a marker in every contract field, published with each combination of the
// groups (dates, costs, references), then every keyless answer — files, API, catalogue page,
// compare, overlay, fork, merge, search and the renewal radar's JSON, CSV and calendar — checked
// for the markers of private groups. Run after `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractGroup, Redaction } from '../../src/lib/catalogue/index.js';
import { contractMarkedMap, GROUP_SETTINGS, publishing, type ContractMarkers } from '../fixtures/contract-markers.js';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { mapSurfaces, radarSurfaces, RADAR_WINDOW } from '../helpers/surfaces.js';

let srv: ServerProcess;

interface Created {
	id: string;
	viewUrl: string;
	editUrl: string;
	facilitatorUrl: string;
}
const keyOf = (u: string) => new URL(u).searchParams.get('key')!;

async function req(path: string, init: RequestInit = {}) {
	const res = await fetch(`${srv.base}${path}`, { redirect: 'manual', ...init });
	return { status: res.status, text: await res.text() };
}

async function importMap(map: unknown): Promise<Created> {
	const res = await req('/api/maps/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(map) });
	expect(res.status, res.text).toBe(201);
	return JSON.parse(res.text) as Created;
}

async function publish(created: Created, redaction: Redaction) {
	const res = await req(`/api/maps/${created.id}/publication`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(created.facilitatorUrl)}` },
		body: JSON.stringify({ visibility: 'published', redaction })
	});
	expect(res.status, res.text).toBe(200);
}

/** Every keyless answer about map `id` (`other`: a map publishing every group, for compare, overlay and merge). */
async function publicAnswers(id: string, other: string): Promise<[string, string][]> {
	const paths = [
		...mapSurfaces(id, other),
		`/maps/${id}/contracts.ics`,
		`/api/overlay?map=${id}&map=${other}`,
		'/catalogue/suppliers',
		...radarSurfaces(),
		`/api/catalogue/radar?${RADAR_WINDOW}&basis=end`
	];
	const out: [string, string][] = [];
	for (const path of paths) {
		const r = await req(path);
		expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200);
		out.push([path, r.text.toLowerCase()]);
	}
	for (const [name, init] of [
		['fork', { path: `/api/maps/${id}/fork`, body: undefined }],
		['merge', { path: '/api/merge', body: JSON.stringify({ maps: [id, other] }) }]
	] as const) {
		const r = await req(init.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: init.body });
		expect(r.status, r.text).toBe(201);
		const made = JSON.parse(r.text) as Created;
		out.push([name, (await req(`/api/maps/${made.id}?key=${keyOf(made.viewUrl)}`)).text.toLowerCase()]);
	}
	return out;
}

/** The ways a marker can be written: dates also as iCalendar writes them, sums also with thousands separators. */
function spellings(marker: string): string[] {
	if (/^\d{4}-\d{2}-\d{2}$/.test(marker)) return [marker, marker.replace(/-/g, '')];
	if (/^\d+$/.test(marker)) return [marker, Number(marker).toLocaleString('en-GB')];
	return [marker.toLowerCase()];
}

const PREFIX = (i: number) => `q${String.fromCharCode(97 + i)}`;
const fixtures = GROUP_SETTINGS.map((_, i) => contractMarkedMap(PREFIX(i), i));
const maps: Created[] = [];
let other: Created;

beforeAll(async () => {
	srv = await spawnServer(tempDataDir());
	other = await importMap(contractMarkedMap('zz', 9).snapshot);
	await publish(other, publishing(['dates', 'costs', 'references']));
	for (const [i, groups] of GROUP_SETTINGS.entries()) {
		maps.push(await importMap(fixtures[i].snapshot));
		await publish(maps[i], publishing(groups));
	}
}, 60_000);

afterAll(() => {
	srv?.child.kill('SIGKILL');
});

const label = (groups: readonly ContractGroup[]) => (groups.length ? groups.join(' + ') : 'nothing');

describe('contract groups, published one by one', () => {
	it.each(GROUP_SETTINGS.map((g, i) => [label(g), i] as const))('publishing %s: no private contract field in any keyless answer', async (_, i) => {
		const groups = GROUP_SETTINGS[i];
		const { markers }: ContractMarkers = fixtures[i];
		const id = maps[i].id;
		const answers = await publicAnswers(id, other.id);
		const hidden = [...(groups.length < 3 ? markers.id : []), ...(['dates', 'costs', 'references'] as const).filter((g) => !groups.includes(g)).flatMap((g) => markers[g])];
		const leaks = hidden.flatMap((m) => spellings(m).flatMap((s) => answers.filter(([, text]) => text.includes(s)).map(([path]) => `${m} in ${path}`)));
		expect(leaks).toEqual([]);
		// What is published is there, in the public map.
		const json = answers.find(([path]) => path === `/api/maps/${id}`)![1];
		expect(groups.flatMap((g) => markers[g]).filter((m) => !json.includes(m.toLowerCase()))).toEqual([]);
		// A private date group keeps the map off the radar entirely: not listed, not counted.
		const radar = answers.filter(([path]) => path.includes('radar')).map(([path, text]) => [path, text.includes(id.toLowerCase())]);
		expect(radar).toEqual(radar.map(([path]) => [path, groups.includes('dates')]));
		// Private contract groups are not searchable.
		for (const m of hidden.filter((_, n) => n % 5 === 0)) {
			const found = JSON.parse((await req(`/api/catalogue?perPage=100&q=${encodeURIComponent(m)}`)).text) as { results: { id: string }[] };
			expect(found.results.map((r) => r.id), m).not.toContain(id);
		}
	}, 60_000);

	it('shows the live map without a key only when every group is published', async () => {
		const statuses = await Promise.all(maps.map(async (m) => (await req(`/maps/${m.id}`)).status));
		expect(statuses).toEqual(GROUP_SETTINGS.map((g) => (g.length === 3 ? 200 : 303)));
	});

	it('takes the groups from the publish form, without JavaScript', async () => {
		const m = await importMap(contractMarkedMap('qz', 8).snapshot);
		const key = keyOf(m.facilitatorUrl);
		const form = `key=${key}&visibility=published&contracts-dates=private&contracts-costs=published&contracts-references=private`;
		const posted = await req(`/maps/${m.id}/publish?key=${key}&/save`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: srv.base },
			body: form
		});
		expect(posted.status, posted.text.slice(0, 200)).toBe(200);
		const pub = JSON.parse((await req(`/api/maps/${m.id}/publication`, { headers: { authorization: `Bearer ${key}` } })).text) as { redaction: Redaction };
		expect(pub.redaction.contracts).toEqual({ dates: 'private', costs: 'published', references: 'private' });
		const page = (await req(`/maps/${m.id}/publish?key=${key}`)).text;
		expect(page).toMatch(/id="contracts-costs-published"[^>]*checked/);
		expect(page).toMatch(/id="contracts-dates-private"[^>]*checked/);
	});

	it('keeps every group private when a map is published without choosing', async () => {
		const m = await importMap(contractMarkedMap('qy', 8).snapshot);
		const put = await req(`/api/maps/${m.id}/publication`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(m.facilitatorUrl)}` },
			body: JSON.stringify({ visibility: 'published', redaction: { products: false, suppliers: false, notes: false } })
		});
		expect(put.status, put.text).toBe(200);
		expect((JSON.parse(put.text) as { redaction: Redaction }).redaction.contracts).toEqual({ dates: 'private', costs: 'private', references: 'private' });
		const text = (await req(`/api/maps/${m.id}`)).text;
		expect(text).toContain('qy revenues');
		expect(text).not.toMatch(/qyref|qyext|qyband|2028-0/);
	});

	it('lets only the facilitator set the groups', async () => {
		const m = await importMap(contractMarkedMap('qx', 8).snapshot);
		const everything = JSON.stringify({ visibility: 'published', redaction: publishing(['dates', 'costs', 'references']) });
		const put = (auth: string | undefined) =>
			req(`/api/maps/${m.id}/publication`, { method: 'PUT', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) }, body: everything });
		const post = (key: string) =>
			req(`/maps/${m.id}/publish?key=${key}&/save`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: srv.base },
				body: `key=${key}&visibility=published&contracts-dates=published&contracts-costs=published&contracts-references=published`
			});
		expect([(await put(undefined)).status, (await put(keyOf(m.viewUrl))).status, (await put(keyOf(m.editUrl))).status]).toEqual([403, 403, 403]);
		expect([(await post(keyOf(m.viewUrl))).status, (await post(keyOf(m.editUrl))).status]).toEqual([403, 403]);
		// Nothing changed: the map is still private, its contracts nowhere public.
		expect((await req(`/api/maps/${m.id}`)).status).toBe(403);
		expect((await req(`/api/catalogue?q=qxref00x`)).text).not.toContain(m.id);
		expect((await put(keyOf(m.facilitatorUrl))).status).toBe(200);
		expect((await req(`/api/maps/${m.id}`)).text).toContain('qxref00x');
	});

	it.each([
		['a list', ['dates']],
		['an unknown group', { prices: 'published' }],
		['an unknown level', { dates: 'friends' }],
		['a level that is not text', { costs: true }]
	])('refuses %s for the groups, changing nothing', async (_, contracts) => {
		const m = maps[1];
		const res = await req(`/api/maps/${m.id}/publication`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(m.facilitatorUrl)}` },
			body: JSON.stringify({ redaction: { products: false, suppliers: false, notes: false, contracts } })
		});
		expect(res.status, res.text).toBe(400);
		const pub = JSON.parse((await req(`/api/maps/${m.id}/publication`, { headers: { authorization: `Bearer ${keyOf(m.facilitatorUrl)}` } })).text) as { redaction: Redaction };
		expect(pub.redaction.contracts).toEqual(publishing(GROUP_SETTINGS[1]).contracts);
	});

	it('applies the groups to an unlisted map too', async () => {
		const { snapshot, markers } = contractMarkedMap('qw', 8);
		const m = await importMap(snapshot);
		const res = await req(`/api/maps/${m.id}/publication`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(m.facilitatorUrl)}` },
			body: JSON.stringify({ visibility: 'unlisted', redaction: publishing(['dates']) })
		});
		expect(res.status, res.text).toBe(200);
		const paths = [`/api/maps/${m.id}`, `/maps/${m.id}.json`, `/maps/${m.id}.csv`, `/maps/${m.id}.owm`, `/catalogue/maps/${m.id}`, `/maps/${m.id}/contracts.ics`];
		const answers = await Promise.all(paths.map(async (p) => [p, (await req(p)).text.toLowerCase()] as const));
		const hidden = [...markers.costs, ...markers.references, ...markers.id];
		expect(hidden.flatMap((h) => spellings(h).flatMap((sp) => answers.filter(([, t]) => t.includes(sp)).map(([p]) => `${h} in ${p}`)))).toEqual([]);
		expect(answers.find(([p]) => p === `/catalogue/maps/${m.id}`)![1]).toContain(markers.dates[1]);
	});

	it('labels a compared map by what it really withholds', async () => {
		const page = (await req(`/compare?a=${maps[0].id}&b=${maps[3].id}`)).text;
		const labels = [...page.matchAll(/title="Withheld by the publisher: ([^"]*)"/g)].map((m) => m[1]);
		expect(labels).toEqual(['contract dates, contract costs, contract references', 'contract references']);
	});

	it('leaves out a contract with every group private', async () => {
		const map = JSON.parse((await req(`/api/maps/${maps[0].id}`)).text) as { components: { contracts?: unknown[] }[] };
		expect(map.components.map((c) => c.contracts)).toEqual(map.components.map(() => undefined));
	});
});

// Every permission, crossed on purpose with raw websocket frames and raw HTTP: who may open a
// map, write it, see it without a key, and what a rotated link still opens. The websocket half
// runs the collaboration server in this process; the HTTP half the built server (`npm run build`
// first, under the shared build lock). Secrets (constant time, hashed, never logged) are in
// secrets.test.ts, response headers in headers.test.ts.
//
// Permission → the tests that try to cross it
// | Permission                                     | Covered by                                                                                |
// |------------------------------------------------|-------------------------------------------------------------------------------------------|
// | bad id / unknown map / wrong or no key (ws)    | collab.test.ts "rejects bad ids…"; here: wrong keys of every length, another map's key    |
// | Origin on the upgrade                          | here: foreign, `null`, garbage → 403 even with a facilitator key; same host, STACKMAP_ORIGINS, none → 101 |
// | viewer: no writes of any kind (ws)             | collab.test.ts "view link…", workshop-permissions "crafted update on a view link"; here: settings, workshop map, deletes |
// | viewer/participant: facilitator HTTP routes    | workshop-http "checks roles on every route", catalogue-http "publishing over the API"     |
// | participant: workshop map (locks, tools, timer)| workshop-permissions "lets only facilitators write the workshop map"                      |
// | locked elements                                | workshop-permissions "refuses a participant’s edit of a locked element…"                  |
// | locked map                                     | workshop-permissions "refuses everything from participants while the map is locked"       |
// | restricted tools                               | workshop-permissions "applies the facilitator’s tool restrictions…", workshop-guard       |
// | presence belongs to its connection             | workshop-permissions "presence"                                                          |
// | private map vs catalogue listings and pages    | catalogue-http "a private map", catalogue-publishing "publishing levels"                  |
// | private map vs /maps/<id>.<format> exports     | here: every format, no key / wrong key / each key / Bearer                                |
// | withheld details vs public exports and ws      | catalogue-http "withheld"; here: the export without a key, a rotated key on such a map    |
// | map made private again: keyless sockets        | here (was a bug: they kept receiving the live map)                                        |
// | rotated participant link (ws + HTTP)           | workshop-permissions "link rotation", workshop-http "rotates a link"                     |
// | rotated viewer and facilitator links           | here: old sockets closed 4403, others stay; old key 403 at upgrade and on every HTTP route |
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addComponent, deleteComponent, lockMap, readSnapshot, setMeta, type ComponentId } from '../../src/lib/map/index.js';
import { VIEW_ONLY_REASON } from '../../server/collab/connection.js';
import { createMapHttp, spawnServer, startCollab, tempDataDir, until, type ServerProcess, type TestServer } from '../helpers/collab.js';
import { capture, rawClient, type RawClient } from '../helpers/raw.js';

/** The status of a websocket upgrade (101 when it opened), with optional request headers. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.once('open', () => {
			ws.close();
			resolve(101);
		});
		ws.once('error', () => undefined);
	});
}

/** A string of `n` characters from the key alphabet, different from every real key. */
function fakeKey(n: number, c = 'Q'): string {
	return c.repeat(n);
}

describe('the websocket upgrade', () => {
	const open: { close(): unknown }[] = [];
	afterEach(async () => {
		for (const thing of open.splice(0).reverse()) await thing.close();
	});
	async function collab(overrides = {}): Promise<TestServer> {
		const s = await startCollab(overrides);
		open.push(s);
		return s;
	}
	async function raw(s: TestServer, id: string, key: string): Promise<RawClient> {
		const c = await rawClient(s.url, id, key);
		open.push({ close: () => c.close() });
		return c;
	}

	it('checks a browser’s Origin before the key: another site is refused even with the facilitator key', async () => {
		const s = await collab({ allowedOrigins: ['https://intranet.example.gov.uk'] });
		const { id, keys } = await s.app.createMap();
		const url = `${s.url}/${id}?key=${keys.facilitator}`;
		expect(await upgradeStatus(url, { origin: 'https://evil.example' })).toBe(403);
		expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${s.port}.evil.example` })).toBe(403);
		expect(await upgradeStatus(url, { origin: 'null' })).toBe(403); // sandboxed frames, file: pages
		expect(await upgradeStatus(url, { origin: 'not a url' })).toBe(403);
		expect(await upgradeStatus(url, { origin: 'https://intranet.example.gov.uk.evil.example' })).toBe(403);
		// The page's own host, an origin in STACKMAP_ORIGINS, and no Origin at all (not a browser:
		// browsers always send one on websockets, so the key alone decides) are let through.
		expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${s.port}` })).toBe(101);
		expect(await upgradeStatus(url, { origin: 'https://intranet.example.gov.uk' })).toBe(101);
		expect(await upgradeStatus(url)).toBe(101);
		// An allowed Origin does not stand in for a key.
		expect(await upgradeStatus(`${s.url}/${id}`, { origin: `http://127.0.0.1:${s.port}` })).toBe(403);
	});

	it('opens only with one of the map’s own keys, exactly', async () => {
		const s = await collab();
		const { id, keys } = await s.app.createMap();
		const other = await s.app.createMap();
		for (const key of Object.values(keys)) expect(await upgradeStatus(`${s.url}/${id}?key=${key}`)).toBe(101);
		const wrong = [
			'',
			'x',
			fakeKey(15),
			fakeKey(16),
			fakeKey(31),
			fakeKey(32),
			fakeKey(33),
			fakeKey(128),
			fakeKey(129),
			fakeKey(5000),
			keys.participant.slice(0, -1),
			keys.participant + 'A',
			keys.participant.slice(0, -1) + (keys.participant.endsWith('A') ? 'B' : 'A'),
			keys.participant.toUpperCase() === keys.participant ? keys.participant.toLowerCase() : keys.participant.toUpperCase(),
			` ${keys.participant}`,
			other.keys.facilitator
		];
		for (const key of wrong) expect(await upgradeStatus(`${s.url}/${id}?key=${encodeURIComponent(key)}`), JSON.stringify(key.slice(0, 40))).toBe(403);
		expect(await upgradeStatus(`${s.url}/${id}?key=${keys.viewer}&key=${keys.facilitator}`)).toBe(101); // the first key counts
	});

	it('refuses every kind of write on a view link: settings, the workshop map, deletes', async () => {
		const s = await collab();
		const { id, keys } = await s.app.createMap({ title: 'Viewer target' });
		const f = await raw(s, id, keys.facilitator);
		let a = '';
		f.sendUpdate(capture(f.doc, () => (a = addComponent(f.doc, { name: 'Alpha' }))));
		const room = (await s.app.rooms.peek(id))!;
		await until(() => readSnapshot(room.doc).components.length === 1, 2000, 'facilitator’s component');
		const attempts: ((doc: Y.Doc) => void)[] = [
			(d) => setMeta(d, { title: 'Defaced' }),
			(d) => lockMap(d, true),
			(d) => deleteComponent(d, a as ComponentId)
		];
		for (const attempt of attempts) {
			const v = await raw(s, id, keys.viewer);
			v.sendUpdate(capture(v.doc, () => attempt(v.doc)));
			await until(() => v.denied.length > 0, 2000, 'refusal');
			expect(v.denied).toEqual([VIEW_ONLY_REASON]);
		}
		const snap = readSnapshot(room.doc);
		expect(snap.title).toBe('Viewer target');
		expect(snap.components.map((c) => c.name)).toEqual(['Alpha']);
	});

	it.each(['viewer', 'facilitator'] as const)('rotating the %s link closes only its sockets and refuses its old key', async (role) => {
		const s = await collab();
		const { id, keys } = await s.app.createMap();
		const old = await raw(s, id, keys[role]);
		const others = await Promise.all((['facilitator', 'participant', 'viewer'] as const).filter((r) => r !== role).map((r) => raw(s, id, keys[r])));
		const fresh = await s.app.workshops.rotateLink(id, role);
		expect(await old.closed).toEqual({ code: 4403, reason: 'This link is no longer valid.' });
		expect(await upgradeStatus(`${s.url}/${id}?key=${keys[role]}`)).toBe(403);
		expect(await upgradeStatus(`${s.url}/${id}?key=${fresh}`)).toBe(101);
		for (const o of others) expect(o.ws.readyState).toBe(WebSocket.OPEN);
		// A second rotation refuses the first new key too.
		await s.app.workshops.rotateLink(id, role);
		expect(await upgradeStatus(`${s.url}/${id}?key=${fresh}`)).toBe(403);
	});
});

describe('over HTTP (built server)', () => {
	let srv: ServerProcess;
	const ws = () => `ws://127.0.0.1:${srv.port}/collab`;
	const closers: (() => void)[] = [];

	beforeAll(async () => {
		srv = await spawnServer(tempDataDir());
	}, 30_000);
	afterAll(async () => {
		for (const c of closers) c();
		srv?.child.kill('SIGTERM');
		await new Promise((r) => srv?.child.once('exit', r));
	});

	async function get(path: string, init: RequestInit = {}) {
		const res = await fetch(`${srv.base}${path}`, { redirect: 'manual', ...init });
		return { status: res.status, headers: res.headers, text: await res.text() };
	}
	async function send(method: string, path: string, key: string | null, body?: unknown) {
		return get(path, {
			method,
			headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	}
	/** A map with a component named `canary`, edited through a real socket. */
	async function mapWith(canary: string, extra: { supplier?: string } = {}) {
		const m = await createMapHttp(srv.base, `${canary} map`);
		const f = await rawClient(ws(), m.id, m.facilitatorKey);
		closers.push(() => f.close());
		f.sendUpdate(capture(f.doc, () => void addComponent(f.doc, { name: canary, ...extra })));
		await until(() => true);
		for (let i = 0; i < 100 && !(await get(`/api/maps/${m.id}?key=${m.viewKey}`)).text.includes(canary); i++) await new Promise((r) => setTimeout(r, 20));
		return m;
	}
	const FORMATS = ['svg', 'png', 'owm', 'mmd', 'json', 'csv'] as const;

	it('serves a private map’s files only to its keys, in every format', async () => {
		const m = await mapWith('Privexport');
		const other = await createMapHttp(srv.base, 'Other');
		for (const format of FORMATS) {
			const path = `/maps/${m.id}.${format}`;
			for (const key of [null, fakeKey(32), other.facilitatorKey, m.viewKey + 'x']) {
				const r = await get(key === null ? path : `${path}?key=${key}`);
				expect(r.status, `${path} key=${key?.slice(0, 8)}`).toBe(403);
				expect(r.text).not.toMatch(/privexport/i);
			}
			for (const key of [m.viewKey, m.editKey, m.facilitatorKey]) {
				const r = await get(`${path}?key=${key}`);
				expect(r.status, path).toBe(200);
				expect(r.headers.get('cache-control')).toBe('no-store');
				if (format !== 'png') expect(r.text).toContain('Privexport');
			}
			expect((await get(path, { headers: { authorization: `Bearer ${m.viewKey}` } })).status).toBe(200);
			expect((await get(path, { headers: { authorization: `Bearer ${fakeKey(32)}` } })).status).toBe(403);
		}
		expect((await get(`/maps/ZZZZZZZZZZZZ.svg?key=${m.viewKey}`)).status).toBe(404);
		expect((await get(`/maps/${m.id}`)).status).toBe(403);
		expect((await get(`/maps/${m.id}/publish?key=${m.editKey}`)).status).toBe(403);
	});

	it('refuses a rotated key on every route it used to open, for every role', async () => {
		const m = await mapWith('Rotcanary');
		const current = { facilitator: m.facilitatorKey, participant: m.editKey, viewer: m.viewKey };
		for (const role of ['viewer', 'participant', 'facilitator'] as const) {
			const old = current[role];
			const rotated = await send('POST', `/api/maps/${m.id}/links/${role}`, current.facilitator);
			expect(rotated.status).toBe(200);
			current[role] = JSON.parse(rotated.text).key;
			const paths = [`/api/maps/${m.id}`, `/maps/${m.id}`, ...FORMATS.map((f) => `/maps/${m.id}.${f}`)];
			for (const path of paths) {
				expect((await get(`${path}?key=${old}`)).status, `${role} ${path}`).toBe(403);
				expect((await get(`${path}?key=${current[role]}`)).status, `${role} ${path} new key`).toBe(200);
			}
			expect(await upgradeStatus(`${ws()}/${m.id}?key=${old}`)).toBe(403);
			expect(await upgradeStatus(`${ws()}/${m.id}?key=${current[role]}`)).toBe(101);
		}
		// The old facilitator key can do nothing a facilitator could.
		const oldF = m.facilitatorKey;
		expect((await send('POST', `/api/maps/${m.id}/links/viewer`, oldF)).status).toBe(403);
		expect((await send('PUT', `/api/maps/${m.id}/publication`, oldF, { visibility: 'published' })).status).toBe(403);
		expect((await send('GET', `/api/maps/${m.id}/history`, oldF)).status).toBe(403);
		expect((await send('POST', `/api/maps/${m.id}/snapshots`, oldF, { name: 'x' })).status).toBe(403);
		expect((await get(`/maps/${m.id}/publish?key=${oldF}`)).status).toBe(403);
	});

	it('gives a rotated key on a published map with withheld details only what the public sees', async () => {
		const m = await mapWith('Redrot', { supplier: 'Secretsupplier' });
		expect((await send('PUT', `/api/maps/${m.id}/publication`, m.facilitatorKey, { visibility: 'published', redaction: { products: true, suppliers: true, notes: true } })).status).toBe(200);
		expect((await get(`/maps/${m.id}.json?key=${m.viewKey}`)).text).toContain('Secretsupplier');
		await send('POST', `/api/maps/${m.id}/links/viewer`, m.facilitatorKey);
		for (const format of ['svg', 'json', 'csv', 'owm'] as const) {
			for (const path of [`/maps/${m.id}.${format}?key=${m.viewKey}`, `/maps/${m.id}.${format}`]) {
				const r = await get(path);
				expect(r.status, path).toBe(200);
				expect(r.text, path).not.toContain('Secretsupplier');
				expect(r.headers.get('cache-control')).toBe('public, max-age=30');
			}
		}
		expect(await upgradeStatus(`${ws()}/${m.id}?key=${m.viewKey}`)).toBe(403);
		expect(await upgradeStatus(`${ws()}/${m.id}`)).toBe(403);
	});

	it.each([
		['private again', { visibility: 'private' }],
		['details withheld', { redaction: { products: false, suppliers: true, notes: false } }]
	])('closes sockets that joined without a key when a published map goes %s', async (_, change) => {
		const m = await mapWith('Pubthenpriv');
		// Every contract group published too: nothing withheld, so the live map is public.
		const everything = { products: false, suppliers: false, notes: false, contracts: { dates: 'published', costs: 'published', references: 'published' } };
		expect((await send('PUT', `/api/maps/${m.id}/publication`, m.facilitatorKey, { visibility: 'published', redaction: everything })).status).toBe(200);
		// Anyone may watch a published map live, with no key.
		const anon = await rawClient(ws(), m.id, '');
		closers.push(() => anon.close());
		const keyed = await rawClient(ws(), m.id, m.viewKey);
		closers.push(() => keyed.close());
		expect(readSnapshot(anon.doc).components.map((c) => c.name)).toEqual(['Pubthenpriv']);
		expect((await send('PUT', `/api/maps/${m.id}/publication`, m.facilitatorKey, change)).status).toBe(200);
		expect(await anon.closed).toEqual({ code: 4403, reason: 'This link is no longer valid.' });
		expect(await upgradeStatus(`${ws()}/${m.id}`)).toBe(403);
		expect((await get(`/maps/${m.id}.json`)).status).toBe('visibility' in change ? 403 : 200);
		// Key holders stay, and still see the live map.
		const f = await rawClient(ws(), m.id, m.facilitatorKey);
		closers.push(() => f.close());
		f.sendUpdate(capture(f.doc, () => void addComponent(f.doc, { name: 'After going private' })));
		await until(() => readSnapshot(keyed.doc).components.length === 2, 3000, 'key holder still live');
		expect(keyed.ws.readyState).toBe(WebSocket.OPEN);
	});
});

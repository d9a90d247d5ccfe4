// Every public catalogue endpoint of the built server, over HTTP with a real SQLite file: a
// private map's words never appear in any answer, an unlisted map's only at its own address,
// withheld details nowhere without a key; publishing needs the facilitator key and an
// organisation's admin key. Run after `npm run build` (under the shared build lock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addComponent, addLink, updateComponent, type ComponentId } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';

let srv: ServerProcess;
const maps: Record<'priv' | 'unl' | 'red' | 'pub', Awaited<ReturnType<typeof createMapHttp>>> = {} as never;
let org: { slug: string; adminKey: string };
const closers: (() => void)[] = [];

async function req(path: string, init: RequestInit = {}) {
	const res = await fetch(`${srv.base}${path}`, { redirect: 'manual', ...init });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

/**
 * A listing's answer without the query's own values, which pages echo back ("Maps matching …",
 * selected filters). Queries use lower-case or partial words, so removing them exactly cannot
 * hide a leaked name (written 'PrivcanarySoft', 'Privcanary CRM', …).
 */
async function listing(path: string) {
	const r = await req(path);
	let text = r.text;
	for (const v of new URLSearchParams(path.split('?')[1] ?? '').values()) if (v.length > 3) text = text.replaceAll(v, '');
	return { ...r, text };
}

async function json(path: string, method: string, body: unknown, key?: string) {
	return req(path, {
		method,
		headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
		body: JSON.stringify(body)
	});
}

/** Fill a map through a real y-websocket client: three typed components and an untyped one, all named after `canary`. */
async function fill(id: string, key: string, canary: string) {
	const client = await connectClient(`ws://127.0.0.1:${srv.port}/collab`, id, key);
	closers.push(() => client.destroy());
	const a = addComponent(client.doc, { name: `${canary} Revenues`, componentType: 'revs-bens', product: `${canary}Rev`, supplier: `${canary}Soft`, notes: `${canary} contract`, evolution: 0.6, visibility: 0.6 });
	const b = addComponent(client.doc, { name: `${canary} CRM`, componentType: 'crm', product: `${canary}Crm`, supplier: `${canary}Soft`, evolution: 0.4, visibility: 0.7 });
	addComponent(client.doc, { name: `${canary} Pay`, componentType: 'payments-gateway', product: `${canary}Pay`, supplier: `${canary}Pay`, evolution: 0.8, visibility: 0.5 });
	addLink(client.doc, { from: b, to: a });
	updateComponent(client.doc, a as ComponentId, { lifecycle: 'live' });
	await until(() => true);
	const start = Date.now();
	while (Date.now() - start < 5000) {
		const r = await req(`/api/maps/${id}?key=${key}`);
		if (r.text.includes(`${canary}Pay`)) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('edits did not reach the server');
}

beforeAll(async () => {
	srv = await spawnServer(tempDataDir(), { STACKMAP_SEED: '1' });
	const created = await json('/api/organisations', 'POST', { name: 'Canaryshire County Council', type: 'county', region: 'South East' });
	expect(created.status).toBe(201);
	org = JSON.parse(created.text);
	for (const [k, canary] of [['priv', 'Privcanary'], ['unl', 'Unlcanary'], ['red', 'Redcanary'], ['pub', 'Pubcanary']] as const) {
		maps[k] = await createMapHttp(srv.base, `${canary} map`);
		await fill(maps[k].id, maps[k].editKey, canary);
	}
	const put = (k: keyof typeof maps, body: object) => json(`/api/maps/${maps[k].id}/publication`, 'PUT', body, maps[k].facilitatorKey);
	expect((await put('priv', { organisation: org.slug, organisationKey: org.adminKey, description: 'Privcanary private description' })).status).toBe(200);
	expect((await put('unl', { visibility: 'unlisted' })).status).toBe(200);
	expect((await put('red', { visibility: 'published', redaction: { products: true, suppliers: true, notes: true } })).status).toBe(200);
	expect((await put('pub', { visibility: 'published', organisation: org.slug, organisationKey: org.adminKey })).status).toBe(200);
}, 60_000);

afterAll(() => {
	for (const c of closers) c();
	srv?.child.kill('SIGKILL');
});

/** Every keyless page and API answer that lists, searches, counts, aggregates or exports. */
const LISTINGS = [
	'/catalogue',
	'/catalogue?perPage=100',
	'/catalogue?q=canary',
	'/catalogue?q=privcanar',
	'/catalogue?q=unlcanar',
	'/catalogue?q=redcanaryre',
	'/catalogue?type=crm&perPage=100',
	'/catalogue?supplier=privcanarysoft&supplier=unlcanarysoft&supplier=redcanarysoft',
	'/catalogue/types',
	'/catalogue/types/crm',
	'/catalogue/types/revs-bens',
	'/catalogue/types/payments-gateway',
	'/catalogue/suppliers',
	'/catalogue/suppliers?q=canary',
	'/catalogue/products',
	'/catalogue/products?q=canary',
	'/catalogue/organisations',
	'/catalogue/organisations/canaryshire-county-council',
	'/overlay?q=canary',
	'/overlay?all=1',
	'/overlay?type=crm',
	'/overlay?org=canaryshire-county-council',
	'/compare',
	'/compare?q=canary',
	'/merge',
	'/merge?q=canary',
	'/api/catalogue?perPage=100',
	'/api/catalogue?q=canary',
	'/api/catalogue?q=privcanar',
	'/api/catalogue?q=unlcanar',
	'/api/catalogue.csv',
	'/api/catalogue.csv?q=canary',
	'/api/component-types',
	'/api/component-types/crm?limit=10000',
	'/api/component-types/crm.csv',
	'/api/component-types/revs-bens.csv',
	'/api/overlay?q=canary',
	'/api/overlay?type=crm',
	'/api/overlay.csv?type=crm',
	'/api/organisations',
	'/api/organisations/canaryshire-county-council',
	'/api/suppliers/pubcanarysoft',
	'/api/products/pubcanaryrev'
];

describe('a private map', () => {
	it.each(LISTINGS)('never appears in %s', async (path) => {
		const r = await listing(path);
		expect(r.status, r.text.slice(0, 200)).toBe(200);
		expect(r.text).not.toMatch(/privcanary/i);
		expect(r.text).not.toContain(maps.priv.id);
	});

	it('is not counted', async () => {
		const r = JSON.parse((await req('/api/catalogue')).text);
		expect(r.total).toBe(7); // five seed councils + the two published maps
		expect(r.catalogueSize).toBe(7);
		const org = JSON.parse((await req('/api/organisations/canaryshire-county-council')).text);
		expect(org.maps.map((m: { id: string }) => m.id)).toEqual([maps.pub.id]);
		const crm = JSON.parse((await req('/api/component-types/crm')).text);
		expect(crm.mapCount).toBe(7);
	});

	it.each([
		['GET', '/catalogue/maps/{priv}', 404],
		['GET', '/catalogue/maps/{priv}/map.svg', 404],
		['GET', '/catalogue/maps/{priv}/components.csv', 404],
		['GET', '/api/catalogue/maps/{priv}', 404],
		['GET', '/api/maps/{priv}', 403],
		['GET', '/maps/{priv}', 403],
		['GET', '/api/compare?a={priv}&b={pub}', 403],
		['GET', '/api/compare.csv?a={pub}&b={priv}', 403],
		['GET', '/compare?a={priv}&b={pub}', 403],
		['GET', '/compare?a={priv}', 403],
		['GET', '/api/overlay?map={priv}&map={pub}', 403],
		['GET', '/overlay?map={priv}&map={pub}', 403],
		['GET', '/api/maps/{priv}/publication', 403],
		['POST', '/api/maps/{priv}/fork', 403]
	])('%s %s answers %i without its words', async (method, template, status) => {
		const path = template.replaceAll('{priv}', maps.priv.id).replaceAll('{pub}', maps.pub.id);
		const r = await req(path, { method });
		expect(r.status).toBe(status);
		expect(r.text).not.toMatch(/privcanary/i);
	});

	it('cannot be merged without a key, and can with one', async () => {
		const denied = await json('/api/merge', 'POST', { maps: [maps.priv.id, maps.pub.id] });
		expect(denied.status).toBe(403);
		expect(denied.text).not.toMatch(/privcanary/i);
		const ok = await json('/api/merge', 'POST', { maps: [maps.priv.viewUrl, maps.pub.id], title: 'Merged' });
		expect(ok.status).toBe(201);
		const merged = JSON.parse(ok.text);
		const draft = JSON.parse((await req(`/api/maps/${merged.id}?key=${new URL(merged.facilitatorUrl).searchParams.get('key')}`)).text);
		expect(JSON.stringify(draft)).toMatch(/Privcanary/);
		expect(merged.duplicates.map((d: { typeId: string }) => d.typeId).sort()).toEqual(['crm', 'payments-gateway', 'revs-bens']);
		// The draft is private: not in the catalogue either.
		expect((await req('/api/catalogue?q=merged')).text).not.toContain(merged.id);
	});
});

describe('an unlisted map', () => {
	it.each(LISTINGS)('is not listed in %s', async (path) => {
		const r = await listing(path);
		expect(r.text).not.toMatch(/unlcanary/i);
	});

	it.each(['/catalogue/maps/{unl}', '/catalogue/maps/{unl}/map.svg', '/catalogue/maps/{unl}/components.csv', '/api/catalogue/maps/{unl}', '/api/maps/{unl}', '/api/compare?a={unl}&b={pub}'])(
		'is served at its own address %s',
		async (template) => {
			const r = await req(template.replaceAll('{unl}', maps.unl.id).replaceAll('{pub}', maps.pub.id));
			expect(r.status).toBe(200);
			expect(r.text).toMatch(/Unlcanary/);
		}
	);

	it('says noindex on its page', async () => {
		expect((await req(`/catalogue/maps/${maps.unl.id}`)).text).toContain('<meta name="robots" content="noindex"');
	});
});

describe('a map published with details withheld', () => {
	const words = /redcanary(rev|crm|pay|soft)|redcanary contract/i;

	it.each([...LISTINGS, '/catalogue/maps/{red}', '/catalogue/maps/{red}/map.svg', '/catalogue/maps/{red}/components.csv', '/api/catalogue/maps/{red}', '/api/maps/{red}', '/api/compare?a={red}&b={pub}', '/api/compare.csv?a={pub}&b={red}', '/compare?a={red}&b={pub}', '/api/overlay?map={red}&map={pub}'])(
		'keeps them out of %s',
		async (template) => {
			const r = await listing(template.replaceAll('{red}', maps.red.id).replaceAll('{pub}', maps.pub.id));
			expect(r.status).toBe(200);
			expect(r.text).not.toMatch(words);
		}
	);

	it('is shown by component type, and is in the catalogue', async () => {
		const page = (await req(`/catalogue/maps/${maps.red.id}`)).text;
		expect(page).toContain('Some details withheld');
		expect(page).toContain('Corporate CRM / customer case management');
		const found = JSON.parse((await req('/api/catalogue?q=Redcanary')).text);
		expect(found.results.map((r: { id: string }) => r.id)).toEqual([maps.red.id]);
	});

	it('is not open live without a key (page redirects to the catalogue, websocket refused)', async () => {
		const page = await req(`/maps/${maps.red.id}`);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/catalogue/maps/${maps.red.id}`);
		const status = await new Promise<number>((resolve) => {
			const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/collab/${maps.red.id}`);
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
			ws.once('open', () => (ws.close(), resolve(101)));
			ws.once('error', () => undefined);
		});
		expect(status).toBe(403);
	});

	it('is whole for anyone with one of its links', async () => {
		const r = await req(`/api/maps/${maps.red.id}?key=${maps.red.viewKey}`);
		expect(r.text).toMatch(/RedcanaryRev/);
		expect((await req(`/maps/${maps.red.id}?key=${maps.red.viewKey}`)).status).toBe(200);
	});
});

describe('publishing over the API', () => {
	it('needs the facilitator key', async () => {
		for (const key of [undefined, maps.pub.editKey, maps.pub.viewKey, maps.priv.facilitatorKey]) {
			const r = await json(`/api/maps/${maps.pub.id}/publication`, 'PUT', { visibility: 'private' }, key);
			expect(r.status).toBe(403);
		}
		expect(JSON.parse((await req('/api/catalogue')).text).total).toBe(7);
	});

	it('needs the organisation’s admin key to attach a map to it', async () => {
		const r = await json(`/api/maps/${maps.unl.id}/publication`, 'PUT', { organisation: org.slug }, maps.unl.facilitatorKey);
		expect(r.status).toBe(403);
		const wrong = await json(`/api/maps/${maps.unl.id}/publication`, 'PUT', { organisation: org.slug, organisationKey: 'x'.repeat(32) }, maps.unl.facilitatorKey);
		expect(wrong.status).toBe(403);
		const bad = await json(`/api/maps/${maps.unl.id}/publication`, 'PUT', { visibility: 'everyone' }, maps.unl.facilitatorKey);
		expect(bad.status).toBe(400);
		expect(JSON.parse(bad.text)).toEqual({ error: 'visibility must be private, unlisted or published' });
	});

	it('edits an organisation only with its admin key', async () => {
		expect((await json(`/api/organisations/${org.slug}`, 'PATCH', { region: 'London' })).status).toBe(403);
		const ok = await json(`/api/organisations/${org.slug}`, 'PATCH', { region: 'London' }, org.adminKey);
		expect(ok.status).toBe(200);
		const found = JSON.parse((await req('/api/catalogue?region=London')).text);
		expect(found.results.map((r: { id: string }) => r.id)).toEqual([maps.pub.id]);
	});

	it('forks a published map into a new private map', async () => {
		const r = await req(`/api/maps/${maps.pub.id}/fork`, { method: 'POST' });
		expect(r.status).toBe(201);
		const fork = JSON.parse(r.text);
		expect(fork.forkedFrom).toBe(maps.pub.id);
		const copy = JSON.parse((await req(`/api/maps/${fork.id}?key=${new URL(fork.viewUrl).searchParams.get('key')}`)).text);
		expect(copy.title).toBe('Copy of Pubcanary map');
		expect((await req(`/catalogue/maps/${fork.id}`)).status).toBe(404);
	});
});

describe('the unfiltered catalogue’s overlay link', () => {
	it('opens an overlay of the maps listed, not an empty form', async () => {
		const page = await req('/catalogue');
		const href = /<a href="(\/overlay\?[^"]*)">Overlay these (\d+) maps<\/a>/.exec(page.text);
		expect(href).not.toBeNull();
		const overlay = await req(href![1].replaceAll('&amp;', '&'));
		expect(overlay.status).toBe(200);
		expect(overlay.text).toContain(`Overlay of ${href![2]} maps`);
		expect(overlay.text).toContain('All published maps');
	});
});

describe('a search result', () => {
	it('says which component matched, in public words only', async () => {
		const page = await req('/catalogue?q=pubcanarysoft');
		expect(page.text).toContain('Matched: component ‘Pubcanary Revenues’ (supplier PubcanarySoft)');
		// A map that withholds products and suppliers is found by its title, and no withheld name is given as the reason.
		const redacted = await req('/catalogue?q=redcanary');
		expect(redacted.text).toContain(`/catalogue/maps/${maps.red.id}`);
		for (const withheld of ['RedcanarySoft', 'RedcanaryRev', 'Redcanary Revenues']) expect(redacted.text).not.toContain(withheld);
	});
});

describe('a scoped comparison', () => {
	/** Kestrelford's and Calderbrook's seed maps (both buy Civica Pay). */
	async function seedPair() {
		const all = JSON.parse((await req('/api/catalogue?perPage=100')).text) as { results: { id: string; title: string }[] };
		const id = (name: string) => all.results.find((r) => r.title.startsWith(name))!.id;
		return `a=${id('Kestrelford')}&b=${id('Calderbrook')}`;
	}
	const count = (html: string, text: string) => html.split(text).length - 1;
	const only = (html: string) => [...html.matchAll(/<strong>(\d+)<\/strong> only on/g)].map((m) => Number(m[1]));

	it('lists what the two councils could share', async () => {
		const page = await req(`/compare?${await seedPair()}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('What you could share');
		expect(page.text).toMatch(/Card payments gateway \/ PSP<\/a>:\s*product Civica Pay; supplier Civica/);
		expect(page.text).toContain('is ahead');
		expect(count(page.text, '<span class="muted small">Business Areas</span>')).toBeGreaterThan(0);
	});

	it('keeps to the LGAM layers chosen', async () => {
		const page = await req(`/compare?${await seedPair()}&layer=Capabilities`);
		expect(count(page.text, '<span class="muted small">Capabilities</span>')).toBeGreaterThan(0);
		for (const other of ['Business Areas', 'Corporate Areas', 'Council Interfaces']) expect(count(page.text, `<span class="muted small">${other}</span>`)).toBe(0);
		expect(page.text).toMatch(/<input id="scope-layer-\d+" type="checkbox" name="layer" value="Capabilities" checked/);
		const csv = await req(`/api/compare.csv?${await seedPair()}&layer=Capabilities`);
		expect(csv.text).not.toContain('Business Areas');
		const api = JSON.parse((await req(`/api/compare?${await seedPair()}&layer=Capabilities`)).text);
		expect(api.share.jointContracts.map((t: { typeId: string }) => t.typeId)).toContain('payments-gateway');
		const whole = JSON.parse((await req(`/api/compare?${await seedPair()}`)).text);
		const types = (x: { both: { typeId: string }[] }) => x.both.map((t) => t.typeId);
		expect(types(whole)).toContain('website');
		expect(types(api)).not.toContain('website');
	});

	it('keeps to the smaller map’s types', async () => {
		const whole = only((await req(`/compare?${await seedPair()}`)).text);
		expect(whole).toHaveLength(2);
		expect(Math.min(...whole)).toBeGreaterThan(0);
		const scoped = only((await req(`/compare?${await seedPair()}&scope=smaller`)).text);
		expect(Math.min(...scoped)).toBe(0);
	});
});

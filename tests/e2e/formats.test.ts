// The map as files on the real server (built dist/server): /maps/<id>.svg|png|owm|mmd|json|csv —
// content types, file names, bodies that read back, permissions (private, view key, published
// with withheld details), an <img> on another site, and POST /api/maps/import.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseCsv } from '../../src/lib/formats/csv/index.js';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { parseOwm } from '../../src/lib/formats/owm/index.js';
import { parseMermaid } from '../../src/lib/formats/mermaid/index.js';
import { placedLabelOffsets, renderSvg } from '../../src/lib/render/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { pngSize } from '../helpers/png.js';
import { validate } from '../helpers/schema.js';
import { canon, printedOrder } from '../unit/formats/owm/helpers.js';
import { allElements, parseXml, textContent } from '../unit/render/xml.js';

const SCRIPT_NAME = '</text><script>alert(1)</script>';
const OWM = `title Revenues & Benefits
anchor Residents [0.95, 0.62]
component CRM [0.7, 0.55] (buy)
// stackmap: {"component":"CRM","product":"Dynamics 365","supplier":"Microsoft","lifecycle":"live"}
component Placeholder [0.4, 0.3]
Residents->CRM
CRM->Placeholder
note Draft for the board [0.2, 0.8]`;

let srv: ServerProcess;
let browser: Browser;
let intranet: Server;
let map: { id: string; facilitatorKey: string; editKey: string; viewKey: string };

async function importMap(body: string, type: string, query = ''): Promise<Response> {
	return fetch(`${srv.base}/api/maps/import${query}`, { method: 'POST', headers: { 'content-type': type }, body });
}

function keysOf(body: { id: string; facilitatorUrl: string; editUrl: string; viewUrl: string }) {
	const key = (u: string) => new URL(u).searchParams.get('key')!;
	return { id: body.id, facilitatorKey: key(body.facilitatorUrl), editKey: key(body.editUrl), viewKey: key(body.viewUrl) };
}

beforeAll(async () => {
	srv = await spawnServer(tempDataDir());
	browser = await launchBrowser();
	// Stackmap JSON with a component named like markup, imported through the API.
	const parsed = parseOwm(OWM).map;
	const snapshot: MapSnapshot = { ...parsed, components: parsed.components.map((c) => (c.name === 'Placeholder' ? { ...c, name: SCRIPT_NAME } : c)) };
	const res = await importMap(JSON.stringify(snapshot), 'application/json');
	expect(res.status).toBe(201);
	map = keysOf(await res.json());
	intranet = createServer((req, res) => {
		res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>Intranet</title>${decodeURIComponent(req.url!.slice(1))}`);
	});
	await new Promise<void>((resolve) => intranet.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
	await browser?.close();
	intranet?.close();
	srv?.child.kill('SIGKILL');
});

const file = (ext: string, key: string | null = map.viewKey, query = '') =>
	fetch(`${srv.base}/maps/${map.id}.${ext}${key ? `?key=${key}` : ''}${query ? `${key ? '&' : '?'}${query}` : ''}`);

async function apiMap(): Promise<MapSnapshot> {
	return (await fetch(`${srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).json();
}

describe('file endpoints', () => {
	it.each([
		['svg', 'image/svg+xml; charset=utf-8', 'inline'],
		['png', 'image/png', 'inline'],
		['owm', 'text/plain; charset=utf-8', 'attachment'],
		['mmd', 'text/plain; charset=utf-8', 'attachment'],
		['json', 'application/json; charset=utf-8', 'attachment'],
		['csv', 'text/csv; charset=utf-8', 'attachment']
	])('.%s: %s, named after the title, never cached with a key', async (ext, type, disposition) => {
		const res = await file(ext);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(type);
		expect(res.headers.get('content-disposition')).toBe(`${disposition}; filename="Revenues-Benefits.${ext}"`);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('x-frame-options')).toBeNull();
		expect(res.headers.get('cross-origin-resource-policy')).toBeNull();
	});

	it('SVG: well-formed, markup in names escaped, the same bytes every time, the same as renderSvg', async () => {
		const [a, b] = await Promise.all([file('svg').then((r) => r.text()), file('svg').then((r) => r.text())]);
		expect(a).toBe(b);
		const root = parseXml(a);
		expect(root.name).toBe('svg');
		// 1100 × 700 and the key to its build/buy marks in a band below.
		expect(root.attrs.viewBox).toMatch(/^0 0 1100 (\d+)$/);
		expect(Number(root.attrs.height)).toBeGreaterThan(700);
		expect(allElements(root).some((e) => e.attrs['data-legend'] === 'marks')).toBe(true);
		expect(allElements(root).some((e) => e.name === 'script')).toBe(false);
		expect(a).not.toContain('<script');
		// The label wraps before "(" onto two lines (tspans); together they are the name, as text.
		expect(a).toContain('&lt;/text&gt;&lt;script&gt;alert</tspan>');
		expect(allElements(root).some((e) => e.name === 'text' && textContent(e).replace(/\s/g, '') === SCRIPT_NAME)).toBe(true);
		expect(textContent(allElements(root).find((e) => e.name === 'title')!)).toBe('Revenues & Benefits');
		expect(a).toBe(renderSvg(await apiMap()));
		expect((await file('svg', map.viewKey, 'theme=high-contrast')).headers.get('content-type')).toMatch(/svg/);
		expect((await file('svg', map.viewKey, 'theme=neon')).status).toBe(400);
		// ?size= draws on a landscape paper size (CSS px at 96 per inch).
		expect(parseXml(await (await file('svg', map.viewKey, 'size=a4')).text()).attrs.viewBox).toBe('0 0 1123 794');
		expect((await file('svg', map.viewKey, 'size=letter')).status).toBe(400);
	});

	it('PNG: the SVG size times ?scale= (1 to 4)', async () => {
		const height = Number(parseXml(await (await file('svg')).text()).attrs.height);
		expect(pngSize(new Uint8Array(await (await file('png')).arrayBuffer()))).toEqual({ width: 1100, height });
		expect(pngSize(new Uint8Array(await (await file('png', map.viewKey, 'scale=2')).arrayBuffer()))).toEqual({ width: 2200, height: height * 2 });
		for (const bad of ['0', '5', 'x']) expect((await file('png', map.viewKey, `scale=${bad}`)).status).toBe(400);
		expect(pngSize(new Uint8Array(await (await file('png', map.viewKey, 'size=a3')).arrayBuffer()))).toEqual({ width: 1587, height: 1123 });
	});

	it('OWM reads back to the map (modulo ids) with its labels where they are drawn, council fields included; Mermaid and CSV read back', async () => {
		const m = await apiMap();
		const owm = parseOwm(await (await file('owm')).text());
		expect(owm.errors).toEqual([]);
		// Labels placement moved are written with their drawn offsets; everything else as it is.
		const offsets = placedLabelOffsets(m);
		const drawn = { ...m, components: m.components.map((c) => (offsets.has(c.id) ? { ...c, label: offsets.get(c.id)! } : c)) };
		expect(canon(owm.map)).toEqual(canon(printedOrder(drawn)));
		expect(owm.map.components.find((c) => c.name === 'CRM')).toMatchObject({ product: 'Dynamics 365', supplier: 'Microsoft' });
		const mermaid = parseMermaid(await (await file('mmd')).text());
		expect(mermaid.errors).toEqual([]);
		expect(mermaid.map.components.map((c) => c.name)).toEqual(m.components.map((c) => c.name));
		const bytes = new Uint8Array(await (await file('csv')).arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder().decode(bytes);
		const rows = parseCsv(csv).rows;
		expect(rows[0].slice(0, 2)).toEqual(['Name', 'Kind']);
		expect(rows).toHaveLength(m.components.length + 1);
		expect(rows.find((r) => r[0] === 'CRM')).toEqual(expect.arrayContaining(['Dynamics 365', 'Microsoft']));
	});

	it('JSON: the public snapshot format, valid against docs/map.schema.json', async () => {
		const json = await (await file('json')).json();
		expect(validate(json, JSON.parse(readFileSync('docs/map.schema.json', 'utf8')))).toEqual([]);
		expect(json).toEqual(await apiMap());
	});

	it('needs view rights: private maps refuse without a key; every key of the map works', async () => {
		expect((await file('svg', null)).status).toBe(403);
		expect((await file('json', 'A'.repeat(32))).status).toBe(403);
		expect((await fetch(`${srv.base}/maps/zzzzzzzzzzzz.svg`)).status).toBe(404);
		expect((await fetch(`${srv.base}/maps/bad-id!.svg`)).status).toBe(400);
		for (const key of [map.viewKey, map.editKey, map.facilitatorKey]) expect((await file('owm', key)).status).toBe(200);
		const bearer = await fetch(`${srv.base}/maps/${map.id}.csv`, { headers: { authorization: `Bearer ${map.viewKey}` } });
		expect(bearer.status).toBe(200);
		// An unknown suffix is not a file route.
		expect((await fetch(`${srv.base}/maps/${map.id}.gif?key=${map.viewKey}`)).status).toBeGreaterThanOrEqual(400);
	});

	it('published with products and suppliers withheld: the public gets the published files only', async () => {
		const pub = await importMap(OWM, 'text/x-owm');
		const other = keysOf(await pub.json());
		const put = await fetch(`${srv.base}/api/maps/${other.id}/publication?key=${other.facilitatorKey}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ visibility: 'published', redaction: { products: true, suppliers: true, notes: false } })
		});
		expect(put.status).toBe(200);
		for (const ext of ['csv', 'owm', 'json', 'svg']) {
			const open = await fetch(`${srv.base}/maps/${other.id}.${ext}`);
			expect(open.status).toBe(200);
			expect(open.headers.get('cache-control')).toBe('public, max-age=30');
			const text = await open.text();
			expect(text).not.toContain('Dynamics 365');
			expect(text).not.toContain('Microsoft');
		}
		const keyed = await (await fetch(`${srv.base}/maps/${other.id}.csv?key=${other.viewKey}`)).text();
		expect(keyed).toContain('Dynamics 365');
	});

	it('embeds as <img> on a page of another site', async () => {
		const page = await browser.newPage();
		const port = (intranet.address() as { port: number }).port;
		const html = ['svg', 'png'].map((ext) => `<img id="${ext}" alt="map" src="${srv.base}/maps/${map.id}.${ext}?key=${map.viewKey}">`).join('');
		await page.goto(`http://127.0.0.1:${port}/${encodeURIComponent(html)}`);
		for (const ext of ['svg', 'png']) {
			await page.waitForFunction((id) => (document.getElementById(id) as HTMLImageElement).complete, ext);
			expect(await page.$eval(`#${ext}`, (img) => (img as HTMLImageElement).naturalWidth)).toBe(1100);
		}
		await page.close();
	});
});

describe('POST /api/maps/import', () => {
	it('creates a map from each format and says what it read', async () => {
		const owm = readFileSync('tests/fixtures/owm-examples/Flow Example.wm', 'utf8');
		const cases: [string, string, string][] = [
			[owm, 'text/x-owm', 'owm'],
			[`wardley-beta\n${owm}`, 'text/vnd.mermaid', 'mermaid'],
			[JSON.stringify(parseOwm(owm).map), 'application/json', 'json'],
			['System,Vendor,Depends on\nCRM,Microsoft,Database\nDatabase,Oracle,\n', 'text/csv', 'csv']
		];
		for (const [body, type, format] of cases) {
			const res = await importMap(body, type);
			expect(res.status).toBe(201);
			const created = await res.json();
			expect(created).toMatchObject({ format, warnings: expect.any(Array) });
			const got: MapSnapshot = await (await fetch(`${srv.base}/api/maps/${created.id}?key=${keysOf(created).viewKey}`)).json();
			expect(got.components.length).toBe(created.components);
			expect(got.components.length).toBeGreaterThan(1);
		}
	});

	it('answers 400 with every error and its line, and creates nothing', async () => {
		const res = await importMap('title T\ncomponent A [0.5, 0.5]\ncomponent B [oops]\nA->B\nwhat is this', 'text/x-owm');
		expect(res.status).toBe(400);
		const body = await res.json();
		expect(body.error).toMatch(/2 errors; first at line 3/);
		expect(body.errors.map((e: { line: number }) => e.line)).toEqual([3, 5]);
		const partial = await importMap('title T\ncomponent A [0.5, 0.5]\ncomponent B [oops]', 'text/x-owm', '?partial=1');
		expect(partial.status).toBe(201);
		expect((await partial.json()).errors).toHaveLength(1);
	});

	it('takes ?format=, ?title= and CSV ?column.<field>=', async () => {
		const res = await importMap('A,B\nx,y\n', 'text/csv', '?title=Register&column.name=B&column.supplier=1');
		const created = await res.json();
		expect(res.status).toBe(201);
		const got: MapSnapshot = await (await fetch(`${srv.base}/api/maps/${created.id}?key=${keysOf(created).viewKey}`)).json();
		expect(got.title).toBe('Register');
		expect(got.components[0]).toMatchObject({ name: 'y', supplier: 'x' });
		expect((await importMap('A,B\nx,y\n', 'text/csv', '?column.colour=A')).status).toBe(400);
		expect((await importMap('x', 'text/x-owm', '?format=gif')).status).toBe(400);
	});

	it('refuses bodies over 5 MB with 413, other content types with 415, and cross-site text/plain', async () => {
		const big = await importMap('a'.repeat(5 * 1024 * 1024 + 1), 'text/x-owm');
		expect(big.status).toBe(413);
		expect((await big.json()).error).toMatch(/5 MB/);
		expect((await importMap('x', 'image/png')).status).toBe(415);
		// SvelteKit refuses a text/plain post unless it comes from the site itself.
		expect((await importMap('component A [0.5, 0.5]', 'text/plain')).status).toBe(403);
		const same = await fetch(`${srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: srv.base }, body: 'component A [0.5, 0.5]' });
		expect(same.status).toBe(201);
	});
});

// Security headers of the built server (docs/security.md): pages get a nonce-based CSP with no
// inline script allowed, and may not be framed; API answers may load nothing; the map files stay
// embeddable anywhere, and an SVG opened on its own runs nothing. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComponent } from '../../src/lib/map/index.js';
import { createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';
import { capture, rawClient } from '../helpers/raw.js';

let srv: ServerProcess;
let map: Awaited<ReturnType<typeof createMapHttp>>;
const HOSTILE = `<script>alert(1)</script>" onload="alert(2)`;

beforeAll(async () => {
	srv = await spawnServer(tempDataDir(), { STACKMAP_SEED: '1' });
	map = await createMapHttp(srv.base, HOSTILE);
	const f = await rawClient(`ws://127.0.0.1:${srv.port}/collab`, map.id, map.facilitatorKey);
	f.sendUpdate(capture(f.doc, () => void addComponent(f.doc, { name: HOSTILE, notes: '<img src=x onerror=alert(3)>' })));
	await until(() => true);
	for (let i = 0; i < 100 && !(await (await fetch(`${srv.base}/api/maps/${map.id}?key=${map.viewKey}`)).text()).includes('onerror'); i++) await new Promise((r) => setTimeout(r, 20));
	f.close();
	const pub = await fetch(`${srv.base}/api/maps/${map.id}/publication`, { method: 'PUT', headers: { authorization: `Bearer ${map.facilitatorKey}`, 'content-type': 'application/json' }, body: '{"visibility":"published"}' });
	expect(pub.status).toBe(200);
}, 30_000);
afterAll(async () => {
	srv?.child.kill('SIGTERM');
	await new Promise((r) => srv?.child.once('exit', r));
});

/** Event-handler attributes in the markup's tags (quoted attribute values, which may hold any text, set aside). */
function handlers(markup: string): string[] {
	return [...markup.matchAll(/<[a-zA-Z][^<>]*>/g)].map((m) => m[0].replace(/"[^"]*"|'[^']*'/g, '""')).filter((tag) => /\son[a-z]+\s*=/i.test(tag));
}

async function get(path: string) {
	const res = await fetch(`${srv.base}${path}`, { redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A CSP header as directive → sources. */
function policy(header: string | null): Map<string, string[]> {
	expect(header, 'content-security-policy').toBeTruthy();
	return new Map(
		header!
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...sources]) => [name, sources])
	);
}

describe('pages', () => {
	it.each(['/', '/catalogue', '/catalogue/types', '/maps/{id}?key={view}', '/maps/{id}/publish?key={fac}', '/no-such-page', '/maps/{id}?key=wrongwrongwrongwrong'])('%s: nonce CSP, no framing, own browsing context', async (template) => {
		const r = await get(template.replace('{id}', map.id).replace('{view}', map.viewKey).replace('{fac}', map.facilitatorKey));
		expect(r.headers.get('content-type')).toMatch(/^text\/html/);
		const csp = policy(r.headers.get('content-security-policy'));
		const scripts = csp.get('script-src')!;
		expect(scripts).toContain("'self'");
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts).not.toContain("'unsafe-eval'");
		const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
		expect(nonce, 'a per-response nonce').toBeTruthy();
		// Every script in the page is SvelteKit's, with that nonce; no inline event handlers.
		const tags = [...r.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
		for (const tag of tags) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
		expect(handlers(r.text)).toEqual([]);
		expect(r.text).not.toMatch(/href="javascript:/i);
		expect(csp.get('default-src')).toEqual(["'self'"]);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('base-uri')).toEqual(["'self'"]);
		expect(csp.get('form-action')).toEqual(["'self'"]);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]); // Svelte and D3 set style attributes
		expect(r.headers.get('x-frame-options')).toBe('DENY');
		expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(r.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('referrer-policy')).toBe('same-origin');
	});

	it('uses a fresh nonce for every response', async () => {
		const nonces = new Set<string>();
		for (let i = 0; i < 5; i++) nonces.add(/'nonce-([^']+)'/.exec((await get('/')).headers.get('content-security-policy')!)![1]);
		expect(nonces.size).toBe(5);
	});

	it('escapes a hostile map name in the page', async () => {
		const r = await get(`/maps/${map.id}?key=${map.viewKey}`);
		expect(r.text).not.toContain('<script>alert(1)</script>');
		expect(r.text).toContain('&lt;script>alert(1)&lt;/script>');
	});
});

describe('API answers', () => {
	it.each([
		['/api/catalogue', 200],
		['/api/catalogue.csv', 200],
		['/api/maps/{id}?key={view}', 200],
		['/api/maps/{id}', 200],
		['/api/maps/ZZZZZZZZZZZZ', 404],
		['/api/maps/{id}?key=wrongwrongwrongwrongwrong', 200],
		['/api/maps/{id}/history', 403],
		['/api/nothing-here', 404]
	])('%s (%i) may load and frame nothing', async (template, status) => {
		const r = await get(template.replace('{id}', map.id).replace('{view}', map.viewKey));
		expect(r.status).toBe(status);
		expect(r.headers.get('content-type')).not.toMatch(/html/);
		expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('answers a created map the same way', async () => {
		const res = await fetch(`${srv.base}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"h"}' });
		expect(res.status).toBe(201);
		expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
	});
});

describe('map files', () => {
	const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

	it.each(['/maps/{id}.svg?key={view}', '/maps/{id}.svg', '/maps/{id}.svg?theme=projector&download', '/catalogue/maps/{id}/map.svg'])('%s runs nothing and may be embedded anywhere', async (template) => {
		const r = await get(template.replace('{id}', map.id).replace('{view}', map.viewKey));
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
		expect(r.headers.get('content-security-policy')).toBe(SVG_CSP);
		expect(policy(r.headers.get('content-security-policy')).has('frame-ancestors')).toBe(false);
		for (const h of ['x-frame-options', 'cross-origin-resource-policy', 'cross-origin-opener-policy', 'cross-origin-embedder-policy']) expect(r.headers.get(h), h).toBeNull();
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		// The hostile name is text, not markup.
		expect(r.text).not.toMatch(/<script/i);
		expect(handlers(r.text)).toEqual([]);
		expect(r.text).not.toMatch(/(?:href|src)=["'](?!#)/i);
		expect(r.text).toContain('&lt;script&gt;');
	});

	it.each(['png', 'owm', 'mmd', 'json', 'csv'])('.%s may be embedded anywhere', async (format) => {
		const r = await get(`/maps/${map.id}.${format}?key=${map.viewKey}`);
		expect(r.status).toBe(200);
		expect(r.headers.get('x-frame-options')).toBeNull();
		expect(r.headers.get('cross-origin-resource-policy')).toBeNull();
		expect(r.headers.get('content-security-policy') ?? '').not.toContain('frame-ancestors');
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

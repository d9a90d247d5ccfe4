// Operations on the built server as a child process: /healthz and /readyz, Prometheus metrics that
// move with real websocket edits and refusals, a metrics token, JSON request logs that carry an id
// and never a link key, and a graceful shutdown that sends clients "going away" and keeps their edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';

/** The value of a sample line `name{labels} value` in Prometheus text, summed over its labels. */
function sample(text: string, name: string): number {
	let sum = 0;
	let found = false;
	for (const line of text.split('\n')) {
		if (line.startsWith('#')) continue;
		const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
		if (m && m[1] === name) {
			sum += Number(m[3]);
			found = true;
		}
	}
	if (!found) throw new Error(`no sample ${name}`);
	return sum;
}

describe('operations endpoints', () => {
	let srv: ServerProcess;
	beforeAll(async () => {
		srv = await spawnServer(tempDataDir());
	}, 30_000);
	afterAll(() => srv?.child.kill('SIGKILL'));

	it('says it is up and ready', async () => {
		const health = await fetch(`${srv.base}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		const ready = await fetch(`${srv.base}/readyz`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toMatchObject({ status: 'ready', checks: { store: true, shutdown: true } });
		expect((await fetch(`${srv.base}/healthz`, { method: 'POST' })).status).toBe(405);
	});

	it('counts connections, rooms, edits, refusals and store time', async () => {
		const metrics = async () => (await fetch(`${srv.base}/metrics`)).text();
		const before = await metrics();
		expect(before).toContain('# TYPE stackmap_edits_total counter');
		expect(sample(before, 'stackmap_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
		const map = await createMapHttp(srv.base, 'Metrics');
		const url = `ws://127.0.0.1:${srv.port}/collab`;
		const editor = await connectClient(url, map.id, map.editKey);
		const viewer = await connectClient(url, map.id, map.viewKey);
		for (let i = 0; i < 5; i++) addComponent(editor.doc, { name: `m${i}` });
		await until(() => readSnapshot(viewer.doc).components.length === 5, 5000, 'the viewer sees the edits');
		// A viewer's edit is refused.
		addComponent(viewer.doc, { name: 'not allowed' });
		await new Promise((r) => setTimeout(r, 300));
		const after = await metrics();
		expect(sample(after, 'stackmap_connections')).toBe(2);
		expect(sample(after, 'stackmap_rooms')).toBe(1);
		expect(sample(after, 'stackmap_edits_total') - sample(before, 'stackmap_edits_total')).toBeGreaterThanOrEqual(5);
		expect(sample(after, 'stackmap_refusals_total')).toBeGreaterThanOrEqual(1);
		expect(sample(after, 'stackmap_store_seconds_count')).toBeGreaterThanOrEqual(5);
		expect(sample(after, 'stackmap_outbound_queue_bytes')).toBeGreaterThanOrEqual(0);
		editor.destroy();
		viewer.destroy();
	});

	it('logs each request as a JSON line with its id and without the query', async () => {
		const map = await createMapHttp(srv.base, 'Logged');
		const res = await fetch(`${srv.base}/api/maps/${map.id}?key=${map.viewKey}`);
		const id = res.headers.get('x-request-id');
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		await until(() => srv.output().includes(id!), 3000, 'the request is logged');
		const line = srv
			.output()
			.split('\n')
			.find((l) => l.includes(id!))!;
		expect(JSON.parse(line)).toMatchObject({ level: 'info', event: 'request', request: id, method: 'GET', path: `/api/maps/${map.id}`, status: 200 });
		for (const key of [map.viewKey, map.editKey, map.facilitatorKey]) expect(srv.output()).not.toContain(key);
	});
});

describe('metrics token', () => {
	it('asks for the token when one is set', async () => {
		const srv = await spawnServer(tempDataDir(), { STACKMAP_METRICS_TOKEN: 'scrape-me-please' });
		try {
			expect((await fetch(`${srv.base}/metrics`)).status).toBe(401);
			expect((await fetch(`${srv.base}/metrics`, { headers: { authorization: 'Bearer wrong-token-here' } })).status).toBe(401);
			const ok = await fetch(`${srv.base}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } });
			expect(ok.status).toBe(200);
			expect(ok.headers.get('content-type')).toContain('text/plain');
			expect((await fetch(`${srv.base}/healthz`)).status).toBe(200);
		} finally {
			srv.child.kill('SIGKILL');
		}
	}, 30_000);
});

describe('graceful shutdown', () => {
	it('tells clients it is going away and keeps their last edit', async () => {
		const dir = tempDataDir();
		const srv = await spawnServer(dir);
		const map = await createMapHttp(srv.base, 'Shutdown');
		const url = `ws://127.0.0.1:${srv.port}/collab`;
		const client = await connectClient(url, map.id, map.editKey);
		const raw = new WebSocket(`${url}/${map.id}?key=${map.viewKey}`);
		await new Promise((r) => raw.once('open', r));
		const closed = new Promise<number>((r) => raw.once('close', (code) => r(code)));
		const viewer = await connectClient(url, map.id, map.viewKey);
		addComponent(client.doc, { name: 'Last words' });
		// Sent to others means stored: once the viewer has it, stop the server.
		await until(() => readSnapshot(viewer.doc).components.length === 1, 5000, 'the viewer sees the edit');
		const exited = new Promise<number | null>((r) => srv.child.once('exit', (code) => r(code)));
		srv.child.kill('SIGTERM');
		expect(await closed).toBe(1001);
		expect(await exited).toBe(0);
		client.destroy();
		viewer.destroy();
		expect(srv.output()).toMatch(/"event":"shutdown"/);

		const again = await spawnServer(dir);
		try {
			const reader = await connectClient(`ws://127.0.0.1:${again.port}/collab`, map.id, map.viewKey);
			expect(readSnapshot(reader.doc).components.map((c) => c.name)).toEqual(['Last words']);
			reader.destroy();
		} finally {
			again.child.kill('SIGKILL');
		}
	}, 40_000);
});

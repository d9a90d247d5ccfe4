// The workshop HTTP API on the built production server (child process): link rotation closes old
// sockets, snapshots save/list/view/restore, history, and every route's role check.
// Needs `npm run build` first (run under `flock -s /tmp/stackmap-build.lock`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';
import { createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';
import { rawClient, capture } from '../helpers/raw.js';

let server: ServerProcess;
beforeAll(async () => {
	server = await spawnServer(tempDataDir());
});
afterAll(async () => {
	server.child.kill('SIGTERM');
	await new Promise((r) => server.child.once('exit', r));
});

async function call(method: string, path: string, key: string | null, body?: unknown) {
	const res = await fetch(`${server.base}${path}`, {
		method,
		headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : null };
}

const wsUrl = () => `ws://127.0.0.1:${server.port}/collab`;

describe('workshop HTTP API', () => {
	it('checks roles on every route', async () => {
		const m = await createMapHttp(server.base);
		const id = m.id;
		expect((await call('POST', `/api/maps/${id}/links/edit`, m.editKey)).status).toBe(403);
		expect((await call('POST', `/api/maps/${id}/links/view`, m.viewKey)).status).toBe(403);
		expect((await call('POST', `/api/maps/${id}/links/owner`, m.facilitatorKey)).status).toBe(400);
		expect((await call('POST', `/api/maps/${id}/snapshots`, m.editKey, { name: 'x' })).status).toBe(403);
		expect((await call('GET', `/api/maps/${id}/snapshots`, m.viewKey)).status).toBe(403);
		expect((await call('GET', `/api/maps/${id}/snapshots`, m.editKey)).status).toBe(200);
		expect((await call('GET', `/api/maps/${id}/history`, m.viewKey)).status).toBe(403);
		expect((await call('GET', `/api/maps/${id}/history`, null)).status).toBe(403);
		expect((await call('POST', `/api/maps/${id}/snapshots/abc/restore`, m.editKey)).status).toBe(403);
		expect((await call('POST', `/api/maps/${id}/snapshots/abc/restore`, m.facilitatorKey)).status).toBe(404);
		expect((await call('POST', `/api/maps/${id}/snapshots`, m.facilitatorKey, { name: '' })).status).toBe(400);
		expect((await call('GET', `/api/debug/stats`, null)).status).toBe(404);
	});

	it('rotates a link: new key works, old key and its sockets do not', async () => {
		const m = await createMapHttp(server.base);
		const old = await rawClient(wsUrl(), m.id, m.editKey, 'Old');
		const viewer = await rawClient(wsUrl(), m.id, m.viewKey, 'Viewer');
		const rotated = await call('POST', `/api/maps/${m.id}/links/participant`, m.facilitatorKey);
		expect(rotated.status).toBe(200);
		expect(rotated.body.role).toBe('participant');
		expect(rotated.body.url).toBe(`${server.base}/maps/${m.id}?key=${rotated.body.key}`);
		expect(await old.closed).toEqual({ code: 4403, reason: 'This link is no longer valid.' });
		expect((await call('GET', `/api/maps/${m.id}`, m.editKey)).status).toBe(403);
		expect((await call('GET', `/api/maps/${m.id}`, rotated.body.key)).status).toBe(200);
		await expect(rawClient(wsUrl(), m.id, m.editKey)).rejects.toThrow('HTTP 403');
		expect(viewer.ws.readyState).toBe(WebSocket.OPEN);
		viewer.close();
	});

	it('saves, lists, views and restores snapshots, and reads the history', async () => {
		const m = await createMapHttp(server.base, 'Snapshots over HTTP');
		const f = await rawClient(wsUrl(), m.id, m.facilitatorKey, 'Fay');
		f.sendUpdate(capture(f.doc, () => void addComponent(f.doc, { name: 'Start' })));
		await until(() => readSnapshot(f.doc).components.length === 1, 3000, 'echo');
		const saved = await call('POST', `/api/maps/${m.id}/snapshots`, m.facilitatorKey, { name: ' start ', by: 'Fay' });
		expect(saved.status).toBe(201);
		expect(saved.body).toMatchObject({ name: 'start', createdBy: 'Fay', components: 1 });
		f.sendUpdate(capture(f.doc, () => void addComponent(f.doc, { name: 'Later' })));
		await until(() => readSnapshot(f.doc).components.length === 2, 3000, 'echo');
		const list = await call('GET', `/api/maps/${m.id}/snapshots`, m.editKey);
		expect(list.body.map((s: { name: string }) => s.name)).toEqual(['start']);
		const view = await call('GET', `/api/maps/${m.id}/snapshots/${saved.body.id}`, m.editKey);
		expect(view.body.components.map((c: { name: string }) => c.name)).toEqual(['Start']);
		const restored = await call('POST', `/api/maps/${m.id}/snapshots/${saved.body.id}/restore`, m.facilitatorKey, { by: 'Fay' });
		expect(restored.body).toMatchObject({ deleted: 1, added: 0 });
		await until(() => readSnapshot(f.doc).components.length === 1, 3000, 'restore reaches the socket');
		expect((await call('GET', `/api/maps/${m.id}/snapshots`, m.facilitatorKey)).body.map((s: { name: string }) => s.name)).toEqual(['Before restoring “start”', 'start']);
		const history = await call('GET', `/api/maps/${m.id}/history?limit=10`, m.editKey);
		expect(history.status).toBe(200);
		expect(history.body.some((e: { name: string; label: string; kinds: string[] }) => e.name === 'Fay' && e.label === 'Later' && e.kinds.includes('delete'))).toBe(true);
		expect((await call('GET', `/api/maps/${m.id}/history?since=-1`, m.editKey)).status).toBe(400);
		expect((await call('DELETE', `/api/maps/${m.id}/snapshots/${saved.body.id}`, m.facilitatorKey)).status).toBe(204);
		f.close();
	});

	// The refusal is thrown by the server's own class and tested in SvelteKit's bundle (server/api.ts).
	it('answers 409 with the reason once a map keeps the most snapshots', async () => {
		const m = await createMapHttp(server.base);
		for (let i = 0; i < 200; i++) expect((await call('POST', `/api/maps/${m.id}/snapshots`, m.facilitatorKey, { name: `step ${i}` })).status).toBe(201);
		expect(await call('POST', `/api/maps/${m.id}/snapshots`, m.facilitatorKey, { name: 'one more' })).toEqual({
			status: 409,
			body: { error: 'A map keeps at most 200 snapshots: delete some first.' }
		});
	});
});

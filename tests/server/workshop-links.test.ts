// The facilitator's links on any device, on the built production server (child process): only the
// facilitator link reads the current edit and view links, they follow every rotation, and the
// answer counts who is connected with each link. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMapHttp, spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { rawClient } from '../helpers/raw.js';

let server: ServerProcess;
beforeAll(async () => {
	server = await spawnServer(tempDataDir());
});
afterAll(async () => {
	server.child.kill('SIGTERM');
	await new Promise((r) => server.child.once('exit', r));
});

interface Links {
	participant: { key: string; url: string } | null;
	viewer: { key: string; url: string } | null;
	connected: { facilitator: number; participant: number; viewer: number };
}

async function call(method: string, path: string, key: string | null) {
	const res = await fetch(`${server.base}${path}`, { method, headers: key ? { authorization: `Bearer ${key}` } : {} });
	return { status: res.status, body: (await res.json()) as Links & { key: string; error?: string } };
}

const wsUrl = () => `ws://127.0.0.1:${server.port}/collab`;

describe('GET /api/maps/<id>/links', () => {
	it('gives the facilitator link holder the current edit and view links, and no one else', async () => {
		const m = await createMapHttp(server.base, 'Links');
		const got = await call('GET', `/api/maps/${m.id}/links`, m.facilitatorKey);
		expect(got.status).toBe(200);
		expect(got.body.participant).toEqual({ key: m.editKey, url: `${server.base}/maps/${m.id}?key=${m.editKey}` });
		expect(got.body.viewer?.key).toBe(m.viewKey);
		for (const key of [m.editKey, m.viewKey, null, 'x'.repeat(32)]) {
			const refused = await call('GET', `/api/maps/${m.id}/links`, key);
			expect(refused.status, String(key)).toBe(403);
			expect(JSON.stringify(refused.body)).not.toContain(m.editKey);
		}
		expect((await call('GET', `/api/maps/nosuchmap123/links`, m.facilitatorKey)).status).toBe(404);
	});

	it('refuses the public even on a published map', async () => {
		const m = await createMapHttp(server.base, 'Published');
		const pub = await fetch(`${server.base}/api/maps/${m.id}/publication`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${m.facilitatorKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ visibility: 'unlisted' })
		});
		expect(pub.status).toBeLessThan(300);
		expect((await call('GET', `/api/maps/${m.id}/links`, null)).status).toBe(403);
	});

	it('follows rotations of each link, the facilitator link included', async () => {
		const m = await createMapHttp(server.base, 'Rotations');
		const edit = await call('POST', `/api/maps/${m.id}/links/edit`, m.facilitatorKey);
		let got = await call('GET', `/api/maps/${m.id}/links`, m.facilitatorKey);
		expect(got.body.participant?.key).toBe(edit.body.key);
		expect(got.body.viewer?.key).toBe(m.viewKey);
		const fac = await call('POST', `/api/maps/${m.id}/links/facilitator`, m.facilitatorKey);
		expect((await call('GET', `/api/maps/${m.id}/links`, m.facilitatorKey)).status).toBe(403);
		got = await call('GET', `/api/maps/${m.id}/links`, fac.body.key);
		expect(got.body.participant?.key).toBe(edit.body.key);
		const view = await call('POST', `/api/maps/${m.id}/links/view`, fac.body.key);
		got = await call('GET', `/api/maps/${m.id}/links`, fac.body.key);
		expect(got.body.viewer?.key).toBe(view.body.key);
		expect((await call('GET', `/api/maps/${m.id}`, got.body.viewer!.key)).status).toBe(200);
	});

	it('counts the sockets connected with each link', async () => {
		const m = await createMapHttp(server.base, 'Counted');
		const a = await rawClient(wsUrl(), m.id, m.editKey, 'A');
		const b = await rawClient(wsUrl(), m.id, m.editKey, 'B');
		const v = await rawClient(wsUrl(), m.id, m.viewKey, 'V');
		expect((await call('GET', `/api/maps/${m.id}/links`, m.facilitatorKey)).body.connected).toEqual({ facilitator: 0, participant: 2, viewer: 1 });
		b.close();
		const deadline = Date.now() + 3000;
		let counted = 2;
		while (counted !== 1 && Date.now() < deadline) counted = (await call('GET', `/api/maps/${m.id}/links`, m.facilitatorKey)).body.connected.participant;
		expect(counted).toBe(1);
		a.close();
		v.close();
	});
});

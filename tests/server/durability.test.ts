// The built production server as a child process: its HTTP API, and no loss of any update a
// client has seen when the process is killed with SIGKILL.
import { afterEach, describe, expect, it } from 'vitest';
import { readSnapshot, addComponent, moveComponent } from '../../src/lib/map/index.js';
import { connectClient, createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function spawn(dataDir: string): Promise<ServerProcess> {
	const p = await spawnServer(dataDir);
	cleanup.push(() => p.child.exitCode === null && p.child.kill('SIGKILL'));
	return p;
}

describe('HTTP API', () => {
	it('creates a map and serves it as JSON with the right statuses', async () => {
		const srv = await spawn(tempDataDir());
		const created = await createMapHttp(srv.base, 'Council stack');
		expect(created.id).toMatch(/^[A-Za-z0-9]{12}$/);
		expect(created.editUrl).toContain(`/maps/${created.id}?key=`);
		expect(new Set([created.editKey, created.viewKey, created.facilitatorKey]).size).toBe(3);

		const ok = await fetch(`${srv.base}/api/maps/${created.id}?key=${created.viewKey}`);
		expect(ok.status).toBe(200);
		const map = await ok.json();
		expect(map).toMatchObject({ title: 'Council stack', schemaVersion: 1, components: [], links: [] });

		const bearer = await fetch(`${srv.base}/api/maps/${created.id}`, { headers: { authorization: `Bearer ${created.editKey}` } });
		expect(bearer.status).toBe(200);

		const cases: [string, number][] = [
			[`/api/maps/${created.id}`, 403],
			[`/api/maps/${created.id}?key=wrong-key-wrong-key-wrong`, 403],
			['/api/maps/AAAAAAAAAAAA?key=x', 404],
			['/api/maps/..%2f..%2fetc', 400],
			["/api/maps/a'or'1'='1", 400]
		];
		for (const [path, status] of cases) {
			const res = await fetch(srv.base + path);
			expect(res.status, path).toBe(status);
			expect(res.headers.get('content-type'), path).toContain('application/json');
			expect(typeof (await res.json()).error, path).toBe('string');
		}

		const bad = await fetch(`${srv.base}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/JSON/);
	});
});

describe('durability', () => {
	it('keeps every update a client received through SIGKILL and restart', async () => {
		const dataDir = tempDataDir();
		const first = await spawn(dataDir);
		const created = await createMapHttp(first.base, 'Kill me');
		const url = `ws://127.0.0.1:${first.port}/collab`;
		const writer = await connectClient(url, created.id, created.editKey);
		const watcher = await connectClient(url, created.id, created.viewKey);
		const N = 1200;
		const id = addComponent(writer.doc, { name: 'Moving' });
		for (let i = 0; i < N; i++) moveComponent(writer.doc, id, { evolution: i / N, visibility: 0.5 });
		for (let i = 0; i < 50; i++) addComponent(writer.doc, { name: `Added ${i}` });
		// Everything the watcher has received was stored before it was broadcast.
		await until(() => readSnapshot(watcher.doc).components.length === 51, 15_000, 'watcher has all updates');
		const seen = readSnapshot(watcher.doc);
		expect(seen.components.find((c) => c.id === id)!.evolution).toBe((N - 1) / N);
		first.child.kill('SIGKILL');
		await new Promise((r) => first.child.once('exit', r));
		writer.destroy();
		watcher.destroy();

		const second = await spawn(dataDir);
		const res = await fetch(`${second.base}/api/maps/${created.id}?key=${created.viewKey}`);
		const after = await res.json();
		expect(after.components).toHaveLength(51);
		expect(after.components.find((c: { id: string }) => c.id === id).evolution).toBe((N - 1) / N);
		const reader = await connectClient(`ws://127.0.0.1:${second.port}/collab`, created.id, created.viewKey);
		cleanup.push(() => reader.destroy());
		expect(readSnapshot(reader.doc).components.map((c) => c.name)).toEqual(seen.components.map((c) => c.name));
	});

	it('shuts down gracefully on SIGTERM with nothing lost', async () => {
		const dataDir = tempDataDir();
		const first = await spawn(dataDir);
		const created = await createMapHttp(first.base);
		const writer = await connectClient(`ws://127.0.0.1:${first.port}/collab`, created.id, created.editKey);
		for (let i = 0; i < 30; i++) addComponent(writer.doc, { name: `C${i}` });
		await new Promise((r) => setTimeout(r, 300));
		first.child.kill('SIGTERM');
		const code = await new Promise((r) => first.child.once('exit', r));
		expect(code).toBe(0);
		writer.destroy();
		const second = await spawn(dataDir);
		const after = await (await fetch(`${second.base}/api/maps/${created.id}?key=${created.viewKey}`)).json();
		expect(after.components).toHaveLength(30);
	});
});

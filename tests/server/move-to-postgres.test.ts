// Moving a SQLite deployment to PostgreSQL: a data folder with maps, an organisation, a published
// map, a named snapshot and edits still in the journal is moved with `stackmap move-to-postgres`;
// a server on the database alone (a new, empty data folder) then serves all of it with the same
// links, and finds the published map in the catalogue. A second move, and a server started on an
// empty database beside a data folder that still holds maps, are refused, saying why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { addComponent, readSnapshot } from '../../src/lib/map/index.js';
import { main } from '../../cli/stackmap.js';
import { connectClient, createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../helpers/collab.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { sink } from '../helpers/sink.js';

let cluster: TestPostgres;
const dataDir = tempDataDir();
let map: Awaited<ReturnType<typeof createMapHttp>>;
let org: { slug: string; adminKey: string };

beforeAll(async () => {
	cluster = await startPostgres();
	// The SQLite deployment, as it ran before the move.
	const srv = await spawnServer(dataDir, { DATABASE_URL: '' });
	try {
		const json = (path: string, method: string, body: unknown, key?: string) =>
			fetch(`${srv.base}${path}`, {
				method,
				headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
				body: JSON.stringify(body)
			});
		const created = await json('/api/organisations', 'POST', { name: 'Movingshire Council', type: 'district', region: 'North West' });
		expect(created.status).toBe(201);
		org = (await created.json()) as typeof org;
		map = await createMapHttp(srv.base, 'Movingshire stack');
		const client = await connectClient(`ws://127.0.0.1:${srv.port}/collab`, map.id, map.editKey);
		for (const name of ['Revenues', 'Housing', 'Planning']) addComponent(client.doc, { name: `Moving ${name}`, componentType: 'crm', evolution: 0.5, visibility: 0.5 });
		await until(async () => (await (await fetch(`${srv.base}/api/maps/${map.id}?key=${map.editKey}`)).text()).includes('Moving Planning'), 10_000, 'edits stored');
		client.destroy();
		const published = await json(`/api/maps/${map.id}/publication`, 'PUT', { visibility: 'published', organisation: org.slug, organisationKey: org.adminKey }, map.facilitatorKey);
		expect(published.status).toBe(200);
		const saved = await json(`/api/maps/${map.id}/snapshots`, 'POST', { name: 'Agreed', by: 'Ada' }, map.facilitatorKey);
		expect(saved.status).toBe(201);
	} finally {
		// Killed, not stopped: edits may still be only in the edit journal, which the move must replay.
		srv.child.kill('SIGKILL');
		await new Promise((r) => srv.child.once('exit', r));
	}
}, 90_000);

afterAll(async () => {
	await cluster?.close();
});

async function move(url: string): Promise<{ code: number; err: string }> {
	const err = sink();
	const saved = process.env.DATABASE_URL;
	process.env.DATABASE_URL = url;
	try {
		const code = await main(['move-to-postgres', '--data', dataDir], { stdin: process.stdin, stdout: sink(), stderr: err });
		return { code, err: err.text() };
	} finally {
		if (saved === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = saved;
	}
}

describe('stackmap move-to-postgres', () => {
	let url: string;
	let srv: ServerProcess;

	beforeAll(async () => {
		url = await cluster.createDatabase();
	});

	afterAll(() => srv?.child.kill('SIGKILL'));

	it('refuses to start a server on an empty database beside a data folder that holds maps', async () => {
		await expect(spawnServer(dataDir, { DATABASE_URL: url })).rejects.toThrow(/stackmap move-to-postgres/);
	});

	it('copies the data folder into the database', async () => {
		const r = await move(url);
		expect(r.err).toMatch(/^Moved 1 maps \(1 documents\)/);
		expect(r.code).toBe(0);
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			const { rows } = await client.query<{ slug: string }>('SELECT slug FROM organisations WHERE slug = $1', [org.slug]);
			expect(rows).toHaveLength(1);
		} finally {
			await client.end();
		}
	});

	it('serves everything from the database alone, with the same links', async () => {
		srv = await spawnServer(tempDataDir(), { DATABASE_URL: url });
		const answer = await fetch(`${srv.base}/api/maps/${map.id}?key=${map.viewKey}`);
		expect(answer.status).toBe(200);
		const client = await connectClient(`ws://127.0.0.1:${srv.port}/collab`, map.id, map.editKey);
		try {
			expect(readSnapshot(client.doc).components.map((c) => c.name).sort()).toEqual(['Moving Housing', 'Moving Planning', 'Moving Revenues']);
		} finally {
			client.destroy();
		}
		const snapshots = await fetch(`${srv.base}/api/maps/${map.id}/snapshots`, { headers: { authorization: `Bearer ${map.facilitatorKey}` } });
		expect(await snapshots.text()).toContain('Agreed');
		const orgPage = await fetch(`${srv.base}/api/organisations/${org.slug}`);
		expect(orgPage.status).toBe(200);
		// The search index is rebuilt from the published map on start.
		let total = 0;
		await until(async () => {
			total = ((await (await fetch(`${srv.base}/api/catalogue?q=movingshire`)).json()) as { total: number }).total;
			return total === 1;
		}, 10_000, 'the moved map in the catalogue');
		expect(total).toBe(1);
	});

	it('refuses a second move into a database that holds maps', async () => {
		const r = await move(url);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/holds 1 maps already/);
	});
});

// With documents in PostgreSQL the catalogue (in SQLite) still follows published maps: edits reach
// the index, and after a restart it catches up with a document that moved on while it did not see.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { addComponent } from '../../src/lib/map/index.js';
import { parseSearchQuery } from '../../src/lib/catalogue/index.js';
import { createStackmap, type StackmapApp } from '../../server/app.js';
import { tempDataDir, until } from '../helpers/collab.js';
import { canaryMap, storeMap } from '../fixtures/catalogue.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';

let cluster: TestPostgres;
beforeAll(async () => {
	cluster = await startPostgres();
});
afterAll(() => cluster?.close());

const open: StackmapApp[] = [];
afterEach(async () => {
	for (const app of open.splice(0)) await app.close();
});

const q = (text: string) => parseSearchQuery(new URLSearchParams(text));

describe('the catalogue with documents in PostgreSQL', () => {
	it('indexes edits to a published map and catches up after a restart with one it missed', async () => {
		const dataDir = tempDataDir();
		const config = { dataDir, dbFile: join(dataDir, 'stackmap.db'), graceMs: 50, databaseUrl: await cluster.createDatabase() };
		const a = await createStackmap(config);
		await a.store.open?.();
		const m = await storeMap(a, canaryMap('Pgcanary'));
		await a.catalogue.publish(m.id, { visibility: 'published' });
		expect((await a.catalogue.search(q('q=pgcanary'))).total).toBe(1);

		const room = await a.rooms.open(m.id);
		addComponent(room.doc, { name: 'Wombatledger', componentType: 'finance' });
		await until(async () => (await a.catalogue.search(q('q=wombatledger'))).total === 1, 5000, 'the edit to be indexed');

		// An edit stored while the index did not see it (a crash between store and re-index).
		a.catalogue.docChanged = async () => undefined;
		addComponent(room.doc, { name: 'Quokkadesk', componentType: 'itsm' });
		await room.whenStored();
		a.rooms.released(room);
		await a.close();

		const b = await createStackmap(config);
		open.push(b);
		expect((await b.catalogue.search(q('q=pgcanary'))).total).toBe(1);
		await until(async () => (await b.catalogue.search(q('q=quokkadesk'))).total === 1, 5000, 'reconcile');
	});
});

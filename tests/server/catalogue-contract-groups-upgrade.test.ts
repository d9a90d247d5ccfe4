// A database made before contract groups: its map_meta has no level columns and its index holds
// every published map's contracts. Opening it adds the columns as private and rebuilds the index,
// so no contract field stays public, searchable or on the radar until the publisher chooses.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { NO_REDACTION, parseSearchQuery, radarWindow } from '../../src/lib/catalogue/index.js';
import { createStackmap, type StackmapApp } from '../../server/app.js';
import { contractMarkedMap } from '../fixtures/contract-markers.js';
import { storeMap } from '../fixtures/catalogue.js';
import { tempDataDir } from '../helpers/collab.js';

const TODAY = '2026-12-07';
const WINDOW = radarWindow(TODAY, '2027-01-01', '2029-12-31');
const open: StackmapApp[] = [];
afterEach(async () => {
	for (const a of open.splice(0)) await a.close();
});

it('opens with every contract group private and the radar, search and public map without them', async () => {
	const dataDir = tempDataDir();
	const config = { dataDir, dbFile: join(dataDir, 'stackmap.db'), graceMs: 50 };
	const a = await createStackmap(config);
	const { snapshot, markers } = contractMarkedMap('up', 0);
	const m = await storeMap(a, snapshot);
	// Before groups, a map withholding nothing published its contracts whole.
	await a.catalogue.publish(m.id, { visibility: 'published', redaction: NO_REDACTION });
	expect((await a.catalogue.radar({}, WINDOW, TODAY)).hits.map((h) => h.mapId)).toContain(m.id);
	await a.close();

	const db = new Database(config.dbFile);
	for (const column of ['contract_dates', 'contract_costs', 'contract_references']) db.exec(`ALTER TABLE map_meta DROP COLUMN ${column}`);
	db.prepare(`UPDATE catalogue_meta SET value = '4' WHERE key = 'index_version'`).run();
	db.close();

	const b = await createStackmap(config);
	open.push(b);
	await b.catalogue.settled();
	expect((await b.catalogue.publication(m.id))?.redaction.contracts).toEqual({ dates: 'private', costs: 'private', references: 'private' });
	expect((await b.catalogue.search(parseSearchQuery(new URLSearchParams('q=up')))).results.map((r) => r.id)).toContain(m.id);
	expect((await b.catalogue.radar({}, WINDOW, TODAY)).hits.map((h) => h.mapId)).not.toContain(m.id);
	expect(await b.catalogue.contractHolders()).toEqual([]);
	const text = JSON.stringify(await b.catalogue.publicSnapshot(m.id)).toLowerCase();
	expect([...markers.dates, ...markers.costs, ...markers.references].filter((x) => text.includes(x.toLowerCase()))).toEqual([]);
	expect((await b.catalogue.search(parseSearchQuery(new URLSearchParams(`q=${markers.references[0]}`)))).total).toBe(0);
});

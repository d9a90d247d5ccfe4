// Renewal-radar and concentration figures over a generated catalogue index of 10,000 published
// maps, each with about 3 contracts on its components (section `radar`): the queries the radar
// page, its CSV and calendar, and the type and supplier pages run, in process.
import { it } from 'vitest';
import Database from 'better-sqlite3';
import { makeComponent, radarWindow, slugify, VOCABULARY, buildSnapshot } from '../src/lib/catalogue/index.js';
import { addMonths, blankContract } from '../src/lib/map/contracts.js';
import type { ComponentId, Contract } from '../src/lib/map/index.js';
import { CatalogueIndex } from '../server/catalogue/index-store.js';
import { Organisations } from '../server/catalogue/organisations.js';
import { contractHolders, radar as indexRadar, typeConcentration } from '../server/catalogue/radar.js';
import { LiveRadarTable } from '../server/catalogue/radar-table.js';
import { createCatalogueSources, createCatalogueTables } from '../server/catalogue/schema.js';
import { SqliteSql } from '../server/db/sqlite-sql.js';
import type { RadarFilter } from '../src/lib/catalogue/radar.js';
import { generateOrgs, random } from './catalogue-data.js';
import { percentile, table, writeSection } from './report.js';

const MAPS = Number(process.env.RADAR_BENCH_MAPS || 10_000);
const COMPONENTS = 12;
const CONTRACTS = 3;
const TODAY = '2026-12-07';
const SUPPLIERS = ['Civica', 'Capita', 'Northgate', 'Idox', 'Microsoft', 'Oracle', 'Unit4', 'Access Group', 'Salesforce', 'Granicus', 'TechOne', 'Agilisys'];

async function build(): Promise<{ db: Database.Database; orgs: Organisations; index: CatalogueIndex; live: LiveRadarTable; contracts: number }> {
	const db = new Database(':memory:');
	// The store's maps table, as the catalogue's join reads it.
	db.exec(`CREATE TABLE maps (id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
		visibility TEXT NOT NULL DEFAULT 'private', facilitator_hash BLOB NOT NULL, participant_hash BLOB NOT NULL, viewer_hash BLOB NOT NULL)`);
	const sql = new SqliteSql(db);
	await createCatalogueSources(sql);
	await createCatalogueTables(sql);
	const orgs = new Organisations(sql);
	await orgs.load();
	const rnd = random(20261207);
	const orgIds: number[] = [];
	for (const o of generateOrgs(400, rnd)) orgIds.push((await orgs.create(o)).organisation.id);
	const live = new LiveRadarTable(sql);
	const index = new CatalogueIndex(sql, orgs, VOCABULARY, { onRowsChanged: (rids) => live.changed(rids) });
	const types = VOCABULARY.types;
	const insertMap = db.prepare(`INSERT INTO maps (id, title, created_at, updated_at, visibility, facilitator_hash, participant_hash, viewer_hash) VALUES (?, ?, 0, 0, 'published', x'00', x'00', x'00')`);
	let contracts = 0;
	for (let i = 0; i < MAPS; i++) {
		const id = `map${i}`;
		const components = Array.from({ length: COMPONENTS }, (_, k) => {
			const type = types[Math.floor(rnd() * 60) % types.length];
			const supplier = SUPPLIERS[Math.floor(rnd() * SUPPLIERS.length)];
			const list: Contract[] = [];
			// About 3 contracts per map, ending from 2026 to 2032.
			if (k < CONTRACTS) {
				const end = addMonths('2026-01-31', Math.floor(rnd() * 84));
				list.push({ ...blankContract(`k${k}`), reference: `REF-${i}-${k}`, start: '2020-01-01', end: rnd() < 0.05 ? '' : end, noticeMonths: rnd() < 0.2 ? null : [3, 6, 9, 12][Math.floor(rnd() * 4)] });
				contracts++;
			}
			return {
				...makeComponent({ id: `c${k}` as ComponentId, name: `${type.name} ${k}`, componentType: type.id, product: `${supplier} ${type.name}`, supplier, evolution: rnd() }, k + 1),
				...(list.length ? { contracts: list } : {})
			};
		});
		insertMap.run(id, `Map ${i}`);
		await index.put(id, buildSnapshot({ title: `Map ${i}` }, { components }), { orgId: orgIds[i % orgIds.length], description: '', updatedAt: 0, publishedAt: 0, seq: 0 });
	}
	return { db, orgs, index, live, contracts };
}

async function measure(runs: number, f: (i: number) => unknown): Promise<{ p50: string; p95: string; max: string }> {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await f(i);
		samples.push(performance.now() - t0);
	}
	samples.sort((a, b) => a - b);
	const fmt = (n: number) => n.toFixed(2);
	return { p50: fmt(percentile(samples, 50)), p95: fmt(percentile(samples, 95)), max: fmt(samples[samples.length - 1]) };
}

/** How long `f` takes, and the longest the event loop waited for a turn meanwhile (ms). */
async function withPauses(f: () => Promise<unknown>): Promise<{ total: number; pause: number }> {
	let pause = 0;
	let last = performance.now();
	let running = true;
	const tick = () => {
		const now = performance.now();
		pause = Math.max(pause, now - last);
		last = now;
		if (running) setImmediate(tick);
	};
	setImmediate(tick);
	const t0 = performance.now();
	await f();
	const total = performance.now() - t0;
	running = false;
	tick();
	return { total, pause };
}

it('measures the renewal radar and concentration', async () => {
	const t0 = performance.now();
	const { db, orgs, index, live, contracts } = await build();
	const buildSeconds = ((performance.now() - t0) / 1000).toFixed(1);
	const window = radarWindow(TODAY);
	const typeIds = VOCABULARY.types.slice(0, 60).map((t) => t.id);
	const radar = (filter: RadarFilter) => indexRadar(live, orgs, filter, window, TODAY);
	const loads: number[] = [];
	const pauses: number[] = [];
	for (let i = 0; i < 5; i++) {
		live.changed(null);
		const { total, pause } = await withPauses(() => live.current());
		loads.push(total);
		pauses.push(pause);
	}
	const rows: [string, ...string[]][] = [];
	const fmt = (n: number) => n.toFixed(2);
	const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
	rows.push(['the radar\'s table read from scratch', '5', fmt(percentile(sorted(loads), 50)), fmt(percentile(sorted(loads), 95)), fmt(Math.max(...loads))]);
	rows.push(['longest wait of the event loop during that read', '5', fmt(percentile(sorted(pauses), 50)), fmt(percentile(sorted(pauses), 95)), fmt(Math.max(...pauses))]);
	const add = async (name: string, runs: number, f: (i: number) => unknown) => {
		await f(0); // warm the statement cache
		const m = await measure(runs, f);
		rows.push([name, String(runs), m.p50, m.p95, m.max]);
	};
	await add('radar, one component type', 200, (i) => radar({ type: typeIds[i % typeIds.length] }));
	await add('radar, one supplier', 100, (i) => radar({ supplier: slugify(SUPPLIERS[i % SUPPLIERS.length]) }));
	await add('radar, one type and organisation type', 200, (i) => radar({ type: typeIds[i % typeIds.length], orgType: 'district' }));
	await add('radar, everything (no filter)', 30, () => radar({}));
	await add('concentration of one type', 200, (i) => typeConcentration(live, typeIds[i % typeIds.length]));
	await add('suppliers holding most contracts', 30, () => contractHolders(live, 10));
	const sample = await radar({ type: typeIds[0] });
	// The first query after any index change reloads the radar's table: re-index one map, then ask.
	const changed = (i: number) => index.put(`map${i}`, buildSnapshot({ title: `Map ${i}` }, { components: [] }), { orgId: null, description: '', updatedAt: 0, publishedAt: 0, seq: 1 });
	await add('radar, everything, just after a map changed', 10, (i) => {
		changed(i);
		return radar({});
	});
	await add('radar, one type, just after a map changed', 10, (i) => {
		changed(100 + i);
		return radar({ type: typeIds[i % typeIds.length] });
	});
	writeSection(
		'radar',
		'Renewal radar and concentration',
		`A generated catalogue index (in-memory SQLite) of ${MAPS.toLocaleString('en-GB')} published maps with ${COMPONENTS} components each and ` +
			`${contracts.toLocaleString('en-GB')} contracts (${CONTRACTS} per map, ending 2026–2032), built in ${buildSeconds} s. Window: 6 to 36 months ` +
			`from ${TODAY}. The first rows read the radar's whole table again (as on the first query after a start or a publication change), a page of maps at a time, and the longest the event loop then waited for a turn. Answers are kept until the index next changes; the last rows re-index one map before each query. One type's radar finds ${sample.hits.length} contracts in ${sample.opportunities.length} opportunities. Target: p95 ≤ 50 ms per query.\n\n` +
			table(['Query', 'Runs', 'p50 ms', 'p95 ms', 'max ms'], rows)
	);
	db.close();
});

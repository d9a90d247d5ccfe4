// Catalogue figures on a generated catalogue of 10,000 published maps (500,000 components):
// search/facet queries, compare of two 60-component maps, component-type aggregates (all server
// side, in process), and the catalogue page's time to first byte from the built server (section
// `catalogue`); type suggestions for the seed councils' components (section `suggest`).
import { expect, it } from 'vitest';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as Y from 'yjs';
import { loadSnapshot } from '../src/lib/map/index.js';
import { parseSearchQuery, VOCABULARY } from '../src/lib/catalogue/index.js';
import { suggestTypes } from '../src/lib/catalogue/match.js';
import { SEED_COUNCILS } from '../src/lib/catalogue/seed.js';
import { createStackmap, publish, type StackmapApp } from '../server/app.js';
import type { Organisation } from '../server/catalogue/organisations.js';
import { compareRefs } from '../src/lib/server/catalogue/compare.js';
import { spawnServer } from '../tests/helpers/collab.js';
import { generateMap, generateOrgs, random } from './catalogue-data.js';
import { percentile, table, writeSection } from './report.js';

const MAPS = Number(process.env.CATALOGUE_BENCH_MAPS || 10_000);
const SIZE = 50;
const DIR = join(tmpdir(), `stackmap-bench-catalogue-${MAPS}-v1`);

function stats(samples: number[]) {
	const s = [...samples].sort((a, b) => a - b);
	const f = (n: number) => n.toFixed(2);
	return { p50: f(percentile(s, 50)), p95: f(percentile(s, 95)), max: f(s[s.length - 1]), n: s.length };
}

/** Wall-clock and CPU time (ms) of one call. On a busy machine wall ≫ CPU: the process waited for a core. */
async function timed<T>(wall: number[], cpu: number[], f: () => T | Promise<T>): Promise<T> {
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const out = await f();
	wall.push(performance.now() - t0);
	const c = process.cpuUsage(c0);
	cpu.push((c.user + c.system) / 1000);
	return out;
}

async function build(): Promise<{ app: StackmapApp; seconds: number | null }> {
	const config = { dataDir: DIR, dbFile: join(DIR, 'stackmap.db'), graceMs: 50, seed: false };
	if (existsSync(join(DIR, 'done'))) return { app: await createStackmap(config), seconds: null };
	rmSync(DIR, { recursive: true, force: true });
	mkdirSync(DIR, { recursive: true });
	const app = await createStackmap(config);
	const rnd = random(20260601);
	const orgs: Organisation[] = [];
	for (const o of generateOrgs(400, rnd)) orgs.push((await app.catalogue.orgs.create(o)).organisation);
	const t0 = performance.now();
	for (let i = 0; i < MAPS; i++) {
		const doc = new Y.Doc();
		loadSnapshot(doc, generateMap(i, i % 100 === 0 ? 60 : SIZE, rnd));
		const { id } = await app.createMap({ doc });
		doc.destroy();
		const pub = (await app.catalogue.publication(id))!;
		await app.catalogue.publications.put(id, { ...pub, orgId: orgs[i % orgs.length].id });
		await app.catalogue.publish(id, { visibility: 'published' });
	}
	const seconds = (performance.now() - t0) / 1000;
	mkdirSync(join(DIR, 'done'), { recursive: true });
	return { app, seconds };
}

/** A realistic mix of catalogue queries: browsing, text, facets, both, deep pages, sorts. */
function workload(rnd: () => number): string[] {
	const words = ['crm', 'civica', 'revenues', 'planning', 'capita', 'microsoft', 'idox', 'housing', 'payments', 'social care', 'gov.uk notify', 'sap', 'liquidlogic', 'drupal', 'stack 42'];
	const types = VOCABULARY.types.map((t) => t.id);
	const orgTypes = ['county', 'district', 'unitary', 'metropolitan', 'london-borough'];
	const out: string[] = [];
	for (let i = 0; i < 600; i++) {
		const w = words[Math.floor(rnd() * words.length)];
		const t = types[Math.floor(rnd() * types.length)];
		const o = orgTypes[Math.floor(rnd() * orgTypes.length)];
		const kinds = [
			'',
			`q=${encodeURIComponent(w)}`,
			`type=${t}`,
			`orgType=${o}&type=${t}`,
			`q=${encodeURIComponent(w)}&orgType=${o}`,
			`supplier=civica&region=South West`,
			`layer=Business Areas&orgType=${o}&sort=updated`,
			`type=${t}&type=crm&supplier=microsoft&page=3`,
			`q=${encodeURIComponent(w)}&sort=components&page=2`,
			`product=power-bi&orgType=${o}`
		];
		out.push(kinds[i % kinds.length]);
	}
	return out;
}

function ttfb(port: number, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const req = request({ host: '127.0.0.1', port, path }, (res) => {
			res.once('data', () => {
				const t = performance.now() - t0;
				res.resume();
				res.on('end', () => resolve(t));
			});
		});
		req.on('error', reject);
		req.end();
	});
}

it('measures the catalogue at 10,000 maps', async () => {
	const { app, seconds } = await build();
	publish(app);
	await app.catalogue.settled();
	const rnd = random(7);
	const c = app.catalogue;
	const size = c.index.facets.size;
	const db = (app.store as unknown as { db: { prepare(s: string): { get(): { n: number } } } }).db;
	const components = Number(db.prepare('SELECT count(*) AS n FROM catalogue_components').get().n);

	// Search and facets: warm up, then the workload.
	const queries = workload(rnd).map((p) => parseSearchQuery(new URLSearchParams(p)));
	for (const q of queries.slice(0, 50)) await c.search(q);
	const search: number[] = [];
	const searchCpu: number[] = [];
	let totals = 0;
	for (const q of queries) totals += (await timed(search, searchCpu, () => c.search(q))).total;

	// Compare two 60-component maps (every 100th generated map has 60): as the API does (components
	// read from the index), and as the compare page does (whole documents, for the drawings): cold
	// (rebuilt from SQLite) and warm (public snapshots cached).
	const big = (await c.search(parseSearchQuery(new URLSearchParams('sort=components&perPage=100')))).results.map((e) => e.id);
	const ids = c.index.mapIds();
	await compareRefs({ id: ids[ids.length - 1] }, { id: ids[ids.length - 2] }, { componentsOnly: true });
	await compareRefs({ id: ids[ids.length - 3] }, { id: ids[ids.length - 4] });
	const api: number[] = [];
	const apiCpu: number[] = [];
	const cold: number[] = [];
	const warm: number[] = [];
	const ignore: number[] = [];
	for (let i = 0; i + 1 < big.length; i += 1) await timed(api, apiCpu, () => compareRefs({ id: big[i] }, { id: big[i + 1] }, { componentsOnly: true }));
	for (let i = 0; i + 1 < big.length && i < 80; i += 2) {
		await timed(cold, ignore, () => compareRefs({ id: big[i] }, { id: big[i + 1] }));
		await timed(warm, ignore, () => compareRefs({ id: big[i] }, { id: big[i + 1] }));
	}
	const compareSize = (await c.publicSnapshot(big[0]))!.components.length;

	// Component-type aggregates: every type of the vocabulary.
	const aggregate: number[] = [];
	const aggregateCpu: number[] = [];
	let biggest = 0;
	for (const t of VOCABULARY.types) biggest = Math.max(biggest, (await timed(aggregate, aggregateCpu, () => c.typeUsage(t.id))).componentCount);
	const supplier: number[] = [];
	const supplierCpu: number[] = [];
	for (const s of c.index.facets.totals('supplier').slice(0, 30)) await timed(supplier, supplierCpu, () => c.supplier(s.value));
	await app.close();

	// Startup: loading the facets of 10,000 maps from SQL.
	const t1 = performance.now();
	const again = await createStackmap({ dataDir: DIR, dbFile: join(DIR, 'stackmap.db'), seed: false });
	const startMs = performance.now() - t1;
	await again.catalogue.settled();
	await again.close();

	// Catalogue page HTML from the built production server: time to first byte.
	const srv = await spawnServer(DIR, { STACKMAP_SEED: '0' });
	const pages = ['/catalogue', '/catalogue?q=crm', '/catalogue?orgType=district&type=revs-bens', '/catalogue?q=civica&sort=updated&page=3', '/catalogue?supplier=microsoft&layer=Security'];
	// Let the server finish its start-up check of the index, and warm every page once.
	await new Promise((r) => setTimeout(r, 3000));
	for (const p of [...pages, ...pages]) await ttfb(srv.port, p);
	const first: number[] = [];
	for (let i = 0; i < 200; i++) first.push(await ttfb(srv.port, pages[i % pages.length]));
	const typePage: number[] = [];
	for (let i = 0; i < 40; i++) typePage.push(await ttfb(srv.port, `/catalogue/types/${VOCABULARY.types[i % VOCABULARY.types.length].id}`));
	srv.child.kill('SIGTERM');

	const s = stats(search);
	const sc = stats(searchCpu);
	const ap = stats(api);
	const apc = stats(apiCpu);
	const k = stats(cold);
	const w = stats(warm);
	const a = stats(aggregate);
	const ac = stats(aggregateCpu);
	const sp = stats(supplier);
	const spc = stats(supplierCpu);
	const f = stats(first);
	const tp = stats(typePage);
	const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
	const mb = (statSync(join(DIR, 'stackmap.db')).size / 2 ** 20).toFixed(0);
	writeSection(
		'catalogue',
		'Catalogue (issue 6)',
		`A generated catalogue of ${size.toLocaleString('en-GB')} published maps (${components.toLocaleString('en-GB')} indexed components, ~${SIZE} per map, 400 organisations), ` +
			`SQLite file of ${mb} MiB${seconds ? `, built through the real create + publish path in ${seconds.toFixed(0)} s` : ''}. ` +
			`Times are server-side in one process unless stated; targets from issue 6. Load average during the run: ${load} on ${cpus().length} cores ` +
			`(other work shared the machine), so wall-clock tails include waiting for a core; the CPU column is the process's own time per call.\n\n` +
			table(
				['Measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'CPU p50 / p95 ms', 'Target'],
				[
					['Search / facet query (FTS5 + facet bitsets + page of 20)', s.n, s.p50, s.p95, s.max, `${sc.p50} / ${sc.p95}`, 'p95 ≤ 20 ms'],
					[`Compare two ${compareSize}-component maps (API: components from the index)`, ap.n, ap.p50, ap.p95, ap.max, `${apc.p50} / ${apc.p95}`, '≤ 10 ms'],
					[`Compare two ${compareSize}-component maps for the page, documents read from SQLite`, k.n, k.p50, k.p95, k.max, '', '—'],
					[`Compare two ${compareSize}-component maps for the page, public snapshots cached`, w.n, w.p50, w.p95, w.max, '', '—'],
					[`Component-type aggregate (all ${VOCABULARY.types.length} types; largest ${biggest.toLocaleString('en-GB')} components)`, a.n, a.p50, a.p95, a.max, `${ac.p50} / ${ac.p95}`, '≤ 50 ms'],
					['Supplier footprint (30 biggest suppliers)', sp.n, sp.p50, sp.p95, sp.max, `${spc.p50} / ${spc.p95}`, '—'],
					['Catalogue page HTML, time to first byte (built server, loopback)', f.n, f.p50, f.p95, f.max, '', '≤ 100 ms'],
					['Component-type page HTML, time to first byte', tp.n, tp.p50, tp.p95, tp.max, '', '—']
				]
			) +
			`\n\nThe query mix (${queries.length} queries, ${totals.toLocaleString('en-GB')} results in all) covers browsing, free text, single and combined facets, deep pages and every sort. ` +
			`Facet counts come from in-memory bitsets (one per facet value; ${c.index.facets.size.toLocaleString('en-GB')} maps → ${Math.ceil(size / 32)} words each), so counting every value of every facet costs about as much as one SQL index lookup; ` +
			`a SQL GROUP BY over the component rows took 200–1,400 ms per query in a prototype. Opening the catalogue (loading the facets from SQL at start) took ${startMs.toFixed(0)} ms.`
	);
}, 60 * 60_000);

it('measures type suggestions for the seed components', () => {
	const components = SEED_COUNCILS.councils.flatMap((c) => c.components);
	const all = () => {
		for (const c of components) suggestTypes({ product: c.label, supplier: c.supplier }, VOCABULARY);
	};
	all();
	const wall: number[] = [];
	for (let i = 0; i < 20; i++) {
		const t0 = performance.now();
		all();
		wall.push(performance.now() - t0);
	}
	const s = stats(wall);
	writeSection(
		'suggest',
		'Type suggestions (bench/catalogue.bench.ts)',
		[
			table(['figure', 'p50', 'p95', 'max', 'target'], [[`suggestTypes for all ${components.length} seed components (the palette's work), ms`, s.p50, s.p95, s.max, '< 1000']]),
			'',
			`20 runs after one warm-up; load average at the start: ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs.`
		].join('\n')
	);
	expect(Number(s.p50)).toBeLessThan(1000);
});

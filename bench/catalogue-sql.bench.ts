// The catalogue index on SQLite (FTS5) and PostgreSQL (tsvector, GIN) side by side (section
// `catalogue-sql`): indexing a generated catalogue map by map, then text searches with facets, in
// process against each database (PostgreSQL: a throwaway local cluster, so no network hop).
import { afterAll, it } from 'vitest';
import { parseSearchQuery, VOCABULARY } from '../src/lib/catalogue/index.js';
import { CatalogueIndex } from '../server/catalogue/index-store.js';
import { createCatalogueTables } from '../server/catalogue/schema.js';
import { searchCatalogue } from '../server/catalogue/search.js';
import { sqlDialects } from '../tests/helpers/dialects.js';
import { generateMap, random } from './catalogue-data.js';
import { percentile, table, writeSection } from './report.js';

const MAPS = Number(process.env.CATALOGUE_SQL_BENCH_MAPS || 2000);
const SIZE = 50;
const orgs = { get: () => undefined };
const rows: (string | number)[][] = [];

function ms(samples: number[]): [string, string] {
	samples.sort((a, b) => a - b);
	return [percentile(samples, 50).toFixed(2), percentile(samples, 95).toFixed(2)];
}

/** Queries people type: a product or type word, its prefix, two words, a word with a facet. */
function workload(rnd: () => number): string[] {
	const words = VOCABULARY.types.flatMap((t) => [t.name, ...t.examples]).flatMap((w) => w.split(/\s+/)).filter((w) => w.length > 3);
	const pick = () => words[Math.floor(rnd() * words.length)];
	return Array.from({ length: 200 }, (_, i) => {
		const w = pick();
		if (i % 4 === 0) return `q=${encodeURIComponent(w.slice(0, 4))}`;
		if (i % 4 === 1) return `q=${encodeURIComponent(`${w} ${pick()}`)}`;
		if (i % 4 === 2) return `q=${encodeURIComponent(w)}&type=crm`;
		return `q=${encodeURIComponent(w)}`;
	});
}

for (const { dialect, open } of sqlDialects()) {
	it(`measures the index on ${dialect}`, async () => {
		const db = await open();
		try {
			await createCatalogueTables(db.sql);
			const index = new CatalogueIndex(db.sql, orgs, VOCABULARY);
			const rnd = random(11);
			const key = new Uint8Array(32);
			const put: number[] = [];
			for (let i = 0; i < MAPS; i++) {
				const id = `m${i}`;
				await db.store.createMap({ id, title: '', createdAt: i, updatedAt: i, visibility: 'published', keyHashes: { facilitator: key, participant: key, viewer: key } });
				const map = generateMap(i, SIZE, rnd);
				const t0 = performance.now();
				await index.put(id, map, { orgId: null, description: '', updatedAt: i, publishedAt: i, seq: 0 });
				put.push(performance.now() - t0);
			}
			const queries = workload(random(5)).map((p) => parseSearchQuery(new URLSearchParams(p)));
			for (const q of queries.slice(0, 20)) await searchCatalogue(db.sql, index, orgs, VOCABULARY, q);
			const search: number[] = [];
			let hits = 0;
			for (const q of queries) {
				const t0 = performance.now();
				hits += (await searchCatalogue(db.sql, index, orgs, VOCABULARY, q)).total;
				search.push(performance.now() - t0);
			}
			rows.push([dialect, MAPS, ...ms(put), ...ms(search), Math.round(hits / queries.length)]);
		} finally {
			await db.close();
		}
	});
}

afterAll(() => {
	writeSection(
		'catalogue-sql',
		'Catalogue index: SQLite and PostgreSQL',
		`${MAPS} generated maps of ${SIZE} components, indexed one by one (one transaction each), then
200 text searches (a word, a 4-letter prefix, two words, a word with a type filter), first page
with facets and match reasons. PostgreSQL is a local throwaway cluster on the same machine.

${table(['database', 'maps', 'index a map p50 (ms)', 'p95', 'search p50 (ms)', 'p95', 'mean matches'], rows)}`
	);
});

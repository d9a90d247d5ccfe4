// Catalogue search: FTS5 for the text, in-memory bitsets for facets (filter with OR inside a
// facet and AND across facets; each facet counted with the other facets' filters applied).
import type Database from 'better-sqlite3';
import { FACETS, ftsQuery, type FacetName, type SearchQuery } from '../../src/lib/catalogue/index.js';
import { Bitset } from './bitset.js';
import { entriesByRid } from './entries.js';
import type { CatalogueIndex } from './index-store.js';
import type { Organisations } from './organisations.js';
import type { FacetOption, SearchResult } from './types.js';

/** Most values listed per facet (selected values are always added). */
export const FACET_LIMIT = 50;

export function searchCatalogue(db: Database.Database, index: CatalogueIndex, orgs: Organisations, query: SearchQuery): SearchResult {
	const facets = index.facets;
	const candidates = facets.live.clone();
	let relevance: number[] | null = null;
	const match = ftsQuery(query.q);
	if (match) {
		const rows = db.prepare('SELECT rowid AS rid FROM catalogue_fts WHERE catalogue_fts MATCH ? ORDER BY rank').all(match) as { rid: number }[];
		relevance = rows.map((r) => r.rid);
		candidates.and(Bitset.of(relevance));
	} else if (query.q) {
		// Text with no searchable word matches nothing rather than everything.
		candidates.and(new Bitset(0));
	}
	const selections = new Map<FacetName, Bitset>();
	for (const f of FACETS) if (query.filters[f].length > 0) selections.set(f, facets.anyOf(f, query.filters[f]));
	const results = candidates.clone();
	for (const s of selections.values()) results.and(s);

	const counted = {} as Record<FacetName, FacetOption[]>;
	for (const f of FACETS) {
		let within = results;
		if (selections.has(f)) {
			within = candidates.clone();
			for (const [g, s] of selections) if (g !== f) within.and(s);
		}
		const counts = facets.count(f, within);
		const selected = new Set(query.filters[f]);
		const shown = counts.slice(0, FACET_LIMIT).map((c) => ({ ...c, selected: selected.has(c.value) }));
		for (const value of selected) {
			if (!shown.some((o) => o.value === value)) {
				const c = counts.find((x) => x.value === value);
				shown.push({ value, label: c?.label ?? facets.label(f, value) ?? value, count: c?.count ?? 0, selected: true });
			}
		}
		counted[f] = shown;
	}

	const total = results.size;
	const pages = Math.max(1, Math.ceil(total / query.perPage));
	const skip = (query.page - 1) * query.perPage;
	const order = query.sort === 'relevance' ? (relevance ?? facets.ordered('title')) : facets.ordered(query.sort);
	const page: number[] = [];
	let seen = 0;
	for (const rid of order) {
		if (!results.has(rid)) continue;
		if (seen++ < skip) continue;
		page.push(rid);
		if (page.length === query.perPage) break;
	}
	return {
		total,
		page: query.page,
		perPage: query.perPage,
		pages,
		sort: query.sort === 'relevance' && !relevance ? 'title' : query.sort,
		results: entriesByRid(db, orgs, page),
		facets: counted,
		catalogueSize: facets.size
	};
}

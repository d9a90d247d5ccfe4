// Catalogue search: full text in SQL (fulltext.ts), in-memory bitsets for facets (filter with OR
// inside a facet and AND across facets; each facet counted with the other facets' filters applied).
import type { Sql } from '../db/sql.js';
import { FACETS, matchReason, type FacetName, type MatchReason, type SearchQuery, type Vocabulary } from '../../src/lib/catalogue/index.js';
import { Bitset } from './bitset.js';
import { entriesByRid } from './entries.js';
import { matching, rankedMatching, textQuery, titleMatching } from './fulltext.js';
import type { CatalogueIndex, OrganisationLookup } from './index-store.js';
import { PUBLISHED_COMPONENTS } from './schema.js';
import type { FacetOption, SearchResult } from '../../src/lib/catalogue/results.js';

/** Most values listed per facet (selected values are always added). */
export const FACET_LIMIT = 50;

/** Above this many matches, ranking costs more than it tells (a word on most maps). */
export const RANK_LIMIT = 2000;

/** Maps whose title matches first, then the others, each most recently updated first (too many matches to rank). */
async function byTitleThenUpdate(sql: Sql, facets: CatalogueIndex['facets'], text: string): Promise<readonly number[]> {
	const inTitle = Bitset.of(await titleMatching(sql, text));
	const byUpdate = facets.ordered('updated');
	return [...byUpdate.filter((rid) => inTitle.has(rid)), ...byUpdate.filter((rid) => !inTitle.has(rid))];
}

/** Why each map on the page matched the text: read from the indexed (redacted) components, so only public text is shown. */
async function reasonsFor(sql: Sql, vocabulary: Vocabulary, text: string, rids: readonly number[]): Promise<Record<number, MatchReason>> {
	if (rids.length === 0) return {};
	const rows = await sql.all<{ rid: number; type_id: string; name: string; product: string; supplier: string }>(
		`SELECT c.rid, c.type_id, c.name, c.product, c.supplier ${PUBLISHED_COMPONENTS} WHERE c.rid IN (${rids.map(() => '?').join(',')}) ORDER BY c.rid, c.ord`,
		rids
	);
	const byRid = new Map<number, typeof rows>();
	for (const r of rows) byRid.set(r.rid, [...(byRid.get(r.rid) ?? []), r]);
	const out: Record<number, MatchReason> = {};
	for (const [rid, list] of byRid) {
		const reason = matchReason(text, list.map((r) => ({ name: r.name, product: r.product, supplier: r.supplier, typeName: r.type_id ? (vocabulary.byId.get(r.type_id)?.name ?? '') : '' })));
		if (reason) out[rid] = reason;
	}
	return out;
}

export async function searchCatalogue(sql: Sql, index: CatalogueIndex, orgs: OrganisationLookup, vocabulary: Vocabulary, query: SearchQuery): Promise<SearchResult> {
	const facets = index.facets;
	let relevance: readonly number[] | null = null;
	const match = textQuery(sql, query.q);
	// The text's matches are read before the facets are: the facets may change while the database answers.
	let hits: number[] | null = null;
	if (match && query.sort === 'relevance') {
		// Ranked by the database up to RANK_LIMIT matches; beyond, ranking costs more than it tells (a word on most maps).
		const found = await rankedMatching(sql, match, RANK_LIMIT);
		hits = found.rids;
		relevance = found.ranked ? found.rids : await byTitleThenUpdate(sql, facets, query.q);
	} else if (match) hits = await matching(sql, match);
	const candidates = facets.live.clone();
	if (hits) {
		candidates.and(Bitset.of(hits));
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
		const counts = within === results && !query.q && selections.size === 0 ? facets.totals(f) : facets.count(f, within);
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
	const entries = await entriesByRid(sql, orgs, page);
	const byRid = match ? await reasonsFor(sql, vocabulary, query.q, page) : {};
	const reasons: Record<string, MatchReason> = {};
	page.forEach((rid) => {
		const id = index.mapId(rid);
		if (id && byRid[rid]) reasons[id] = byRid[rid];
	});
	return {
		total,
		page: query.page,
		perPage: query.perPage,
		pages,
		sort: query.sort === 'relevance' && !relevance ? 'title' : query.sort,
		results: entries,
		facets: counted,
		catalogueSize: facets.size,
		reasons
	};
}

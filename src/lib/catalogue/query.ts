// The catalogue search query: parsed from URL parameters (pages and the JSON API share them) and
// written back, so every filter, sort and page is a shareable URL. Pure.

/** The facets the catalogue can be filtered and counted by. */
export const FACETS = ['orgType', 'region', 'org', 'layer', 'type', 'supplier', 'product'] as const;
export type FacetName = (typeof FACETS)[number];

/** Result orders; 'relevance' needs search text. */
export const SORTS = ['relevance', 'title', 'updated', 'published', 'components'] as const;
export type SortKey = (typeof SORTS)[number];

export interface SearchQuery {
	/** Free text, matched against titles, descriptions, organisations and component names. */
	readonly q: string;
	/** Selected values per facet: OR within a facet, AND across facets. */
	readonly filters: Readonly<Record<FacetName, readonly string[]>>;
	/** 'relevance' needs `q`; without it, results are by title. */
	readonly sort: SortKey;
	/** 1-based. */
	readonly page: number;
	readonly perPage: number;
}

export const PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
const MAX_VALUES = 20;

/** Read a query from URL parameters (`q`, one parameter per facet, repeatable, `sort`, `page`, `perPage`). */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
	const q = (params.get('q') ?? '').trim().slice(0, 200);
	const filters = Object.fromEntries(
		FACETS.map((f) => [
			f,
			[...new Set(params.getAll(f).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v && v.length <= 200))].slice(0, MAX_VALUES)
		])
	) as Record<FacetName, string[]>;
	const sortParam = params.get('sort') as SortKey | null;
	const sort: SortKey = sortParam && SORTS.includes(sortParam) ? sortParam : q ? 'relevance' : 'title';
	const int = (name: string, fallback: number, max: number) => {
		const n = Number(params.get(name));
		return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
	};
	return { q, filters, sort, page: int('page', 1, 10_000), perPage: int('perPage', PER_PAGE, MAX_PER_PAGE) };
}

/** The URL parameters of a query (defaults left out), for links. */
export function searchParamsOf(query: SearchQuery): URLSearchParams {
	const p = new URLSearchParams();
	if (query.q) p.set('q', query.q);
	for (const f of FACETS) for (const v of query.filters[f]) p.append(f, v);
	if (query.sort !== (query.q ? 'relevance' : 'title')) p.set('sort', query.sort);
	if (query.page > 1) p.set('page', String(query.page));
	if (query.perPage !== PER_PAGE) p.set('perPage', String(query.perPage));
	return p;
}

/** The query with one facet value switched on or off (back to page 1). */
export function toggleFilter(query: SearchQuery, facet: FacetName, value: string): SearchQuery {
	const current = query.filters[facet];
	const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
	return { ...query, filters: { ...query.filters, [facet]: next }, page: 1 };
}

/** True when the query has no text and no filters. */
export function isEmptyQuery(query: SearchQuery): boolean {
	return !query.q && FACETS.every((f) => query.filters[f].length === 0);
}

/**
 * Free text as an FTS5 query: each word (letters and digits) a quoted prefix term, all required;
 * a one-character word must match exactly ('c' as a prefix would match half the index).
 * Returns '' when there is no word. Quoting makes FTS5 syntax characters harmless.
 */
export function ftsQuery(text: string): string {
	const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
	return words
		.slice(0, 12)
		.map((w) => (w.length === 1 ? `"${w}"` : `"${w}"*`))
		.join(' ');
}

/** The words of a text with diacritics removed ('Môn' → 'Mon'), as PostgreSQL's search stores and looks them up. */
function plainWords(text: string): string[] {
	return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Text as PostgreSQL's search index takes it: plain words separated by spaces (FTS5's tokenizer does this itself). */
export function searchText(text: string): string {
	return plainWords(text).join(' ');
}

/**
 * Free text as a PostgreSQL tsquery, the same query as ftsQuery: every word required, a prefix
 * unless one character long. `titleOnly` limits each word to the title (weight A). '' when there is
 * no word. Only letters and digits pass, so tsquery syntax cannot be injected.
 */
export function tsQuery(text: string, titleOnly = false): string {
	const weight = titleOnly ? 'A' : '';
	return plainWords(text)
		.slice(0, 12)
		.map((w) => (w.length === 1 ? (weight ? `${w}:${weight}` : w) : `${w}:*${weight}`))
		.join(' & ');
}

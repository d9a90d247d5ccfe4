// The catalogue's full-text search, the one place the two databases differ: FTS5 (catalogue_fts,
// BM25) on SQLite, a tsvector with a GIN index (catalogue_text, ts_rank_cd) on PostgreSQL.
// Both take the same words: every one required, a prefix unless one character long, stemmed.
import { ftsQuery, searchText, tsQuery } from '../../src/lib/catalogue/index.js';
import type { Sql } from '../db/sql.js';

/** The searchable text of one indexed map. */
export interface SearchDocument {
	readonly title: string;
	readonly description: string;
	/** The organisation's name and region. */
	readonly organisation: string;
	/** Component names, types, products, suppliers. */
	readonly components: string;
}

/** Replace a map's searchable text (inside the caller's transaction). */
export async function putText(sql: Sql, rid: number, doc: SearchDocument): Promise<void> {
	await deleteText(sql, rid);
	if (sql.dialect === 'sqlite') {
		await sql.run('INSERT INTO catalogue_fts (rowid, title, description, organisation, components) VALUES (?, ?, ?, ?, ?)', [
			rid,
			doc.title,
			doc.description,
			doc.organisation,
			doc.components
		]);
		return;
	}
	await sql.run('INSERT INTO catalogue_text (rid, title, description, organisation, components) VALUES (?, ?, ?, ?, ?)', [
		rid,
		searchText(doc.title),
		searchText(doc.description),
		searchText(doc.organisation),
		searchText(doc.components)
	]);
}

export async function deleteText(sql: Sql, rid: number): Promise<void> {
	await sql.run(sql.dialect === 'sqlite' ? 'DELETE FROM catalogue_fts WHERE rowid = ?' : 'DELETE FROM catalogue_text WHERE rid = ?', [rid]);
}

/** A map's organisation text after the organisation's profile changed. */
export async function updateOrganisationText(sql: Sql, rid: number, organisation: string): Promise<void> {
	if (sql.dialect === 'sqlite') await sql.run('UPDATE catalogue_fts SET organisation = ? WHERE rowid = ?', [organisation, rid]);
	else await sql.run('UPDATE catalogue_text SET organisation = ? WHERE rid = ?', [searchText(organisation), rid]);
}

/** The query for free text in this database's syntax; '' when the text has no word to look for. */
export function textQuery(sql: Sql, text: string): string {
	return sql.dialect === 'sqlite' ? ftsQuery(text) : tsQuery(text);
}

/** Row ids of the maps matching a textQuery(), in no particular order. */
export async function matching(sql: Sql, query: string): Promise<number[]> {
	const rows =
		sql.dialect === 'sqlite'
			? await sql.all<{ rid: number }>('SELECT rowid AS rid FROM catalogue_fts WHERE catalogue_fts MATCH ?', [query])
			: await sql.all<{ rid: number }>(`SELECT rid FROM catalogue_text WHERE document @@ to_tsquery('stackmap_search', ?)`, [query]);
	return rows.map((r) => r.rid);
}

/**
 * Row ids of the maps matching a textQuery(): most relevant first (BM25 / ts_rank_cd, title weighted
 * highest) when there are at most `limit`, in no particular order otherwise (`ranked` false).
 */
export async function rankedMatching(sql: Sql, query: string, limit: number): Promise<{ rids: number[]; ranked: boolean }> {
	if (sql.dialect === 'sqlite') {
		const rids = await matching(sql, query);
		if (rids.length > limit) return { rids, ranked: false };
		const rows = await sql.all<{ rid: number }>('SELECT rowid AS rid FROM catalogue_fts WHERE catalogue_fts MATCH ? ORDER BY rank', [query]);
		return { rids: rows.map((r) => r.rid), ranked: true };
	}
	// One scan: the count over all matches decides whether each is ranked at all. Normalisation 1
	// divides by 1 + log(length), so a long map does not win by length alone.
	const rows = await sql.all<{ rid: number; ranked: number }>(
		`SELECT rid, CASE WHEN n <= ? THEN 1 ELSE 0 END AS ranked FROM (
			SELECT rid, count(*) OVER () AS n, document, q FROM catalogue_text, to_tsquery('stackmap_search', ?) q WHERE document @@ q
		) hits ORDER BY CASE WHEN n <= ? THEN ts_rank_cd(document, q, 1) END DESC NULLS LAST, rid`,
		[limit, query, limit]
	);
	return { rids: rows.map((r) => r.rid), ranked: rows.length === 0 || rows[0].ranked === 1 };
}

/** Row ids of the maps whose title matches the free text. */
export async function titleMatching(sql: Sql, text: string): Promise<number[]> {
	if (sql.dialect === 'sqlite') return matching(sql, `title : (${ftsQuery(text)})`);
	return matching(sql, tsQuery(text, true));
}

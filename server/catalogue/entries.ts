// Reading catalogue entries back from SQL: only rows whose map is still published (checked
// against `maps.visibility` in the same query, so a stale index row can never surface).
import type { Sql } from '../db/sql.js';
import { DEFAULT_LICENCE, LICENCES, type LicenceId } from '../../src/lib/catalogue/index.js';
import type { OrganisationLookup } from './index-store.js';
import { redactionOf, type RedactionColumns } from './publication.js';
import { orgSummary, type CatalogueEntry } from '../../src/lib/catalogue/results.js';

interface EntryRow extends RedactionColumns {
	rid: number;
	map_id: string;
	title: string;
	description: string;
	org_id: number | null;
	component_count: number;
	type_count: number;
	untyped_count: number;
	updated_at: number;
	published_at: number;
	licence: string | null;
	fictional: number | null;
}

const SELECT = `SELECT e.rid, e.map_id, e.title, e.description, e.org_id, e.component_count, e.type_count, e.untyped_count,
	e.updated_at, e.published_at, mm.licence, mm.redact_products, mm.redact_suppliers, mm.redact_notes,
	mm.contract_dates, mm.contract_costs, mm.contract_references, mm.fictional
	FROM catalogue_entries e
	JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
	LEFT JOIN map_meta mm ON mm.map_id = e.map_id`;

export function licenceIdOf(value: string | null | undefined): LicenceId {
	return LICENCES.find((l) => l.id === value)?.id ?? DEFAULT_LICENCE;
}

function toEntry(row: EntryRow, orgs: OrganisationLookup): CatalogueEntry {
	const org = orgs.get(row.org_id);
	return {
		id: row.map_id,
		title: row.title,
		description: row.description,
		organisation: orgSummary(org),
		visibility: 'published',
		componentCount: row.component_count,
		typeCount: row.type_count,
		untypedCount: row.untyped_count,
		updatedAt: row.updated_at,
		publishedAt: row.published_at,
		licence: licenceIdOf(row.licence),
		fictional: row.fictional === 1 || (org?.fictional ?? false),
		redaction: redactionOf(row)
	};
}

/** Entries by row id, in the order given (ids not published are left out). */
export async function entriesByRid(sql: Sql, orgs: OrganisationLookup, rids: readonly number[]): Promise<CatalogueEntry[]> {
	if (rids.length === 0) return [];
	const rows = await sql.all<EntryRow>(`${SELECT} WHERE e.rid IN (${rids.map(() => '?').join(',')})`, rids);
	const byRid = new Map(rows.map((r) => [r.rid, r]));
	return rids.flatMap((rid) => {
		const row = byRid.get(rid);
		return row ? [toEntry(row, orgs)] : [];
	});
}

/** The entry of one published map, or undefined. */
export async function entryByMapId(sql: Sql, orgs: OrganisationLookup, mapId: string): Promise<CatalogueEntry | undefined> {
	const row = await sql.get<EntryRow>(`${SELECT} WHERE e.map_id = ?`, [mapId]);
	return row ? toEntry(row, orgs) : undefined;
}

// The renewal radar and supplier concentration over the index's published contracts (only maps
// withholding nothing publish them), answered from the in-memory radar table and remembered
// until the index next changes.
import type Database from 'better-sqlite3';
import { concentration, type Concentration, type ContractHolder } from '../../src/lib/catalogue/concentration.js';
import { renewalRadar, type RadarFilter, type RadarQuery, type RadarResult, type RadarRow } from '../../src/lib/catalogue/radar.js';
import { orgSummary } from '../../src/lib/catalogue/results.js';
import type { Organisations } from './organisations.js';
import { memoised, radarTable, supplierUses } from './radar-table.js';

/**
 * Published contracts (with their component and map) matching `filter` whose date to act by (or
 * end, per the query's basis) falls in the window and that have not ended by `today`, read from
 * the radar's in-memory table; contracts without an end date or already ended are only counted.
 * Maps in `skip` are left out (a member's radar reads them as shared with them instead).
 */
export function radarRows(
	db: Database.Database,
	orgs: Organisations,
	filter: RadarFilter,
	query: RadarQuery,
	today: string,
	skip: ReadonlySet<string> = new Set()
): { rows: RadarRow[]; undated: number; ended: number } {
	const orgIds =
		filter.orgType || filter.region
			? new Set(
					orgs
						.all()
						.filter((o) => (!filter.orgType || o.type === filter.orgType) && (!filter.region || o.region === filter.region))
						.map((o) => o.id)
				)
			: null;
	const rows: RadarRow[] = [];
	let undated = 0;
	let ended = 0;
	const table = radarTable(db);
	for (const r of query.basis === 'end' ? table.byEnd : table.byDue) {
		if (filter.type && r.typeId !== filter.type) continue;
		if (filter.product && r.productSlug !== filter.product) continue;
		if (filter.supplier && !r.supplierSlugs.includes(filter.supplier)) continue;
		if (orgIds && (r.orgId === null || !orgIds.has(r.orgId))) continue;
		if (skip.has(r.mapId)) continue;
		if (r.end < today) {
			if (r.end === '') undated++;
			else ended++;
			continue;
		}
		const date = query.basis === 'end' ? r.end : r.due;
		if (date < query.from || date > query.to) continue;
		const org = orgs.get(r.orgId);
		rows.push({
			mapId: r.mapId,
			key: `${r.ord}-${r.contractId}`,
			mapTitle: r.title,
			organisation: orgSummary(org),
			fictional: r.mapFictional || (org?.fictional ?? false),
			typeId: r.typeId,
			component: r.name,
			product: r.product,
			supplier: r.supplier,
			evolution: r.evolution,
			reference: r.reference,
			start: r.start,
			end: r.end,
			noticeMonths: r.noticeMonths,
			route: r.route
		});
	}
	return { rows, undated, ended };
}

/** The renewal radar over the index (see renewalRadar), with the contracts only counted added in. */
export function radar(db: Database.Database, orgs: Organisations, filter: RadarFilter, query: RadarQuery, today: string): RadarResult {
	const key = `radar:${JSON.stringify([filter.type ?? '', filter.supplier ?? '', filter.product ?? '', filter.orgType ?? '', filter.region ?? '', query.from, query.to, query.basis, today])}`;
	return memoised(radarTable(db), key, () => {
		const { rows, undated, ended } = radarRows(db, orgs, filter, query, today);
		const result = renewalRadar(rows, query, today);
		return { ...result, undated: result.undated + undated, ended: result.ended + ended };
	});
}

/** Supplier shares and HHI among the councils (organisations, else maps) whose published maps name a supplier for the type. */
export function typeConcentration(db: Database.Database, typeId: string): Concentration {
	const table = radarTable(db);
	return memoised(table, `concentration:${typeId}`, () => concentration(supplierUses(table, typeId)));
}

/** The suppliers named on the components holding the most published contracts, most first. */
export function contractHolders(db: Database.Database, limit = 10): ContractHolder[] {
	const found = memoised(radarTable(db), `holders:${limit}`, () =>
		db
			.prepare(
				`SELECT s.slug, min(s.name) AS name, sum(k.n) AS contracts, count(DISTINCT k.rid) AS maps
				 FROM (SELECT rid, ord, count(*) AS n FROM catalogue_contracts GROUP BY rid, ord) k
				 JOIN catalogue_suppliers s ON s.rid = k.rid AND s.ord = k.ord
				 WHERE k.rid IN (SELECT e.rid FROM catalogue_entries e JOIN maps m ON m.id = e.map_id AND m.visibility = 'published')
				 GROUP BY s.slug ORDER BY contracts DESC, maps DESC, s.slug LIMIT ?`
			)
			.all(limit) as ContractHolder[]
	);
	// A mutable array per caller; the rows themselves are shared.
	return [...found];
}

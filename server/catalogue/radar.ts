// The index's contracts for the renewal radar and supplier concentration: published contracts
// (only maps withholding nothing publish them) read with the join that re-checks visibility.
import type Database from 'better-sqlite3';
import { concentration, type Concentration, type ContractHolder, type SupplierUse } from '../../src/lib/catalogue/concentration.js';
import { renewalRadar, type RadarFilter, type RadarQuery, type RadarResult, type RadarRow } from '../../src/lib/catalogue/radar.js';
import { orgSummary } from '../../src/lib/catalogue/results.js';
import type { Organisations } from './organisations.js';

interface Row {
	map_id: string;
	title: string;
	org_id: number | null;
	fictional: number | null;
	ord: number;
	contract_id: string;
	type_id: string;
	name: string;
	product: string;
	supplier: string;
	evolution: number;
	reference: string;
	start_date: string;
	end_date: string;
	notice_months: number | null;
	route: string;
}

/**
 * Only the filters asked for go into the SQL, so SQLite starts from the narrowest index: the
 * supplier's rows, the type's or product's components, or the contracts' dates.
 */
function radarSql(filter: RadarFilter, columns: string, window: string): string {
	const where = [window];
	if (filter.type) where.push('c.type_id = @type');
	if (filter.product) where.push('c.product_slug = @product');
	if (filter.orgType || filter.region) where.push('e.org_id IN (SELECT value FROM json_each(@orgIds))');
	const from = filter.supplier
		? `catalogue_suppliers s JOIN catalogue_components c ON c.rid = s.rid AND c.ord = s.ord AND s.slug = @supplier`
		: 'catalogue_components c';
	return `SELECT ${columns}
	FROM ${from}
	JOIN catalogue_contracts k ON k.rid = c.rid AND k.ord = c.ord
	JOIN catalogue_entries e ON e.rid = c.rid
	JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
	LEFT JOIN map_meta mm ON mm.map_id = e.map_id
	WHERE ${where.join(' AND ')}`;
}

const COLUMNS = `e.map_id, e.title, e.org_id, mm.fictional, c.ord, k.contract_id, c.type_id, c.name, c.product, c.supplier, c.evolution,
		k.reference, k.start_date, k.end_date, k.notice_months, k.route`;

/**
 * Published contracts (with their component and map) matching `filter` whose date to act by (or
 * end, per the query's basis) falls in the window and that have not ended by `today`, read by the
 * index's date columns; contracts without an end date or already ended are only counted.
 */
export function radarRows(db: Database.Database, orgs: Organisations, filter: RadarFilter, query: RadarQuery, today: string): { rows: RadarRow[]; undated: number; ended: number } {
	const orgIds = orgs
		.all()
		.filter((o) => (!filter.orgType || o.type === filter.orgType) && (!filter.region || o.region === filter.region))
		.map((o) => o.id);
	const params = { type: filter.type ?? '', product: filter.product ?? '', supplier: filter.supplier ?? '', orgIds: JSON.stringify(orgIds), from: query.from, to: query.to, today };
	const counts = db.prepare(radarSql(filter, "count(*) FILTER (WHERE k.end_date = '') AS undated, count(*) FILTER (WHERE k.end_date <> '' AND k.end_date < @today) AS ended", "k.end_date < @today")).get(params) as { undated: number; ended: number };
	const found = db.prepare(radarSql(filter, COLUMNS, `k.${query.basis === 'end' ? 'end_date' : 'due_date'} BETWEEN @from AND @to AND k.end_date >= @today`)).all(params) as Row[];
	const rows: RadarRow[] = [];
	for (const r of found) {
		const org = orgs.get(r.org_id);
		rows.push({
			mapId: r.map_id,
			key: `${r.ord}-${r.contract_id}`,
			mapTitle: r.title,
			organisation: orgSummary(org),
			fictional: r.fictional === 1 || (org?.fictional ?? false),
			typeId: r.type_id,
			component: r.name,
			product: r.product,
			supplier: r.supplier,
			evolution: r.evolution,
			reference: r.reference,
			start: r.start_date,
			end: r.end_date,
			noticeMonths: r.notice_months,
			route: r.route
		});
	}
	return { rows, undated: counts.undated ?? 0, ended: counts.ended ?? 0 };
}

/** The renewal radar over the index (see renewalRadar), with the contracts only counted added in. */
export function radar(db: Database.Database, orgs: Organisations, filter: RadarFilter, query: RadarQuery, today: string): RadarResult {
	const { rows, undated, ended } = radarRows(db, orgs, filter, query, today);
	const result = renewalRadar(rows, query, today);
	return { ...result, undated: result.undated + undated, ended: result.ended + ended };
}

/** Supplier shares and HHI among the councils (organisations, else maps) whose published maps name a supplier for the type. */
export function typeConcentration(db: Database.Database, typeId: string): Concentration {
	const rows = db
		.prepare(
			`SELECT DISTINCT coalesce('org:' || e.org_id, 'map:' || e.map_id) AS council, s.slug AS supplier, s.name AS name
			 FROM catalogue_suppliers s
			 JOIN catalogue_entries e ON e.rid = s.rid
			 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
			 WHERE s.type_id = ?`
		)
		.all(typeId) as SupplierUse[];
	return concentration(rows);
}

/** The suppliers named on the components holding the most published contracts, most first. */
export function contractHolders(db: Database.Database, limit = 10): ContractHolder[] {
	return db
		.prepare(
			`SELECT s.slug, min(s.name) AS name, sum(k.n) AS contracts, count(DISTINCT k.rid) AS maps
			 FROM (SELECT rid, ord, count(*) AS n FROM catalogue_contracts GROUP BY rid, ord) k
			 JOIN catalogue_suppliers s ON s.rid = k.rid AND s.ord = k.ord
			 WHERE k.rid IN (SELECT e.rid FROM catalogue_entries e JOIN maps m ON m.id = e.map_id AND m.visibility = 'published')
			 GROUP BY s.slug ORDER BY contracts DESC, maps DESC, s.slug LIMIT ?`
		)
		.all(limit) as ContractHolder[];
}

// The index's contracts for the renewal radar and supplier concentration: published contracts
// (only maps withholding nothing publish them) read with the join that re-checks visibility.
import type Database from 'better-sqlite3';
import { concentration, type Concentration, type ContractHolder, type SupplierUse } from '../../src/lib/catalogue/concentration.js';
import type { RadarFilter, RadarRow } from '../../src/lib/catalogue/radar.js';
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

const RADAR = `SELECT e.map_id, e.title, e.org_id, mm.fictional, c.ord, k.contract_id, c.type_id, c.name, c.product, c.supplier, c.evolution,
		k.reference, k.start_date, k.end_date, k.notice_months, k.route
	FROM catalogue_contracts k
	JOIN catalogue_components c ON c.rid = k.rid AND c.ord = k.ord
	JOIN catalogue_entries e ON e.rid = k.rid
	JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
	LEFT JOIN map_meta mm ON mm.map_id = e.map_id
	WHERE (@type = '' OR c.type_id = @type)
	  AND (@product = '' OR c.product_slug = @product)
	  AND (@supplier = '' OR EXISTS (SELECT 1 FROM catalogue_suppliers s WHERE s.slug = @supplier AND s.rid = k.rid AND s.ord = k.ord))
	ORDER BY k.rid, k.ord, k.k`;

/** Published contracts (with their component and map) matching `filter`, for renewalRadar. */
export function radarRows(db: Database.Database, orgs: Organisations, filter: RadarFilter): RadarRow[] {
	const rows = db.prepare(RADAR).all({ type: filter.type ?? '', product: filter.product ?? '', supplier: filter.supplier ?? '' }) as Row[];
	const out: RadarRow[] = [];
	for (const r of rows) {
		const org = orgs.get(r.org_id);
		if (filter.orgType && org?.type !== filter.orgType) continue;
		if (filter.region && org?.region !== filter.region) continue;
		out.push({
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
	return out;
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
			`SELECT s.slug, min(s.name) AS name, count(*) AS contracts, count(DISTINCT k.rid) AS maps
			 FROM catalogue_contracts k
			 JOIN catalogue_suppliers s ON s.rid = k.rid AND s.ord = k.ord
			 JOIN catalogue_entries e ON e.rid = k.rid
			 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
			 GROUP BY s.slug ORDER BY contracts DESC, maps DESC, s.slug LIMIT ?`
		)
		.all(limit) as ContractHolder[];
}

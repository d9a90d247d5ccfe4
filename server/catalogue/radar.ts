// The renewal radar and supplier concentration over the index's published contracts (only maps
// withholding nothing publish them), answered from the in-memory radar table and remembered
// until the index next changes.
import { concentration, type Concentration, type ContractHolder } from '../../src/lib/catalogue/concentration.js';
import { renewalRadar, type RadarFilter, type RadarQuery, type RadarResult, type RadarRow } from '../../src/lib/catalogue/radar.js';
import { orgSummary } from '../../src/lib/catalogue/results.js';
import type { Organisation } from './organisations.js';
import { memoised, supplierUses, type LiveRadarTable, type RadarTable } from './radar-table.js';

/** The organisations the radar files maps under, as held in memory. */
export interface RadarOrganisations {
	all(): readonly Organisation[];
	get(id: number | null | undefined): Organisation | undefined;
}

/**
 * Published contracts (with their component and map) matching `filter` whose date to act by (or
 * end, per the query's basis) falls in the window and that have not ended by `today`, read from
 * the radar's in-memory table; contracts without an end date or already ended are only counted.
 * Maps in `skip` are left out (a member's radar reads them as shared with them instead).
 */
export async function radarRows(
	live: LiveRadarTable,
	orgs: RadarOrganisations,
	filter: RadarFilter,
	query: RadarQuery,
	today: string,
	skip: ReadonlySet<string> = new Set()
): Promise<{ rows: RadarRow[]; undated: number; ended: number }> {
	return rowsOf(await live.current(), orgs, filter, query, today, skip);
}

function rowsOf(
	table: RadarTable,
	orgs: RadarOrganisations,
	filter: RadarFilter,
	query: RadarQuery,
	today: string,
	skip: ReadonlySet<string>
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
export async function radar(live: LiveRadarTable, orgs: RadarOrganisations, filter: RadarFilter, query: RadarQuery, today: string): Promise<RadarResult> {
	const key = `radar:${JSON.stringify([filter.type ?? '', filter.supplier ?? '', filter.product ?? '', filter.orgType ?? '', filter.region ?? '', query.from, query.to, query.basis, today])}`;
	const table = await live.current();
	return memoised(table, key, () => {
		const { rows, undated, ended } = rowsOf(table, orgs, filter, query, today, new Set());
		const result = renewalRadar(rows, query, today);
		return { ...result, undated: result.undated + undated, ended: result.ended + ended };
	});
}

/** Supplier shares and HHI among the councils (organisations, else maps) whose published maps name a supplier for the type. */
export async function typeConcentration(live: LiveRadarTable, typeId: string): Promise<Concentration> {
	const table = await live.current();
	return memoised(table, `concentration:${typeId}`, () => concentration(supplierUses(table, typeId)));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The suppliers named on the components holding the most published contracts, most first. */
export async function contractHolders(live: LiveRadarTable, limit = 10): Promise<ContractHolder[]> {
	const table = await live.current();
	const found = memoised(table, `holders:${limit}`, () => {
		const bySlug = new Map<string, { slug: string; name: string; contracts: number; maps: Set<number> }>();
		for (const r of table.byDue) {
			r.supplierSlugs.forEach((slug, i) => {
				const name = r.supplierNames[i];
				const h = bySlug.get(slug);
				if (!h) bySlug.set(slug, { slug, name, contracts: 1, maps: new Set([r.rid]) });
				else {
					h.contracts++;
					h.maps.add(r.rid);
					if (name < h.name) h.name = name;
				}
			});
		}
		return [...bySlug.values()]
			.map((h) => ({ slug: h.slug, name: h.name, contracts: h.contracts, maps: h.maps.size }))
			.sort((a, b) => b.contracts - a.contracts || b.maps - a.maps || byText(a.slug, b.slug))
			.slice(0, limit);
	});
	// A mutable array per caller; the rows themselves are shared.
	return [...found];
}

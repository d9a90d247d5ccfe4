// The renewal radar: which published maps have a contract falling due in a window, grouped into
// joint-procurement opportunities (councils of one component type whose dates to act by fall
// within 12 months of each other). Pure: rows in, answer out; today is passed in. Map types only.
import { addMonths, noticeDate } from '../map/contracts.js';
import type { OrgSummary } from './results.js';

/** One published contract with the component it is on and the map it is in (as the index holds it). */
export interface RadarRow {
	readonly mapId: string;
	/** The contract's key within its map (component position and contract id), for calendar UIDs. */
	readonly key: string;
	readonly mapTitle: string;
	readonly organisation: OrgSummary | null;
	readonly fictional: boolean;
	readonly typeId: string;
	readonly component: string;
	readonly product: string;
	readonly supplier: string;
	/** 0..1 */
	readonly evolution: number;
	readonly reference: string;
	/** yyyy-mm-dd or '' */
	readonly start: string;
	readonly end: string;
	readonly noticeMonths: number | null;
	readonly route: string;
}

/** What to narrow the radar to; '' or absent for any. */
export interface RadarFilter {
	readonly type?: string;
	/** A supplier's slug. */
	readonly supplier?: string;
	/** A product's slug. */
	readonly product?: string;
	readonly orgType?: string;
	readonly region?: string;
}

/** Which date must fall in the window: the date to act by (notice date, else end) or the end date. */
export type RadarBasis = 'notice' | 'end';

export interface RadarQuery {
	/** First and last day of the window, yyyy-mm-dd, inclusive. */
	readonly from: string;
	readonly to: string;
	readonly basis: RadarBasis;
}

/** A contract the radar found: its row with the notice date and the date the window was tested on. */
export interface RadarHit extends RadarRow {
	/** The notice date, '' when no notice period is recorded. */
	readonly notice: string;
	/** The date tested against the window (act-by date or end date). */
	readonly due: string;
}

/** One council in an opportunity: its contracts of the type due in the group's span. */
export interface RadarMember {
	/** Organisation slug, else `map:<id>` for a map without an organisation. */
	readonly key: string;
	readonly name: string;
	readonly hits: readonly RadarHit[];
}

/** Councils of one component type whose due dates lie within OPPORTUNITY_MONTHS of each other. */
export interface Opportunity {
	readonly typeId: string;
	/** Earliest and latest due date in the group. */
	readonly first: string;
	readonly last: string;
	readonly members: readonly RadarMember[];
}

export interface RadarResult {
	readonly query: RadarQuery;
	/** Every contract due in the window, by due date. */
	readonly hits: readonly RadarHit[];
	/** Groups of two or more councils, earliest first. */
	readonly opportunities: readonly Opportunity[];
	/** Contracts left out because they have no end date, or have already ended. */
	readonly undated: number;
	readonly ended: number;
}

/** Councils whose due dates fall within this many months of each other can buy together. */
export const OPPORTUNITY_MONTHS = 12;
/** The default window: from 6 to 36 months after today. */
export const DEFAULT_FROM_MONTHS = 6;
export const DEFAULT_TO_MONTHS = 36;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The window asked for, with defaults relative to `today` for a missing or malformed date; from ≤ to. */
export function radarWindow(today: string, from?: string | null, to?: string | null, basis?: string | null): RadarQuery {
	let f = from && ISO.test(from) ? from : addMonths(today, DEFAULT_FROM_MONTHS);
	let t = to && ISO.test(to) ? to : addMonths(today, DEFAULT_TO_MONTHS);
	if (t < f) [f, t] = [t, f];
	return { from: f, to: t, basis: basis === 'end' ? 'end' : 'notice' };
}

/** The date to act by: the notice date, or the end date when no notice period is recorded. */
export function actByDate(row: Pick<RadarRow, 'end' | 'noticeMonths'>): string {
	return noticeDate(row) || row.end;
}

function councilOf(row: RadarRow): { key: string; name: string } {
	return row.organisation ? { key: row.organisation.slug, name: row.organisation.name } : { key: `map:${row.mapId}`, name: row.mapTitle };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Greedy grouping of one type's hits (sorted by due date): a group starts at its earliest date
 * and takes every hit within OPPORTUNITY_MONTHS of it, so any two members are that close.
 * Groups of a single council are not opportunities.
 */
function groupType(typeId: string, hits: readonly RadarHit[]): Opportunity[] {
	const out: Opportunity[] = [];
	let i = 0;
	while (i < hits.length) {
		const limit = addMonths(hits[i].due, OPPORTUNITY_MONTHS);
		let j = i;
		while (j < hits.length && hits[j].due <= limit) j++;
		const group = hits.slice(i, j);
		const members = new Map<string, { key: string; name: string; hits: RadarHit[] }>();
		for (const h of group) {
			const c = councilOf(h);
			const m = members.get(c.key);
			if (m) m.hits.push(h);
			else members.set(c.key, { ...c, hits: [h] });
		}
		if (members.size >= 2) out.push({ typeId, first: group[0].due, last: group[group.length - 1].due, members: [...members.values()] });
		i = j;
	}
	return out;
}

/**
 * The renewal radar over `rows` (already narrowed to the type, supplier or product asked for):
 * contracts whose due date (act-by or end, per `query.basis`) falls in [from, to] and that have
 * not ended by `today` (yyyy-mm-dd), and the joint-procurement opportunities among them, per
 * component type. Contracts without an end date or already ended are only counted.
 */
export function renewalRadar(rows: readonly RadarRow[], query: RadarQuery, today: string): RadarResult {
	const hits: RadarHit[] = [];
	let undated = 0;
	let ended = 0;
	for (const row of rows) {
		if (!row.end) {
			undated++;
			continue;
		}
		if (row.end < today) {
			ended++;
			continue;
		}
		const due = query.basis === 'end' ? row.end : actByDate(row);
		if (due < query.from || due > query.to) continue;
		hits.push({ ...row, notice: noticeDate(row), due });
	}
	hits.sort((a, b) => byText(a.due, b.due) || byText(a.typeId, b.typeId) || byText(a.mapTitle, b.mapTitle) || byText(a.reference, b.reference));
	const byType = new Map<string, RadarHit[]>();
	for (const h of hits) {
		if (!h.typeId) continue;
		const list = byType.get(h.typeId);
		if (list) list.push(h);
		else byType.set(h.typeId, [h]);
	}
	const opportunities = [...byType].flatMap(([typeId, list]) => groupType(typeId, list));
	opportunities.sort((a, b) => byText(a.first, b.first) || byText(a.typeId, b.typeId));
	return { query, hits, opportunities, undated, ended };
}

const SLUG = /^[a-z0-9-]{1,200}$/;

/** A radar request read from URL parameters (`type`, `supplier`, `product`, `orgType`, `region`, `from`, `to`, `basis`). */
export function parseRadarParams(params: URLSearchParams, today: string): { filter: RadarFilter; query: RadarQuery } {
	const slug = (name: string) => {
		const v = (params.get(name) ?? '').trim();
		return SLUG.test(v) ? v : '';
	};
	const region = (params.get('region') ?? '').trim().slice(0, 200);
	return {
		filter: { type: slug('type'), supplier: slug('supplier'), product: slug('product'), orgType: slug('orgType'), region },
		query: radarWindow(today, params.get('from'), params.get('to'), params.get('basis'))
	};
}

/** The URL parameters of a radar request (empty filters left out), for the CSV and calendar links. */
export function radarParamsOf(filter: RadarFilter, query: RadarQuery): URLSearchParams {
	const p = new URLSearchParams();
	for (const key of ['type', 'supplier', 'product', 'orgType', 'region'] as const) if (filter[key]) p.set(key, filter[key]!);
	p.set('from', query.from);
	p.set('to', query.to);
	if (query.basis !== 'notice') p.set('basis', query.basis);
	return p;
}

// The renewal radar behind the page, the JSON API, the CSV and the calendar feed: the request's
// filters and window read once, today read from the clock once; a signed-in member's includes the
// maps shared with their organisations. Server only.
import { parseRadarParams, VOCABULARY, type Opportunity, type RadarHit, type RadarResult } from '../../catalogue/index.js';
import type { RadarFilter } from '../../catalogue/radar.js';
import { isoToday } from '../../map/contracts.js';
import { stageOf } from '../../map/stages.js';
import { stackmap } from '../context.js';
import { csvResponse, num } from './csv.js';
import { myRoles } from './org-people.js';

export interface RadarAnswer {
	readonly today: string;
	readonly filter: RadarFilter;
	readonly result: RadarResult;
}

/**
 * The radar for a request's URL parameters (see parseRadarParams): the public radar, or for a
 * signed-in member, with the maps shared with their organisations read as shared with them.
 */
export async function radarFor(url: URL, today = isoToday()): Promise<RadarAnswer> {
	const { filter, query } = parseRadarParams(url.searchParams, today);
	return { today, filter, result: await stackmap().catalogue.radarFor(filter, query, today, [...(await myRoles()).keys()]) };
}

/** A type id's display name ('' for none). */
export function typeName(id: string): string {
	return VOCABULARY.byId.get(id)?.name ?? '';
}

/** Each hit's opportunity number (1-based, in the answer's order), for tables and the CSV. */
export function opportunityNumbers(opportunities: readonly Opportunity[]): Map<RadarHit, number> {
	const out = new Map<RadarHit, number>();
	opportunities.forEach((o, i) => o.members.forEach((m) => m.hits.forEach((h) => out.set(h, i + 1))));
	return out;
}

/** The radar as a CSV download: one row per contract due in the window. */
export function radarCsv(answer: RadarAnswer, origin: string): Response {
	const numbers = opportunityNumbers(answer.result.opportunities);
	return csvResponse('renewal-radar.csv', [
		['Due', 'Notice by', 'Ends', 'Type ID', 'Type', 'Organisation', 'Organisation type', 'Region', 'Map ID', 'Map', 'Fictional', 'Component', 'Product', 'Supplier', 'Evolution', 'Stage', 'Reference', 'Route', 'Opportunity', 'URL'],
		...answer.result.hits.map((h) => [
			h.due,
			h.notice,
			h.end,
			h.typeId,
			typeName(h.typeId),
			h.organisation?.name ?? '',
			h.organisation?.type ?? '',
			h.organisation?.region ?? '',
			h.mapId,
			h.mapTitle,
			h.fictional ? 'Yes' : 'No',
			h.component,
			h.product,
			h.supplier,
			num(h.evolution),
			stageOf(h.evolution),
			h.reference,
			h.route,
			numbers.has(h) ? String(numbers.get(h)) : '',
			`${origin}/catalogue/maps/${h.mapId}`
		])
	]);
}

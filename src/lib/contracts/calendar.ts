// Calendar events for contract notice dates: one all-day event per contract on the date to act
// by (the notice date, else the end date), for a map's feed and for a renewal-radar query. Pure.
// Imports map and radar types only.
import type { RadarHit } from '../catalogue/radar.js';
import { noticeDate } from '../map/contracts.js';
import type { MapSnapshot } from '../map/types.js';
import type { CalendarEvent } from '../formats/ical/index.js';

function describe(parts: readonly [string, string][]): string {
	return parts
		.filter(([, v]) => v)
		.map(([k, v]) => `${k}: ${v}`)
		.join('\n');
}

function title(component: string, reference: string, notice: string): string {
	const what = reference ? `${component} (${reference})` : component;
	return notice ? `Notice due: ${what}` : `Contract ends: ${what}`;
}

/** Events for every contract of `map` (id `mapId`) that has an end date; `url` links each to the map. */
export function mapContractEvents(map: MapSnapshot, mapId: string, url: string): CalendarEvent[] {
	const events: CalendarEvent[] = [];
	for (const c of map.components) {
		for (const k of c.contracts ?? []) {
			if (!k.end) continue;
			const notice = noticeDate(k);
			events.push({
				uid: `${mapId}.${c.id}.${k.id}@stackmap`,
				date: notice || k.end,
				summary: title(c.name, k.reference, notice),
				description: describe([
					['Map', map.title],
					['Product', c.product],
					['Supplier', c.supplier],
					['Notice by', notice],
					['Ends', k.end],
					['Route', k.route]
				]),
				url
			});
		}
	}
	return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Events for the contracts a radar query found; `origin` makes catalogue links absolute. */
export function radarEvents(hits: readonly RadarHit[], origin: string): CalendarEvent[] {
	return hits.map((h) => ({
		uid: `${h.mapId}.${h.key}@stackmap`,
		date: h.notice || h.end,
		summary: title(`${h.organisation?.name ?? h.mapTitle}: ${h.component}`, h.reference, h.notice),
		description: describe([
			['Map', h.mapTitle],
			['Product', h.product],
			['Supplier', h.supplier],
			['Notice by', h.notice],
			['Ends', h.end],
			['Route', h.route]
		]),
		url: `${origin}/catalogue/maps/${h.mapId}`
	}));
}

// GET /api/catalogue/radar.ics — the renewal radar's notice dates as an iCalendar feed.
import { toICalendar } from '$lib/formats/ical/index.js';
import { radarEvents } from '$lib/contracts/calendar.js';
import { calendarResponse } from '$lib/server/calendar.js';
import { radarFor, typeName } from '$lib/server/catalogue/radar.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const { filter, result } = await radarFor(url);
	const what = typeName(filter.type ?? '') || filter.supplier || filter.product || 'all contracts';
	const name = `Renewal radar: ${what}, ${result.query.from} to ${result.query.to}`;
	return calendarResponse(toICalendar({ name, events: radarEvents(result.hits, url.origin) }, new Date()), 'renewal-radar.ics');
};

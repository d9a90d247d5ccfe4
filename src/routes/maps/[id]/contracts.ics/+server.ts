// GET /maps/<id>/contracts.ics — the map's contract notice dates as an iCalendar feed, with the
// same rights as the map's files (a key of the map, or a published map withholding nothing).
import { toICalendar } from '$lib/formats/ical/index.js';
import { mapContractEvents } from '$lib/contracts/calendar.js';
import { calendarResponse } from '$lib/server/calendar.js';
import { viewableMap } from '$lib/server/map-files.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const { snapshot } = await viewableMap(params.id, url, request);
	const link = `${url.origin}/maps/${params.id}`;
	const text = toICalendar({ name: `Contract notices: ${snapshot.title}`, events: mapContractEvents(snapshot, params.id, link) }, new Date());
	return calendarResponse(text, `${snapshot.title || 'map'}-contracts.ics`);
};

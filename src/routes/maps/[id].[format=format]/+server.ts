// GET /maps/<id>.<svg|png|owm|mmd|json|csv> — the map as a file, with the same rights as viewing it
// (a key of the map, or a published map). See docs/api.md.
import { formatOfExtension } from '$lib/formats/index.js';
import { mapFileResponse, viewableMap } from '$lib/server/map-files.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const view = await viewableMap(params.id, url, request);
	return mapFileResponse(view, formatOfExtension(params.format)!, url);
};

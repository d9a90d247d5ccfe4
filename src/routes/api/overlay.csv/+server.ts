// GET /api/overlay.csv — the overlay table, one row per component type.
import { error } from '@sveltejs/kit';
import { chooseMaps, overlayCsv, overlayOf } from '$lib/server/catalogue/overlay.js';
import { csvResponse } from '$lib/server/catalogue/csv.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const { selection, chosen } = await chooseMaps(url.searchParams);
	if (!selection.asked) error(400, 'Choose maps: ?map=<id or link> (repeat), ?parent=<organisation>, or catalogue search parameters');
	return csvResponse('overlay.csv', overlayCsv(overlayOf(chosen)));
};

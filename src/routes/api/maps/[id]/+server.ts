// GET /api/maps/<id> — the map as JSON (the public snapshot format, docs/map.schema.json). With a
// key: the whole map. Without: a published or unlisted map as published (withheld details removed).
import { error, json } from '@sveltejs/kit';
import { isMapId } from '$lib/map/index.js';
import { roleForKey, stackmap } from '$lib/server/context.js';
import { currentSnapshot, requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	if (!isMapId(params.id)) error(400, 'Bad map id');
	const app = stackmap();
	const record = await app.store.getMap(params.id);
	if (!record) error(404, 'Map not found');
	const headers = { 'cache-control': 'no-store' };
	if (roleForKey(record, requestKey(url, request))) return json(await currentSnapshot(params.id), { headers });
	const published = await app.catalogue.publicSnapshot(params.id);
	if (!published) error(403, 'This link does not give access to the map');
	return json(published, { headers });
};

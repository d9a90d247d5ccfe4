// GET /api/maps/<id> — the map as JSON (the public snapshot format, docs/map.schema.json). With a
// key: the whole map. Without: a published or unlisted map as published (withheld details removed),
// or as shared with the caller's organisation (signed in, or its admin key or API token).
import { error, json } from '@sveltejs/kit';
import { isMapId } from '$lib/map/index.js';
import { roleForKey, stackmap } from '$lib/server/context.js';
import { audienceOf } from '$lib/server/catalogue/audience.js';
import { currentSnapshot, requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	if (!isMapId(params.id)) error(400, 'Bad map id');
	const app = stackmap();
	const record = await app.store.getMap(params.id);
	if (!record) error(404, 'Map not found');
	const headers = { 'cache-control': 'no-store' };
	const key = requestKey(url, request);
	if (roleForKey(record, key)) return json(await currentSnapshot(params.id), { headers });
	const view = await app.catalogue.viewFor(params.id, await audienceOf(params.id, key));
	if (!view) error(403, 'This link does not give access to the map');
	return json(view.snapshot, { headers });
};

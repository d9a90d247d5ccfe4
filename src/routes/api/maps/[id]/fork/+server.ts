// POST /api/maps/<id>/fork — copy a map as a new private map: a published or unlisted map as the
// public sees it, or any map in full with one of its keys. 201 with the new map's links.
import { json } from '@sveltejs/kit';
import { isMapTooBig } from '../../../../../../server/collab/size.js';
import { forkMap } from '$lib/server/catalogue/create.js';
import { resolveMap } from '$lib/server/catalogue/resolve.js';
import { mapLinks, requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, url, request }) => {
	const source = await resolveMap({ id: params.id, key: requestKey(url, request) });
	let created;
	try {
		created = await forkMap(source);
	} catch (err) {
		// Only when the size limits were lowered below a map that already exists.
		if (isMapTooBig(err)) return json({ error: err.message }, { status: 413 });
		throw err;
	}
	return json({ id: created.id, forkedFrom: source.id, ...mapLinks(url.origin, created.id, created.keys) }, { status: 201 });
};

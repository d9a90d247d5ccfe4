// POST /api/maps/<id>/fork — copy a map as a new private map: a published or unlisted map as the
// public sees it, or any map in full with one of its keys. 201 with the new map's links.
import { json } from '@sveltejs/kit';
import { forkMap } from '$lib/server/catalogue/create.js';
import { resolveMap } from '$lib/server/catalogue/resolve.js';
import { mapLinks, orTooBig, requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, url, request }) => {
	const source = await resolveMap({ id: params.id, key: requestKey(url, request) });
	// Over the size limits only when they were lowered below a map that already exists.
	const created = await orTooBig(() => forkMap(source));
	if (created instanceof Response) return created;
	return json({ id: created.id, forkedFrom: source.id, ...mapLinks(url.origin, created.id, created.keys) }, { status: 201 });
};

// POST /api/organisations/<slug>/maps/<id>/unpublish (admin key, or a publish or admin token) —
// take one of the organisation's published maps out of the catalogue: it becomes unlisted.
import { json } from '@sveltejs/kit';
import { unpublishForOrganisation } from '$lib/server/catalogue/publish.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, url, request }) => {
	const pub = await unpublishForOrganisation(params.slug, params.id, requestKey(url, request));
	return json({ id: params.id, visibility: pub.visibility });
};

// GET /api/organisations/<slug>/shared — the maps shared with the organisation, for its people
// signed in, or its admin key or any of its API tokens (Bearer or ?key=): how scripts find them
// with sign-in off. Each map's data is then at /api/maps/<id> with the same credential.
import { error, json } from '@sveltejs/kit';
import { myRoles } from '$lib/server/catalogue/org-people.js';
import { sharedMapRows } from '$lib/server/catalogue/shared-maps.js';
import { stackmap } from '$lib/server/context.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const org = stackmap().catalogue.orgs.bySlug(params.slug);
	if (!org) error(404, 'Organisation not found');
	const key = requestKey(url, request);
	if (!(await myRoles()).has(org.id) && !(await stackmap().catalogue.orgs.allows(org.id, key, 'publish'))) error(403, 'This needs one of the organisation’s people signed in, its admin key or one of its tokens');
	const maps = (await sharedMapRows(org.id)).map((m) => ({
		...m,
		updatedAt: new Date(m.updatedAt).toISOString(),
		page: `${url.origin}/catalogue/maps/${m.id}`,
		map: `${url.origin}/api/maps/${m.id}`
	}));
	return json({ maps }, { headers: { 'cache-control': 'no-store' } });
};

// GET /api/organisations/<slug>/members (admin key as Bearer or ?key=) — its members and the
// organisations asking to join it.
import { error, json } from '@sveltejs/kit';
import { orgAdmin } from '$lib/server/catalogue/org-people.js';
import { stackmap } from '$lib/server/context.js';
import { requestKey } from '$lib/server/maps.js';
import { orgSummary } from '$lib/catalogue/index.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const orgs = stackmap().catalogue.orgs;
	const org = orgs.bySlug(params.slug);
	if (!org) error(404, 'Organisation not found');
	if (!(await orgAdmin(org.id, requestKey(url, request)))) error(403, 'This needs the organisation’s admin key or an admin token');
	return json(
		{ members: orgs.children(org.id).map((o) => orgSummary(o)!), requests: orgs.requests(org.id).map((o) => orgSummary(o)!) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};

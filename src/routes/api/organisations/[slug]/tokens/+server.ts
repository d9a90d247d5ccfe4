// GET /api/organisations/<slug>/tokens (admin key or admin token) — its API tokens: name, scope,
// created, last used; never the token. POST {name, scope} — create one; the token is shown once.
import { json } from '@sveltejs/kit';
import { createToken, requireOrgAdmin, tokenView } from '$lib/server/catalogue/org-tokens.js';
import { stackmap } from '$lib/server/context.js';
import { requestKey } from '$lib/server/maps.js';
import { jsonBody } from '$lib/server/request.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const { org } = await requireOrgAdmin(params.slug, requestKey(url, request));
	return json({ tokens: (await stackmap().catalogue.orgs.tokens.list(org.id)).map(tokenView) }, { headers: { 'cache-control': 'no-store' } });
};

export const POST: RequestHandler = async ({ params, url, request }) => {
	const key = requestKey(url, request);
	await requireOrgAdmin(params.slug, key);
	const body = await jsonBody(request);
	const { token, info } = await createToken(params.slug, key, body.name, body.scope);
	return json({ ...info, token }, { status: 201, headers: { 'cache-control': 'no-store' } });
};

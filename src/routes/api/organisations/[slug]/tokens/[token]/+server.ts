// DELETE /api/organisations/<slug>/tokens/<id> (admin key or admin token) — revoke a token: it
// stops working at once, on every route that accepts it.
import { json } from '@sveltejs/kit';
import { revokeToken } from '$lib/server/catalogue/org-tokens.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async ({ params, url, request }) => json({ revoked: await revokeToken(params.slug, requestKey(url, request), params.token) });

// PUT /api/organisations/<slug>/people/<user id> — {role: admin|member}: make one of its people an admin, or a member again.
// DELETE /api/organisations/<slug>/people/<user id> — take away their role (a member by email domain stays a member).
// For its admins; the last admin is never removed (409). 404 with sign-in off.
import { json } from '@sveltejs/kit';
import { removePerson, setPersonRole } from '$lib/server/catalogue/org-people.js';
import { requestKey } from '$lib/server/maps.js';
import { jsonBody } from '$lib/server/request.js';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = async ({ params, url, request }) => {
	const body = await jsonBody(request);
	return json(await setPersonRole(params.slug, requestKey(url, request), params.person, body.role));
};

export const DELETE: RequestHandler = async ({ params, url, request }) => json(await removePerson(params.slug, requestKey(url, request), params.person));

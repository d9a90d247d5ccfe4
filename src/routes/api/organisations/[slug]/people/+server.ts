// GET /api/organisations/<slug>/people — its people (roles and members by email domain) and open invitations.
// POST /api/organisations/<slug>/people — invite {email, role: admin|member}; taken up when someone signs in with that email, verified.
// Both for its admins: signed in, or the admin key or an admin token (Bearer or ?key=). 404 with sign-in off.
import { json } from '@sveltejs/kit';
import { invitePerson, listPeople } from '$lib/server/catalogue/org-people.js';
import { requestKey } from '$lib/server/maps.js';
import { jsonBody } from '$lib/server/request.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => json(await listPeople(params.slug, requestKey(url, request)), { headers: { 'cache-control': 'no-store' } });

export const POST: RequestHandler = async ({ params, url, request }) => {
	const body = await jsonBody(request);
	return json(await invitePerson(params.slug, requestKey(url, request), body.email, body.role), { status: 201 });
};

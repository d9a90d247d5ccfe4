// DELETE /api/organisations/<slug>/invites/<email> — withdraw an invitation not yet taken up (its admins; 404 with sign-in off).
import { json } from '@sveltejs/kit';
import { withdrawInvite } from '$lib/server/catalogue/org-people.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async ({ params, url, request }) => json(await withdrawInvite(params.slug, requestKey(url, request), params.email));

// PUT /api/organisations/<slug>/members/<member> (admin key of <slug>) — approve <member>'s request to be part of it.
// DELETE /api/organisations/<slug>/members/<member> (admin key of <slug>) — decline the request, or remove the member.
import { json } from '@sveltejs/kit';
import { changeMember } from '$lib/server/catalogue/org-members.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = async ({ params, url, request }) => {
	const { member, done } = await changeMember(params.slug, params.member, requestKey(url, request), 'approve');
	return json({ member: member.slug, done });
};

export const DELETE: RequestHandler = async ({ params, url, request }) => {
	const { member, done } = await changeMember(params.slug, params.member, requestKey(url, request), 'release');
	return json({ member: member.slug, done });
};

// "My maps": the maps the signed-in user created, each opened as facilitator without a link, and
// the organisations they belong to (by email domain or a role), with a way in for their admins.
import { error, redirect } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, setHeaders }) => {
	const auth = stackmap().auth;
	if (!auth.enabled) error(404, 'Not found');
	if (!locals.user) redirect(303, '/auth/signin?returnTo=/my/maps');
	setHeaders({ 'cache-control': 'private, no-store' });
	const orgs = stackmap().catalogue.orgs;
	const byDomain = auth.memberOf(locals.user);
	return {
		name: locals.user.name,
		email: locals.user.email,
		maps: auth.mapsOf(locals.user.id),
		organisations: [...auth.rolesOf(locals.user)]
			.map(([id, role]) => ({ org: orgs.get(id), role, byDomain: id === byDomain }))
			.filter((o) => o.org !== undefined)
			.map(({ org, role, byDomain }) => ({ slug: org!.slug, name: org!.name, role, byDomain }))
	};
};

// "My maps": the maps the signed-in user created, each opened as facilitator without a link.
import { error, redirect } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, setHeaders }) => {
	const auth = stackmap().auth;
	if (!auth.enabled) error(404, 'Not found');
	if (!locals.user) redirect(303, '/auth/signin?returnTo=/my/maps');
	setHeaders({ 'cache-control': 'private, no-store' });
	const member = stackmap().catalogue.orgs.get(auth.memberOf(locals.user));
	return {
		name: locals.user.name,
		email: locals.user.email,
		maps: auth.mapsOf(locals.user.id),
		organisation: member ? { slug: member.slug, name: member.name } : null
	};
};

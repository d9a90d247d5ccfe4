// "Our organisation's maps": the maps of each organisation the signed-in user belongs to, and the
// maps other organisations' facilitators shared with it.
import { error, redirect } from '@sveltejs/kit';
import { organisationMapRows } from '$lib/server/catalogue/org-maps.js';
import { sharedMapRows } from '$lib/server/catalogue/shared-maps.js';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	const { auth, catalogue } = stackmap();
	if (!auth.enabled) error(404, 'Not found');
	if (!locals.user) redirect(303, '/auth/signin?returnTo=/my/organisation');
	setHeaders({ 'cache-control': 'private, no-store' });
	const mine = [...auth.rolesOf(locals.user)].map(([id, role]) => ({ org: catalogue.orgs.get(id), role })).filter((o) => o.org !== undefined);
	return {
		organisations: await Promise.all(
			mine.map(async ({ org, role }) => ({ slug: org!.slug, name: org!.name, role, maps: await organisationMapRows(org!), shared: await sharedMapRows(org!.id) }))
		)
	};
};

// "My maps": the maps the signed-in user created, each opened as facilitator without a link, and
// the organisations they belong to (by email domain or a role), with a way in for their admins;
// the owner may give a map to one of those organisations, whose members then open it too.
import { error, fail, redirect } from '@sveltejs/kit';
import { setMapOrganisation } from '$lib/server/catalogue/org-maps.js';
import { stackmap } from '$lib/server/context.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	const auth = stackmap().auth;
	if (!auth.enabled) error(404, 'Not found');
	if (!locals.user) redirect(303, '/auth/signin?returnTo=/my/maps');
	setHeaders({ 'cache-control': 'private, no-store' });
	const orgs = stackmap().catalogue.orgs;
	const byDomain = await auth.memberOf(locals.user);
	return {
		name: locals.user.name,
		email: locals.user.email,
		maps: await auth.mapsOf(locals.user.id),
		organisations: [...(await auth.rolesOf(locals.user))]
			.map(([id, role]) => ({ org: orgs.get(id), role, byDomain: id === byDomain }))
			.filter((o) => o.org !== undefined)
			.map(({ org, role, byDomain }) => ({ id: org!.id, slug: org!.slug, name: org!.name, role, byDomain }))
	};
};

export const actions: Actions = {
	/** The owner gives a map to one of their organisations (its members open it as facilitator), or takes it back. */
	belongs: async ({ request, locals }) => {
		const { auth, catalogue } = stackmap();
		if (!auth.enabled) error(404, 'Not found');
		if (!locals.user) error(403, 'Sign in to change your maps');
		const form = await request.formData();
		const slug = String(form.get('organisation') ?? '');
		const org = slug ? catalogue.orgs.bySlug(slug) : undefined;
		if (slug && !org) return fail(400, { belongsError: 'There is no such organisation' });
		if (!(await setMapOrganisation(locals.user, String(form.get('map') ?? ''), org?.id ?? null))) return fail(403, { belongsError: 'Only a map’s owner can give it to one of their own organisations' });
		return { belongs: org?.name ?? null };
	}
};

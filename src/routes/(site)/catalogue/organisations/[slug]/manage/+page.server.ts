// Manage an organisation's profile with its admin key (`?key=` or the posted `key` field).
import { error, fail } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues } from '$lib/server/catalogue/org-form.js';
import { stackmap } from '$lib/server/context.js';
import type { Actions, PageServerLoad } from './$types';

function requireOrgKey(slug: string, key: string | null) {
	const orgs = stackmap().catalogue.orgs;
	const org = orgs.bySlug(slug);
	if (!org) error(404, 'Organisation not found');
	if (!orgs.verifyKey(org.id, key)) error(403, 'This link does not give access: it needs the organisation’s admin key');
	return org;
}

export const load: PageServerLoad = ({ params, url, setHeaders }) => {
	const key = url.searchParams.get('key');
	const org = requireOrgKey(params.slug, key);
	const orgs = stackmap().catalogue.orgs;
	setHeaders({ 'cache-control': 'no-store' });
	return {
		key: key!,
		org: { slug: org.slug, name: org.name },
		values: {
			name: org.name,
			type: org.type,
			region: org.region,
			parent: orgs.get(org.parentId)?.slug ?? '',
			website: org.website,
			description: org.description
		},
		parents: orgs.all().filter((o) => o.id !== org.id).map((o) => ({ slug: o.slug, name: o.name }))
	};
};

export const actions: Actions = {
	default: async ({ params, request }) => {
		const form = await request.formData();
		const org = requireOrgKey(params.slug, String(form.get('key') ?? ''));
		const catalogue = stackmap().catalogue;
		const values = orgFormValues(form);
		const { input, errors } = checkOrgForm(values, catalogue.orgs);
		if (!input) return fail(400, { values, errors });
		catalogue.orgs.update(org.id, input);
		catalogue.index.refreshOrganisation(org.id);
		return { saved: true };
	}
};

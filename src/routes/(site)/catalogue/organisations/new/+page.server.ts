// Add an organisation: anyone may; the page shows its admin key once. Whoever holds that key
// (and a map's facilitator link) can put maps under the organisation's name. Being part of
// another organisation needs that organisation's admin key, or waits for its admin's approval.
import { fail } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues } from '$lib/server/catalogue/org-form.js';
import { stackmap } from '$lib/server/context.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	parents: stackmap().catalogue.orgs.all().map((o) => ({ slug: o.slug, name: o.name }))
});

export const actions: Actions = {
	default: async ({ request }) => {
		const values = orgFormValues(await request.formData());
		const orgs = stackmap().catalogue.orgs;
		const { input, errors } = checkOrgForm(values, orgs);
		// The key is never sent back into the page.
		if (!input) return fail(400, { values: { ...values, parentKey: '' }, errors });
		const { organisation, adminKey } = orgs.create(input, values.parentKey);
		const parent = orgs.get(organisation.parentId);
		const asked = orgs.get(organisation.pendingParentId);
		return {
			created: {
				slug: organisation.slug,
				name: organisation.name,
				adminKey,
				parent: parent ? { slug: parent.slug, name: parent.name } : null,
				asked: asked ? { slug: asked.slug, name: asked.name } : null
			}
		};
	}
};

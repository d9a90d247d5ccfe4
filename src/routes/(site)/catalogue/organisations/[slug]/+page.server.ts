// An organisation's profile and its published maps (never its private or unlisted ones).
import { error } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { orgSummary } from '$lib/catalogue/index.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const catalogue = stackmap().catalogue;
	const org = catalogue.orgs.bySlug(params.slug);
	if (!org) error(404, 'Organisation not found');
	const children = catalogue.orgs.children(org.id);
	setHeaders({ 'cache-control': 'no-store' });
	return {
		org: { ...orgSummary(org)!, website: org.website, description: org.description },
		parent: orgSummary(catalogue.orgs.get(org.parentId)),
		children: children.map((c) => orgSummary(c)!),
		maps: await catalogue.organisationMaps(org.slug),
		/** Email domains claimed by a verified email there (empty: not verified). */
		domains: await stackmap().auth.domainsOf(org.id)
	};
};

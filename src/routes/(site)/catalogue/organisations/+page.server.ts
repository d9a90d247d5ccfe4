// Organisations in the catalogue, with how many maps each has published.
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const catalogue = stackmap().catalogue;
	const verified = await stackmap().auth.verifiedOrganisations();
	const counts = new Map(catalogue.index.facets.totals('org').map((c) => [c.value, c.count]));
	return {
		organisations: catalogue.orgs.all().map((o) => ({
			slug: o.slug,
			name: o.name,
			type: o.type,
			region: o.region,
			fictional: o.fictional,
			verified: verified.has(o.id),
			maps: counts.get(o.slug) ?? 0
		}))
	};
};

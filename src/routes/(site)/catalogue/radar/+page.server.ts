// The renewal radar: published contracts due in a window and the councils that could buy together.
import { parseSearchQuery, radarParamsOf, VOCABULARY } from '$lib/catalogue/index.js';
import { opportunityNumbers, radarFor, typeName } from '$lib/server/catalogue/radar.js';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

// The page lists at most this many of each (the CSV, calendar and JSON hold every one).
const MAX_HITS = 300;
const MAX_OPPORTUNITIES = 50;

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const { today, filter, result } = await radarFor(url);
	// Filter choices: what the catalogue holds (facet counts over every published map).
	const facets = (await stackmap().catalogue.search(parseSearchQuery(new URLSearchParams('perPage=1')))).facets;
	const numbers = opportunityNumbers(result.opportunities);
	return {
		today,
		filter,
		result: {
			...result,
			totalHits: result.hits.length,
			totalOpportunities: result.opportunities.length,
			hits: result.hits.slice(0, MAX_HITS).map((h) => ({ ...h, typeName: typeName(h.typeId), opportunity: numbers.get(h) ?? null })),
			opportunities: result.opportunities.slice(0, MAX_OPPORTUNITIES).map((o) => ({ ...o, typeName: typeName(o.typeId) }))
		},
		params: radarParamsOf(filter, result.query).toString(),
		options: {
			type: facets.type.map((o) => ({ value: o.value, label: VOCABULARY.byId.get(o.value)?.name ?? o.label })),
			supplier: facets.supplier.map((o) => ({ value: o.value, label: o.label })),
			product: facets.product.map((o) => ({ value: o.value, label: o.label })),
			orgType: facets.orgType.map((o) => ({ value: o.value, label: o.label })),
			region: facets.region.map((o) => ({ value: o.value, label: o.label }))
		}
	};
};

// The catalogue: search and facets over published maps, server-rendered so it works without
// JavaScript and every result set is a shareable URL.
import { parseSearchQuery } from '$lib/catalogue/index.js';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const query = parseSearchQuery(url.searchParams);
	const catalogue = stackmap().catalogue;
	setHeaders({ 'cache-control': 'no-store' });
	return {
		query,
		result: await catalogue.search(query),
		organisationCount: catalogue.index.facets.totals('org').length
	};
};

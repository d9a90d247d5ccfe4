// GET /api/catalogue.csv — the published maps a search finds, one row each (every page, up to 10,000).
import { orgTypeLabel, parseSearchQuery } from '$lib/catalogue/index.js';
import { csvResponse } from '$lib/server/catalogue/csv.js';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const query = parseSearchQuery(url.searchParams);
	const result = await stackmap().catalogue.search({ ...query, page: 1, perPage: 10_000 });
	const iso = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : '');
	return csvResponse('catalogue.csv', [
		['Map ID', 'Title', 'Organisation', 'Organisation type', 'Region', 'Components', 'Component types', 'Untyped components', 'Published', 'Updated', 'Licence', 'Fictional', 'Details withheld', 'URL'],
		...result.results.map((e) => [
			e.id,
			e.title,
			e.organisation?.name ?? '',
			e.organisation ? orgTypeLabel(e.organisation.type) : '',
			e.organisation?.region ?? '',
			String(e.componentCount),
			String(e.typeCount),
			String(e.untypedCount),
			iso(e.publishedAt),
			iso(e.updatedAt),
			e.licence,
			e.fictional ? 'Yes' : 'No',
			[e.redaction.products ? 'products' : '', e.redaction.suppliers ? 'suppliers' : '', e.redaction.notes ? 'notes' : ''].filter(Boolean).join('; '),
			`${url.origin}/catalogue/maps/${e.id}`
		])
	]);
};

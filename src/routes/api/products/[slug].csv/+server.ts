// GET /api/products/<slug>.csv — every published component naming this product, one row each.
import { error } from '@sveltejs/kit';
import { VOCABULARY } from '$lib/catalogue/index.js';
import { csvResponse, num } from '$lib/server/catalogue/csv.js';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	const f = stackmap().catalogue.product(params.slug, Number.MAX_SAFE_INTEGER);
	if (!f) error(404, 'No published map names this product');
	return csvResponse(`${f.slug}.csv`, [
		['Map ID', 'Map', 'Organisation', 'Fictional', 'Type ID', 'Type', 'Component', 'Product', 'Supplier', 'Sourcing', 'Lifecycle', 'Evolution'],
		...f.uses.map((u) => [
			u.map.id,
			u.map.title,
			u.map.organisation?.name ?? '',
			u.map.fictional ? 'Yes' : 'No',
			u.typeId,
			VOCABULARY.byId.get(u.typeId)?.name ?? '',
			u.name,
			u.product,
			u.supplier,
			u.sourcing,
			u.lifecycle,
			num(u.evolution)
		])
	]);
};

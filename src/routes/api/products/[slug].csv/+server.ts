// GET /api/products/<slug>.csv — every published component naming this product, one row each.
import { error } from '@sveltejs/kit';
import { footprintCsv } from '$lib/server/catalogue/csv.js';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const f = await stackmap().catalogue.product(params.slug, Number.MAX_SAFE_INTEGER);
	if (!f) error(404, 'No published map names this product');
	return footprintCsv(f);
};

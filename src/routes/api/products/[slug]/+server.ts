// GET /api/products/<slug> — a product's footprint across published maps.
import { error, json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit')) || 200));
	const footprint = await stackmap().catalogue.product(params.slug, limit);
	if (!footprint) error(404, 'No published map names this product');
	return json(footprint, { headers: { 'cache-control': 'no-store' } });
};

// GET /api/suppliers/<slug> — a supplier's footprint across published maps.
import { error, json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit')) || 200));
	const footprint = await stackmap().catalogue.supplier(params.slug, limit);
	if (!footprint) error(404, 'No published map names this supplier');
	return json(footprint, { headers: { 'cache-control': 'no-store' } });
};

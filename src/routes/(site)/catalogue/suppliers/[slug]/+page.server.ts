// A supplier's footprint across published maps.
import { error } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const footprint = await stackmap().catalogue.supplier(params.slug);
	if (!footprint) error(404, 'No published map names this supplier');
	setHeaders({ 'cache-control': 'no-store' });
	return { footprint };
};

// Every product named in published maps, most used first (optionally filtered by name).
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const needle = q.toLowerCase();
	const all = stackmap().catalogue.index.facets.totals('product');
	return { q, items: needle ? all.filter((s) => s.label.toLowerCase().includes(needle)) : all.slice(0, 500) };
};

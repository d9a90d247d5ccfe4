// Every supplier named in published maps, most used first (optionally filtered by name), and
// the suppliers holding the most published contracts.
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const needle = q.toLowerCase();
	const all = stackmap().catalogue.index.facets.totals('supplier');
	return { q, holders: await stackmap().catalogue.contractHolders(10), items: needle ? all.filter((s) => s.label.toLowerCase().includes(needle)) : all.slice(0, 500) };
};

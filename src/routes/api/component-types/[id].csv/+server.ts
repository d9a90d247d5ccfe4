// GET /api/component-types/<id>.csv — every published component of this type, one row each.
import { error } from '@sveltejs/kit';
import { orgTypeLabel, typeById, VOCABULARY } from '$lib/catalogue/index.js';
import { csvResponse, num } from '$lib/server/catalogue/csv.js';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const type = typeById(VOCABULARY, params.id);
	if (!type) error(404, 'No component type with that id');
	const usage = await stackmap().catalogue.typeUsage(type.id, Number.MAX_SAFE_INTEGER);
	return csvResponse(`${type.id}.csv`, [
		['Map ID', 'Map', 'Organisation', 'Organisation type', 'Region', 'Fictional', 'Component', 'Product', 'Supplier', 'Sourcing', 'Lifecycle', 'Evolution', 'Visibility'],
		...usage.uses.map((u) => [
			u.map.id,
			u.map.title,
			u.map.organisation?.name ?? '',
			u.map.organisation ? orgTypeLabel(u.map.organisation.type) : '',
			u.map.organisation?.region ?? '',
			u.map.fictional ? 'Yes' : 'No',
			u.name,
			u.product,
			u.supplier,
			u.sourcing,
			u.lifecycle,
			num(u.evolution),
			num(u.visibility)
		])
	]);
};

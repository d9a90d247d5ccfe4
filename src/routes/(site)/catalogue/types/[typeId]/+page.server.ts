// "Who uses what" for one component type: the published maps that have it, the products and
// suppliers that fill it (with their shares of councils and the HHI), and where councils place it.
import { error } from '@sveltejs/kit';
import { typeById, VOCABULARY } from '$lib/catalogue/index.js';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const type = typeById(VOCABULARY, params.typeId);
	if (!type) error(404, 'There is no component type with that id');
	setHeaders({ 'cache-control': 'no-store' });
	return {
		type,
		dependsOn: type.dependsOn.flatMap((id) => {
			const t = typeById(VOCABULARY, id);
			return t ? [{ id: t.id, name: t.name }] : [];
		}),
		usage: await stackmap().catalogue.typeUsage(type.id),
		concentration: await stackmap().catalogue.concentration(type.id)
	};
};

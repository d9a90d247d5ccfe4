// Every component type of the shared vocabulary, by LGAM layer, with how many published maps use it.
import { typesByLayer, VOCABULARY } from '$lib/catalogue/index.js';
import { stackmap } from '$lib/server/context.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const counts = new Map(stackmap().catalogue.index.facets.totals('type').map((c) => [c.value, c.count]));
	return {
		catalogueSize: stackmap().catalogue.index.facets.size,
		layers: typesByLayer(VOCABULARY).map((g) => ({
			layer: g.layer,
			types: g.nodes.flatMap((n) => n.types.map((t) => ({ id: t.id, name: t.name, node: n.node, stage: t.stage, maps: counts.get(t.id) ?? 0 })))
		}))
	};
};

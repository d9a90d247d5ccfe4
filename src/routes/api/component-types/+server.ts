// GET /api/component-types — the shared vocabulary with how many published maps use each type.
import { json } from '@sveltejs/kit';
import { VOCABULARY } from '$lib/catalogue/index.js';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const counts = new Map(stackmap().catalogue.index.facets.totals('type').map((c) => [c.value, c.count]));
	return json(
		VOCABULARY.types.map((t) => ({ id: t.id, name: t.name, layer: t.layer, node: t.node, stage: t.stage, typicalRange: [t.xLo, t.xHi], maps: counts.get(t.id) ?? 0 })),
		{ headers: { 'cache-control': 'no-store' } }
	);
};

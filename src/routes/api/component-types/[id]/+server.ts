// GET /api/component-types/<id> — who uses this type: maps, products, suppliers, evolution spread.
import { error, json } from '@sveltejs/kit';
import { typeById, VOCABULARY } from '$lib/catalogue/index.js';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	const type = typeById(VOCABULARY, params.id);
	if (!type) error(404, 'No component type with that id');
	const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit')) || 200));
	const { positions, ...usage } = await stackmap().catalogue.typeUsage(type.id, limit);
	return json(
		{ type: { id: type.id, name: type.name, layer: type.layer, node: type.node, stage: type.stage, typicalRange: [type.xLo, type.xHi] }, ...usage, positions },
		{ headers: { 'cache-control': 'no-store' } }
	);
};

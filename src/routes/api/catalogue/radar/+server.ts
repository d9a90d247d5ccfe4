// GET /api/catalogue/radar — published contracts due in a window and joint-procurement opportunities (docs/api.md).
import { json } from '@sveltejs/kit';
import { radarFor, typeName } from '$lib/server/catalogue/radar.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const { today, filter, result } = await radarFor(url);
	return json(
		{
			today,
			filter,
			...result,
			opportunities: result.opportunities.map((o) => ({ ...o, typeName: typeName(o.typeId) }))
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};

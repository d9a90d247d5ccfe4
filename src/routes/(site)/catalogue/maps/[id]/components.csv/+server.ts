// GET /catalogue/maps/<id>/components.csv — the published map's components as a register.
import { componentsToCsv } from '$lib/formats/csv/index.js';
import { slugify, VOCABULARY } from '$lib/catalogue/index.js';
import { publicMap } from '$lib/server/catalogue/public-map.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const map = await publicMap(params.id, requestKey(url, request));
	return new Response(componentsToCsv(map.snapshot, VOCABULARY, { bom: true }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${slugify(map.snapshot.title) || 'map'}-components.csv"`,
			'cache-control': 'no-store'
		}
	});
};

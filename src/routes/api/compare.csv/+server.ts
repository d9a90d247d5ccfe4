// GET /api/compare.csv?a=&b= — the comparison table, one row per component type.
import { slugify } from '$lib/catalogue/index.js';
import { compareParams, comparisonCsv } from '$lib/server/catalogue/compare.js';
import { csvResponse } from '$lib/server/catalogue/csv.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const view = await compareParams(url.searchParams);
	return csvResponse(`compare-${slugify(view.names.a)}-${slugify(view.names.b)}.csv`, comparisonCsv(view));
};

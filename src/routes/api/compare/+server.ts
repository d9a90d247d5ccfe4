// GET /api/compare?a=&b= — compare two maps by component type (akey/bkey for maps that are not public).
import { json } from '@sveltejs/kit';
import { compareParams, comparisonJson } from '$lib/server/catalogue/compare.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) =>
	json(comparisonJson(await compareParams(url.searchParams)), { headers: { 'cache-control': 'no-store' } });

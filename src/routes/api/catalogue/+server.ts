// GET /api/catalogue — search published maps: ?q=&orgType=&region=&org=&layer=&type=&supplier=&product=&sort=&page=&perPage=
import { json } from '@sveltejs/kit';
import { parseSearchQuery } from '$lib/catalogue/index.js';
import { stackmap } from '$lib/server/context.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const query = parseSearchQuery(url.searchParams);
	return json({ query, ...(await stackmap().catalogue.search(query)) }, { headers: { 'cache-control': 'no-store' } });
};

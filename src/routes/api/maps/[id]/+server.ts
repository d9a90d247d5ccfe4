// GET /api/maps/<id> — the map as JSON (the public snapshot format, docs/map.schema.json).
import { json } from '@sveltejs/kit';
import { currentSnapshot, requestKey, requireAccess } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	await requireAccess(params.id, requestKey(url, request));
	return json(await currentSnapshot(params.id), { headers: { 'cache-control': 'no-store' } });
};

// POST /api/maps/<id>/links/<role> — rotate one link (facilitator only): a new key is returned and
// the old one stops working at once; sockets that joined with it are closed with 4403.
import { json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { requestKey, requireAccess, requireRole } from '$lib/server/maps.js';
import { linkRole } from '$lib/server/request.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, url, request }) => {
	const callerKey = requestKey(url, request);
	const access = await requireAccess(params.id, callerKey);
	requireRole(access, 'facilitator', 'change the map’s links');
	const role = linkRole(params.role);
	// The caller's (facilitator) key keeps the edit and view links it can copy again in step.
	const key = await stackmap().workshops.rotateLink(params.id, role, callerKey ?? undefined);
	return json({ role, key, url: `${url.origin}/maps/${params.id}?key=${encodeURIComponent(key)}` }, { headers: { 'cache-control': 'no-store' } });
};

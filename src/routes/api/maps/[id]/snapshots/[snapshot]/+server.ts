// GET /api/maps/<id>/snapshots/<sid> — one named snapshot as a MapSnapshot (facilitator, participant);
// its name and date are in the list. DELETE — remove it (facilitator).
import { error, json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { requestKey, requireAccess, requireRole } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const access = await requireAccess(params.id, requestKey(url, request));
	requireRole(access, 'participant', 'see snapshots');
	const saved = await stackmap().workshops.snapshots.get(params.id, params.snapshot);
	if (!saved) error(404, 'Snapshot not found');
	return json(saved.snapshot, { headers: { 'cache-control': 'no-store' } });
};

export const DELETE: RequestHandler = async ({ params, url, request }) => {
	const access = await requireAccess(params.id, requestKey(url, request));
	requireRole(access, 'facilitator', 'delete snapshots');
	if (!(await stackmap().workshops.snapshots.remove(params.id, params.snapshot))) error(404, 'Snapshot not found');
	return new Response(null, { status: 204 });
};

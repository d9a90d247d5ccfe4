// POST /api/maps/<id>/snapshots/<sid>/restore — make the live map match the snapshot for everyone,
// after saving the current map as "Before restoring “<name>”" (facilitator). Body: {"by": "Ana"}.
// 413 {error} when the snapshot is over the map size limits (lowered since it was saved).
import { error, json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { orTooBig, requestKey, requireAccess, requireRole } from '$lib/server/maps.js';
import { byName, jsonBody } from '$lib/server/request.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, url, request }) => {
	const access = await requireAccess(params.id, requestKey(url, request));
	requireRole(access, 'facilitator', 'restore snapshots');
	const by = byName(await jsonBody(request));
	const outcome = await orTooBig(() => stackmap().workshops.restore(params.id, params.snapshot, by));
	if (outcome instanceof Response) return outcome;
	if (!outcome) error(404, 'Snapshot not found');
	return json(outcome);
};

// GET /api/maps/<id>/snapshots — the map's named snapshots, newest first (facilitator, participant).
// POST — save the map as it is now: {"name": "agreed", "by": "Ana"} (facilitator).
import { error, json } from '@sveltejs/kit';
import { isSnapshotLimit, stackmap } from '$lib/server/context.js';
import { requestKey, requireAccess, requireRole } from '$lib/server/maps.js';
import { byName, jsonBody } from '$lib/server/request.js';
import { sanitiseName } from '$lib/collab/names.js';
import { MAX_SNAPSHOT_NAME } from '$lib/map/index.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const access = await requireAccess(params.id, requestKey(url, request));
	requireRole(access, 'participant', 'see snapshots');
	return json(await stackmap().workshops.snapshots.list(params.id), { headers: { 'cache-control': 'no-store' } });
};

export const POST: RequestHandler = async ({ params, url, request }) => {
	const access = await requireAccess(params.id, requestKey(url, request));
	requireRole(access, 'facilitator', 'save snapshots');
	const body = await jsonBody(request);
	const name = typeof body.name === 'string' && body.name.length <= MAX_SNAPSHOT_NAME ? sanitiseName(body.name, MAX_SNAPSHOT_NAME) : '';
	if (!name) error(400, `name must be text of 1 to ${MAX_SNAPSHOT_NAME} characters, e.g. {"name": "agreed"}`);
	try {
		return json(await stackmap().workshops.saveSnapshot(params.id, name, byName(body)), { status: 201 });
	} catch (err) {
		if (isSnapshotLimit(err)) error(409, err.message);
		throw err;
	}
};

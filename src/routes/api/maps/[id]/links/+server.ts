// GET /api/maps/<id>/links — the current edit and view links, for a facilitator on any device
// (facilitator only), and how many are connected with each link now.
import { json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { requestKey, requireAccess, requireRole } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const key = requestKey(url, request);
	const access = await requireAccess(params.id, key);
	requireRole(access, 'facilitator', 'see the map’s links');
	const { workshops } = stackmap();
	// A signed-in owner without the facilitator key cannot open the links sealed under it.
	const keys = access.byKey ? await workshops.sharedKeys(params.id, key!) : { participant: null, viewer: null };
	const link = (k: string | null) => (k ? { key: k, url: `${url.origin}/maps/${params.id}?key=${encodeURIComponent(k)}` } : null);
	return json(
		{ participant: link(keys.participant), viewer: link(keys.viewer), connected: await workshops.connected(params.id) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};

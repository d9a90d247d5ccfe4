// GET /api/maps/<id>/history?since=<epoch ms>&element=<id>&limit=<n> — who changed what, per
// minute, person and element, most recent first (facilitator, participant).
import { error, json } from '@sveltejs/kit';
import { stackmap } from '$lib/server/context.js';
import { requestKey, requireAccess, requireRole } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

function int(value: string | null, what: string): number | undefined {
	if (value === null || value === '') return undefined;
	const n = Number(value);
	if (!Number.isSafeInteger(n) || n < 0) error(400, `${what} must be a whole number`);
	return n;
}

export const GET: RequestHandler = async ({ params, url, request }) => {
	const access = await requireAccess(params.id, requestKey(url, request));
	requireRole(access, 'participant', 'see the history');
	const element = url.searchParams.get('element');
	if (element !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(element)) error(400, 'element must be an element id');
	const entries = await stackmap().workshops.history.list(params.id, {
		since: int(url.searchParams.get('since'), 'since'),
		limit: int(url.searchParams.get('limit'), 'limit'),
		elementId: element ?? undefined
	});
	return json(entries, { headers: { 'cache-control': 'no-store' } });
};

// GET /api/overlay?map=&map=… | ?parent=<org> | ?<search parameters> — overlay many maps by component type.
import { error, json } from '@sveltejs/kit';
import { chooseMaps, overlayOf, overlayTypes } from '$lib/server/catalogue/overlay.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const { selection, chosen } = await chooseMaps(url.searchParams);
	if (!selection.asked) error(400, 'Choose maps: ?map=<id or link> (repeat), ?parent=<organisation>, or catalogue search parameters');
	const overlay = overlayOf(chosen);
	return json(
		{
			maps: selection.maps,
			matched: selection.matched,
			sharedCore: overlay.sharedCore.map((t) => t.typeId),
			types: overlayTypes(overlay),
			untyped: overlay.untyped
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};

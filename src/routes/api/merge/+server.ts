// POST /api/merge — {maps: [id or link, …] (2–10), title?} → 201: a new private draft map with
// the union of the maps by component type, duplicates flagged; its links and the duplicates.
import { error, json } from '@sveltejs/kit';
import { VOCABULARY } from '$lib/catalogue/index.js';
import { mergeToDraft } from '$lib/server/catalogue/create.js';
import { parseMapRef, resolveMap } from '$lib/server/catalogue/resolve.js';
import { mapLinks } from '$lib/server/maps.js';
import { jsonBody } from '$lib/server/request.js';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, url }) => {
	const body = await jsonBody(request);
	if (!Array.isArray(body.maps) || body.maps.some((m) => typeof m !== 'string' && (typeof m !== 'object' || m === null))) {
		error(400, 'maps must be a list of map ids or links (or {id, key} objects)');
	}
	const refs = (body.maps as unknown[]).map((m) => {
		const ref = typeof m === 'string' ? parseMapRef(m) : { id: String((m as { id?: unknown }).id ?? ''), key: String((m as { key?: unknown }).key ?? '') || null };
		if (!ref) error(400, `Not a map id or link: ${String(m).slice(0, 60)}`);
		return ref;
	});
	const unique = [...new Map(refs.map((r) => [r.id, r])).values()];
	if (unique.length < 2 || unique.length > 10) error(400, 'Merge needs 2 to 10 different maps');
	const title = typeof body.title === 'string' ? body.title : '';
	if (title.length > 200) error(400, 'title can be at most 200 characters');
	const { created, duplicates } = await mergeToDraft(await Promise.all(unique.map((r) => resolveMap(r))), title);
	return json(
		{
			id: created.id,
			...mapLinks(url.origin, created.id, created.keys),
			duplicates: duplicates.map((d) => ({ typeId: d.typeId, typeName: VOCABULARY.byId.get(d.typeId)?.name ?? d.typeId, components: d.components }))
		},
		{ status: 201 }
	);
};

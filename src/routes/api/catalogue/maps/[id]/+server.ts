// GET /api/catalogue/maps/<id> — a published or unlisted map's catalogue record: title, owner,
// licence, what is withheld, and links to its picture, components and data.
import { json } from '@sveltejs/kit';
import { publicMap } from '$lib/server/catalogue/public-map.js';
import { requestKey } from '$lib/server/maps.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const m = await publicMap(params.id, requestKey(url, request));
	const base = `${url.origin}/catalogue/maps/${m.id}`;
	return json(
		{
			id: m.id,
			title: m.snapshot.title,
			description: m.description,
			visibility: m.publication.visibility,
			organisation: m.organisation,
			fictional: m.fictional,
			licence: m.publication.licence,
			withheld: m.publication.redaction,
			sharedWithYou: m.shared,
			publishedAt: m.publication.publishedAt,
			updatedAt: m.updatedAt,
			componentCount: m.snapshot.components.filter((c) => c.kind !== 'anchor').length,
			links: { page: base, svg: `${base}/map.svg`, components: `${base}/components.csv`, map: `${url.origin}/api/maps/${m.id}` }
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};

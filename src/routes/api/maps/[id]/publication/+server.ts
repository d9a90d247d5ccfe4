// GET /api/maps/<id>/publication — publishing settings (facilitator key).
// PUT /api/maps/<id>/publication — change them: {visibility, organisation, organisationKey, description, licence, redaction, sharedWith}.
import { json } from '@sveltejs/kit';
import { publish, publishJsonInput, requireFacilitator } from '$lib/server/catalogue/publish.js';
import { stackmap, type Publication } from '$lib/server/context.js';
import { requestKey } from '$lib/server/maps.js';
import { jsonBody } from '$lib/server/request.js';
import type { RequestHandler } from './$types';

function view(id: string, pub: Publication, origin: string) {
	const org = stackmap().catalogue.orgs.get(pub.orgId);
	return {
		visibility: pub.visibility,
		organisation: org?.slug ?? null,
		description: pub.description,
		licence: pub.licence,
		redaction: pub.redaction,
		publishedAt: pub.publishedAt,
		fictional: pub.fictional,
		forkedFrom: pub.forkedFrom,
		sharedWith: pub.sharedWith.map((o) => stackmap().catalogue.orgs.get(o)?.slug).filter((s) => s !== undefined),
		publicUrl: pub.visibility === 'private' ? null : `${origin}/catalogue/maps/${id}`
	};
}

export const GET: RequestHandler = async ({ params, url, request }) => {
	await requireFacilitator(params.id, requestKey(url, request));
	return json(view(params.id, (await stackmap().catalogue.publication(params.id))!, url.origin), { headers: { 'cache-control': 'no-store' } });
};

export const PUT: RequestHandler = async ({ params, url, request }) => {
	await requireFacilitator(params.id, requestKey(url, request));
	const pub = await publish(params.id, publishJsonInput(await jsonBody(request)));
	return json(view(params.id, pub, url.origin));
};

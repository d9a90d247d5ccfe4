// GET /api/organisations — every organisation with its published maps count.
// POST /api/organisations — add one: {name, type, region?, parent?, website?, description?} → 201 with its admin key (shown once).
import { error, json } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues } from '$lib/server/catalogue/org-form.js';
import { stackmap } from '$lib/server/context.js';
import { jsonBody } from '$lib/server/workshop.js';
import { orgSummary } from '../../../../server/catalogue/entries.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const catalogue = stackmap().catalogue;
	const counts = new Map(catalogue.index.facets.totals('org').map((c) => [c.value, c.count]));
	return json(
		catalogue.orgs.all().map((o) => ({ ...orgSummary(o)!, parent: catalogue.orgs.get(o.parentId)?.slug ?? null, publishedMaps: counts.get(o.slug) ?? 0 })),
		{ headers: { 'cache-control': 'no-store' } }
	);
};

export const POST: RequestHandler = async ({ request, url }) => {
	const orgs = stackmap().catalogue.orgs;
	const { input, errors } = checkOrgForm(orgFormValues(await jsonBody(request)), orgs);
	if (!input) error(400, Object.values(errors).join('; '));
	const { organisation, adminKey } = orgs.create(input);
	return json(
		{ ...orgSummary(organisation)!, adminKey, manageUrl: `${url.origin}/catalogue/organisations/${organisation.slug}/manage?key=${adminKey}` },
		{ status: 201 }
	);
};

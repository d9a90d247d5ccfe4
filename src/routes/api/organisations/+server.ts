// GET /api/organisations — every organisation with its published maps count.
// POST /api/organisations — add one: {name, type, region?, parent?, parentKey?, website?, description?} → 201 with its admin key (shown once); a signed-in creator becomes its first admin.
import { error, json } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues, orgPlacement } from '$lib/server/catalogue/org-form.js';
import { firstAdmin } from '$lib/server/catalogue/org-people.js';
import { stackmap } from '$lib/server/context.js';
import { jsonBody } from '$lib/server/request.js';
import { orgSummary } from '$lib/catalogue/index.js';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const catalogue = stackmap().catalogue;
	const counts = new Map(catalogue.index.facets.totals('org').map((c) => [c.value, c.count]));
	return json(
		catalogue.orgs.all().map((o) => ({ ...orgSummary(o)!, parent: catalogue.orgs.get(o.parentId)?.slug ?? null, publishedMaps: counts.get(o.slug) ?? 0 })),
		{ headers: { 'cache-control': 'no-store' } }
	);
};

export const POST: RequestHandler = async ({ request, url, locals }) => {
	const orgs = stackmap().catalogue.orgs;
	const values = orgFormValues(await jsonBody(request));
	const { input, errors, status } = await checkOrgForm(values, orgs);
	if (!input) error(status, Object.values(errors).join('; '));
	const { organisation, adminKey } = await orgs.create(input, values.parentKey);
	await firstAdmin(organisation.id, locals.user);
	return json(
		{
			...orgSummary(organisation)!,
			...orgPlacement(organisation, orgs),
			adminKey,
			manageUrl: `${url.origin}/catalogue/organisations/${organisation.slug}/manage?key=${adminKey}`
		},
		{ status: 201 }
	);
};

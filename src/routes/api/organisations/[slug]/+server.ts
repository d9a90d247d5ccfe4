// GET /api/organisations/<slug> — a profile and its published maps.
// PATCH /api/organisations/<slug> (admin key or token as Bearer or ?key=, or a signed-in admin) — change profile fields; a new
// `parent` needs that parent's admin key as `parentKey`, or waits for its admin's approval.
import { error, json } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues, orgPlacement, requestedParent } from '$lib/server/catalogue/org-form.js';
import { audit, changedFields } from '$lib/server/catalogue/org-audit.js';
import { orgAdmin } from '$lib/server/catalogue/org-people.js';
import { stackmap } from '$lib/server/context.js';
import { requestKey } from '$lib/server/maps.js';
import { jsonBody } from '$lib/server/request.js';
import { orgSummary } from '$lib/catalogue/index.js';
import type { RequestHandler } from './$types';

function find(slug: string) {
	const org = stackmap().catalogue.orgs.bySlug(slug);
	if (!org) error(404, 'Organisation not found');
	return org;
}

export const GET: RequestHandler = async ({ params }) => {
	const catalogue = stackmap().catalogue;
	const org = find(params.slug);
	return json(
		{
			...orgSummary(org)!,
			website: org.website,
			description: org.description,
			parent: orgSummary(catalogue.orgs.get(org.parentId)),
			members: catalogue.orgs.children(org.id).map((c) => orgSummary(c)!),
			maps: await catalogue.organisationMaps(org.slug)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};

export const PATCH: RequestHandler = async ({ params, url, request }) => {
	const catalogue = stackmap().catalogue;
	const org = find(params.slug);
	const actor = await orgAdmin(org.id, requestKey(url, request));
	if (!actor) error(403, 'This needs the organisation’s admin key or an admin token');
	const body = await jsonBody(request);
	const current = { name: org.name, type: org.type, region: org.region, parent: requestedParent(org, catalogue.orgs), website: org.website, description: org.description };
	const values = orgFormValues({ ...current, ...body });
	const { input, errors, status } = await checkOrgForm(values, catalogue.orgs, org.id);
	if (!input) error(status, Object.values(errors).join('; '));
	const updated = await catalogue.orgs.update(org.id, input, values.parentKey);
	await catalogue.index.refreshOrganisation(org.id);
	await audit(org.id, actor.label, 'profile changed', changedFields(org, updated));
	return json({ ...orgSummary(updated)!, ...orgPlacement(updated, catalogue.orgs) });
};

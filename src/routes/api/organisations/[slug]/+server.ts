// GET /api/organisations/<slug> — a profile and its published maps.
// PATCH /api/organisations/<slug> (admin key as Bearer or ?key=) — change profile fields.
import { error, json } from '@sveltejs/kit';
import { checkOrgForm, orgFormValues } from '$lib/server/catalogue/org-form.js';
import { stackmap } from '$lib/server/context.js';
import { requestKey } from '$lib/server/maps.js';
import { jsonBody } from '$lib/server/workshop.js';
import { orgSummary } from '../../../../../server/catalogue/entries.js';
import type { RequestHandler } from './$types';

function find(slug: string) {
	const org = stackmap().catalogue.orgs.bySlug(slug);
	if (!org) error(404, 'Organisation not found');
	return org;
}

export const GET: RequestHandler = ({ params }) => {
	const catalogue = stackmap().catalogue;
	const org = find(params.slug);
	return json(
		{
			...orgSummary(org)!,
			website: org.website,
			description: org.description,
			parent: orgSummary(catalogue.orgs.get(org.parentId)),
			members: catalogue.orgs.children(org.id).map((c) => orgSummary(c)!),
			maps: catalogue.organisationMaps(org.slug)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};

export const PATCH: RequestHandler = async ({ params, url, request }) => {
	const catalogue = stackmap().catalogue;
	const org = find(params.slug);
	if (!catalogue.orgs.verifyKey(org.id, requestKey(url, request))) error(403, 'This needs the organisation’s admin key');
	const body = await jsonBody(request);
	const current = { name: org.name, type: org.type, region: org.region, parent: catalogue.orgs.get(org.parentId)?.slug ?? '', website: org.website, description: org.description };
	const { input, errors } = checkOrgForm(orgFormValues({ ...current, ...body }), catalogue.orgs);
	if (!input) error(400, Object.values(errors).join('; '));
	const updated = catalogue.orgs.update(org.id, input);
	catalogue.index.refreshOrganisation(org.id);
	return json(orgSummary(updated));
};

// Organisation profile forms: read and check the fields posted by the create and manage pages
// (and the JSON API), with a message per field for the GOV.UK error summary.
import { isOrgType, REGIONS, type OrgType } from '../../catalogue/index.js';
import type { Organisation, OrganisationInput, Organisations } from '../context.js';
import type { OrgFormErrors, OrgFormValues } from '../../catalogue/index.js';

export type { OrgFormValues, OrgFormErrors };

/** The posted fields as text (missing ones empty). */
export function orgFormValues(form: FormData | Record<string, unknown>): OrgFormValues {
	const get = (k: string) => {
		const v = form instanceof FormData ? form.get(k) : form[k];
		return typeof v === 'string' ? v.trim() : '';
	};
	return {
		name: get('name'),
		type: get('type'),
		region: get('region'),
		parent: get('parent'),
		parentKey: get('parentKey'),
		website: get('website'),
		description: get('description')
	};
}

/** The result of checking a profile form: the input for Organisations, or the errors and the status they answer with. */
export interface OrgFormCheck {
	readonly input?: OrganisationInput;
	readonly errors: OrgFormErrors;
	/** 403 when the only problem is a wrong admin key for the parent; 400 otherwise. */
	readonly status: 400 | 403;
}

/**
 * Check the fields for a new organisation (`id` null) or for organisation `id`: each field's
 * form, then what the catalogue refuses (a name already taken, a wrong key for the parent).
 */
export async function checkOrgForm(values: OrgFormValues, orgs: Organisations, id: number | null = null): Promise<OrgFormCheck> {
	const errors: OrgFormErrors = {};
	if (values.name.length < 2 || values.name.length > 200) errors.name = 'Enter the organisation’s name (2 to 200 characters)';
	if (!isOrgType(values.type)) errors.type = 'Choose the type of organisation';
	if (values.region && !REGIONS.includes(values.region)) errors.region = 'Choose a region from the list';
	const parent = values.parent ? orgs.bySlug(values.parent) : undefined;
	if (values.parent && !parent) errors.parent = 'Choose an organisation from the list';
	if (values.website && !/^https:\/\/[^\s<>"]{3,300}$/.test(values.website)) errors.website = 'Enter a website address starting with https://';
	if (values.description.length > 2000) errors.description = 'The description can be at most 2,000 characters';
	const input: OrganisationInput = {
		name: values.name,
		type: values.type as OrgType,
		region: values.region,
		parentId: parent?.id ?? null,
		website: values.website,
		description: values.description
	};
	const refusals = await orgs.refusals({ ...input, name: errors.name ? undefined : input.name, parentId: errors.parent ? undefined : input.parentId }, id, values.parentKey);
	for (const r of refusals) if (r.field !== 'member') errors[r.field] ??= r.message;
	const fields = Object.keys(errors);
	if (fields.length === 0) return { errors, input, status: 400 };
	const onlyKey = fields.every((f) => refusals.some((r) => r.field === f && r.status === 403));
	return { errors, status: onlyKey ? 403 : 400 };
}

/** Where an organisation sits, by slug: its parent (approved) and the one it has asked to join. */
export function orgPlacement(org: Organisation, orgs: Organisations): { parent: string | null; pendingParent: string | null } {
	return { parent: orgs.get(org.parentId)?.slug ?? null, pendingParent: orgs.get(org.pendingParentId)?.slug ?? null };
}

/** The parent shown in the profile form: the one asked for while waiting, else the current one. */
export function requestedParent(org: Organisation, orgs: Organisations): string {
	return (orgs.get(org.pendingParentId) ?? orgs.get(org.parentId))?.slug ?? '';
}

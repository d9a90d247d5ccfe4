// Organisation profile forms: read and check the fields posted by the create and manage pages
// (and the JSON API), with a message per field for the GOV.UK error summary.
import { isOrgType, REGIONS, type OrgType } from '../../catalogue/index.js';
import type { OrganisationInput, Organisations } from '../../../../server/catalogue/organisations.js';
import type { OrgFormErrors, OrgFormValues } from '../../ui/org-form.js';

export type { OrgFormValues, OrgFormErrors };

/** The posted fields as text (missing ones empty). */
export function orgFormValues(form: FormData | Record<string, unknown>): OrgFormValues {
	const get = (k: string) => {
		const v = form instanceof FormData ? form.get(k) : form[k];
		return typeof v === 'string' ? v.trim() : '';
	};
	return { name: get('name'), type: get('type'), region: get('region'), parent: get('parent'), website: get('website'), description: get('description') };
}

/** Check the fields; returns the input for Organisations or the errors per field. */
export function checkOrgForm(values: OrgFormValues, orgs: Organisations): { input?: OrganisationInput; errors: OrgFormErrors } {
	const errors: OrgFormErrors = {};
	if (values.name.length < 2 || values.name.length > 200) errors.name = 'Enter the organisation’s name (2 to 200 characters)';
	if (!isOrgType(values.type)) errors.type = 'Choose the type of organisation';
	if (values.region && !REGIONS.includes(values.region)) errors.region = 'Choose a region from the list';
	const parent = values.parent ? orgs.bySlug(values.parent) : undefined;
	if (values.parent && !parent) errors.parent = 'Choose an organisation from the list';
	if (values.website && !/^https:\/\/[^\s<>"]{3,300}$/.test(values.website)) errors.website = 'Enter a website address starting with https://';
	if (values.description.length > 2000) errors.description = 'The description can be at most 2,000 characters';
	if (Object.keys(errors).length > 0) return { errors };
	return {
		errors,
		input: {
			name: values.name,
			type: values.type as OrgType,
			region: values.region,
			parentId: parent?.id ?? null,
			website: values.website,
			description: values.description
		}
	};
}

// Kinds of organisation that publish maps, English regions, licences and short names for
// sentences. Plain data and string helpers; imports nothing.

/** Organisation types, as stored (the value) and shown (the label). */
export const ORG_TYPES = Object.freeze([
	{ value: 'county', label: 'County council' },
	{ value: 'district', label: 'District council' },
	{ value: 'unitary', label: 'Unitary authority' },
	{ value: 'metropolitan', label: 'Metropolitan borough' },
	{ value: 'london-borough', label: 'London borough' },
	{ value: 'other', label: 'Other public body' }
] as const);

export type OrgType = (typeof ORG_TYPES)[number]['value'];

/** Regions of the UK (the nine English regions, then the nations). */
export const REGIONS: readonly string[] = Object.freeze([
	'North East',
	'North West',
	'Yorkshire and the Humber',
	'East Midlands',
	'West Midlands',
	'East of England',
	'London',
	'South East',
	'South West',
	'Scotland',
	'Wales',
	'Northern Ireland'
]);

export function isOrgType(value: unknown): value is OrgType {
	return ORG_TYPES.some((t) => t.value === value);
}

export function orgTypeLabel(value: string): string {
	return ORG_TYPES.find((t) => t.value === value)?.label ?? value;
}

/** Licences a publisher can choose; OGL v3 is the default for public-sector content. */
export const LICENCES = Object.freeze([
	{
		id: 'OGL-UK-3.0',
		name: 'Open Government Licence v3.0',
		url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
		attribution: 'Contains public sector information licensed under the Open Government Licence v3.0.'
	},
	{
		id: 'CC-BY-4.0',
		name: 'Creative Commons Attribution 4.0',
		url: 'https://creativecommons.org/licenses/by/4.0/',
		attribution: 'Licensed under Creative Commons Attribution 4.0 International.'
	},
	{
		id: 'CC0-1.0',
		name: 'CC0 1.0 (public domain dedication)',
		url: 'https://creativecommons.org/publicdomain/zero/1.0/',
		attribution: 'Dedicated to the public domain under CC0 1.0.'
	}
] as const);

export type LicenceId = (typeof LICENCES)[number]['id'];
export const DEFAULT_LICENCE: LicenceId = 'OGL-UK-3.0';

export function licenceOf(id: string): (typeof LICENCES)[number] {
	return LICENCES.find((l) => l.id === id) ?? LICENCES[0];
}

const COUNCIL_SUFFIX = /\s+(county|district|borough|city|metropolitan borough|london borough)?\s*council$/i;

/** A council's name for use in sentences: 'Kestrelford County Council' → 'Kestrelford'. */
export function shortOrgName(name: string): string {
	const short = name.replace(COUNCIL_SUFFIX, '').replace(/^(london borough|royal borough) of\s+/i, '').trim();
	return short || name;
}

/** A URL slug: lower case letters, digits and single hyphens ('Port Alder City Council' → 'port-alder-city-council'). */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 80);
}

/**
 * An organisation's name as compared for sameness: case, accents, spacing, punctuation and
 * '&' for 'and' are ignored ('Bath & Wells Council.' and 'bath and  wells council' are one name).
 */
export function organisationNameKey(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

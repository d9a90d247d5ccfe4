// The facts of a contract register row (Local Government Transparency Code 2015), the headers
// councils write for each, and a guessed column mapping from a header row. Pure data and matching.
import { guessMapping } from '../../formats/csv/mapping.js';

/** A fact a register column can hold. */
export type RegisterField =
	| 'reference'
	| 'title'
	| 'department'
	| 'description'
	| 'supplier'
	| 'companyNumber'
	| 'wholeLifeValue'
	| 'annualValue'
	| 'start'
	| 'end'
	| 'review'
	| 'extension'
	| 'route'
	| 'sme'
	| 'vcse';

/** Our fields → the index of the column holding each (absent: not in the file); the CSV import's model. */
export type RegisterMapping = Partial<Record<RegisterField, number>>;

export const REGISTER_FIELDS: readonly RegisterField[] = [
	'reference', 'title', 'department', 'description', 'supplier', 'companyNumber', 'wholeLifeValue', 'annualValue',
	'start', 'end', 'review', 'extension', 'route', 'sme', 'vcse'
];

/** Human names of the fields, for the mapping step. */
export const REGISTER_FIELD_LABELS: Readonly<Record<RegisterField, string>> = {
	reference: 'Reference',
	title: 'Title',
	department: 'Department',
	description: 'Description',
	supplier: 'Supplier',
	companyNumber: 'Company or charity number',
	wholeLifeValue: 'Whole-life value',
	annualValue: 'Annual value',
	start: 'Start date',
	end: 'End date',
	review: 'Review date',
	extension: 'Extension options or date',
	route: 'Procurement route or framework',
	sme: 'SME (Y/N)',
	vcse: 'VCSE (Y/N)'
};

/** Headers seen per field, normalised (lower case, single spaces), best first. */
export const REGISTER_SYNONYMS: Readonly<Record<RegisterField, readonly string[]>> = {
	reference: ['reference', 'contract reference', 'contract ref', 'ref', 'reference number', 'contract id', 'contract number', 'contract no', 'id', 'procurement reference'],
	title: ['title', 'contract title', 'title of agreement', 'agreement title', 'contract name', 'name', 'subject'],
	department: ['department', 'directorate', 'service area', 'department responsible', 'service', 'division', 'responsible department'],
	description: ['description', 'contract description', 'description of goods services', 'description of goods and services', 'goods services', 'details', 'scope'],
	supplier: ['supplier', 'supplier name', 'contractor', 'contractor name', 'provider', 'vendor', 'supplier details', 'company', 'awarded to'],
	companyNumber: ['company no', 'company number', 'companies house number', 'charity no', 'charity number', 'company charity number', 'registration number'],
	wholeLifeValue: ['total value', 'contract value', 'whole life value', 'total contract value', 'estimated value', 'value', 'estimated total value', 'value gbp', 'total value gbp'],
	annualValue: ['annual value', 'estimated annual value', 'annual spend', 'estimated annual spend', 'value per annum', 'annual contract value'],
	start: ['start date', 'contract start date', 'start', 'commencement date', 'date from', 'from'],
	end: ['end date', 'contract end date', 'end', 'expiry date', 'date to', 'to', 'finish date', 'expiry'],
	review: ['review date', 'review', 'next review date'],
	extension: ['extension date', 'extension', 'extension options', 'extension period', 'option to extend', 'extensions'],
	route: ['procurement route', 'framework', 'procurement method', 'route', 'how awarded', 'award procedure', 'invitation to quote tender', 'procurement procedure', 'framework name'],
	sme: ['sme', 'sme y n', 'sme supplier', 'is sme'],
	vcse: ['vcse', 'vcse y n', 'vcse supplier', 'is vcse', 'voluntary or community']
};

/**
 * Guess a mapping from a header row, as the components CSV import does (guessMapping): short
 * words ('id', 'to', 'ref') count only as whole headers.
 */
export function guessRegisterMapping(headers: readonly string[]): RegisterMapping {
	return guessMapping(headers, REGISTER_FIELDS, REGISTER_SYNONYMS, { shortest: 3 });
}

/** How many fields a header row maps: the header is the first row of the file that maps the most. */
export function headerScore(cells: readonly string[]): number {
	return Object.keys(guessRegisterMapping(cells)).length;
}

// The facts of a contract register row (Local Government Transparency Code 2015), the headers
// councils write for each, and a guessed column mapping from a header row. Pure data and matching.
import { normaliseHeader } from '../../formats/csv/mapping.js';

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

/** Score of a header for a field: an exact synonym (earlier better) beats a synonym inside the header. */
function score(header: string, field: RegisterField): number {
	const synonyms = REGISTER_SYNONYMS[field];
	const exact = synonyms.indexOf(header);
	if (exact >= 0) return 100 - exact;
	const words = ` ${header} `;
	let best = 0;
	synonyms.forEach((s, i) => {
		// Short words ('id', 'to', 'ref') only count as whole headers.
		if (s.length > 3 && words.includes(` ${s} `)) best = Math.max(best, 50 - i);
	});
	return best;
}

/**
 * Guess a mapping from a header row, as the components CSV import does: each field takes the
 * column whose header best matches one of its spellings, each column serving at most one field.
 */
export function guessRegisterMapping(headers: readonly string[]): RegisterMapping {
	const candidates: { field: RegisterField; column: number; score: number }[] = [];
	headers.forEach((h, column) => {
		const header = normaliseHeader(h);
		if (!header) return;
		for (const field of REGISTER_FIELDS) {
			const s = score(header, field);
			if (s > 0) candidates.push({ field, column, score: s });
		}
	});
	candidates.sort((a, b) => b.score - a.score || a.column - b.column);
	const mapping: RegisterMapping = {};
	const used = new Set<number>();
	for (const c of candidates) {
		if (mapping[c.field] !== undefined || used.has(c.column)) continue;
		mapping[c.field] = c.column;
		used.add(c.column);
	}
	return mapping;
}

/** How many fields a header row maps: the header is the first row of the file that maps the most. */
export function headerScore(cells: readonly string[]): number {
	return Object.keys(guessRegisterMapping(cells)).length;
}

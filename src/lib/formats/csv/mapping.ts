// Guess which CSV column holds which component field from the header row ("System", "Vendor",
// "x"…), for the import's column-mapping step. Pure.
import { CSV_COLUMNS, HEADER_SYNONYMS, type CsvField } from './fields.js';
import { isContractHeader } from './contracts.js';

/** Our fields → the index of the column holding each (absent fields are not in the file). */
export type CsvMapping = Partial<Record<CsvField, number>>;

/** A header normalised for matching: lower case, punctuation and brackets as spaces. */
export function normaliseHeader(header: string): string {
	return header
		.replace(/^\uFEFF/, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const FIELDS = CSV_COLUMNS.map((c) => c.field);

/**
 * Guess which column holds each field from a header row: each field takes the column whose
 * normalised header best matches one of its spellings (an exact synonym, earlier better, beats a
 * synonym inside the header), each column serving at most one field. Synonyms of `shortest`
 * characters or fewer count only as whole headers. Used by the components import and by the
 * contract-register import, each with its own fields (in the order ties go) and spellings.
 */
export function guessMapping<F extends string>(
	headers: readonly string[],
	fields: readonly F[],
	synonyms: Readonly<Record<F, readonly string[]>>,
	options: { shortest: number; skip?: (header: string) => boolean }
): Partial<Record<F, number>> {
	const score = (header: string, field: F): number => {
		const known = synonyms[field];
		const exact = known.indexOf(header);
		if (exact >= 0) return 100 - exact;
		const words = ` ${header} `;
		let best = 0;
		known.forEach((s, i) => {
			if (s.length > options.shortest && words.includes(` ${s} `)) best = Math.max(best, 50 - i);
		});
		return best;
	};
	const candidates: { field: F; column: number; score: number }[] = [];
	headers.forEach((h, column) => {
		const header = normaliseHeader(h);
		if (!header || options.skip?.(h)) return;
		for (const field of fields) {
			const s = score(header, field);
			if (s > 0) candidates.push({ field, column, score: s });
		}
	});
	candidates.sort((a, b) => b.score - a.score || a.column - b.column);
	const mapping: Partial<Record<F, number>> = {};
	const used = new Set<number>();
	for (const c of candidates) {
		if (mapping[c.field] !== undefined || used.has(c.column)) continue;
		mapping[c.field] = c.column;
		used.add(c.column);
	}
	return mapping;
}

/**
 * Guess the components import's mapping (HEADER_SYNONYMS). Recognises "System", "Application",
 * "Supplier", "Vendor", "Product", "Evolution", "x", "Visibility", "y", "Depends on", "Type" and
 * our own export headers. Single letters ('x', 'y') count only as whole headers; "Contract 1 end"
 * and the like are read as contracts, never as a component field.
 */
export function guessCsvMapping(headers: readonly string[]): CsvMapping {
	return guessMapping(headers, FIELDS, HEADER_SYNONYMS, { shortest: 2, skip: isContractHeader });
}

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

/** Score of a header for a field: exact synonym (earlier is better) beats a synonym inside the header. */
function score(header: string, field: CsvField): number {
	const synonyms = HEADER_SYNONYMS[field];
	const exact = synonyms.indexOf(header);
	if (exact >= 0) return 100 - exact;
	const words = ` ${header} `;
	let best = 0;
	synonyms.forEach((s, i) => {
		// Single letters ('x', 'y') only count as whole headers.
		if (s.length > 2 && words.includes(` ${s} `)) best = Math.max(best, 50 - i);
	});
	return best;
}

/**
 * Guess a mapping from a header row: each field takes the column whose header best matches one
 * of its known spellings (HEADER_SYNONYMS), each column serving at most one field. Recognises
 * "System", "Application", "Supplier", "Vendor", "Product", "Evolution", "x", "Visibility", "y",
 * "Depends on", "Type" and our own export headers.
 */
export function guessCsvMapping(headers: readonly string[]): CsvMapping {
	const candidates: { field: CsvField; column: number; score: number }[] = [];
	headers.forEach((h, column) => {
		const header = normaliseHeader(h);
		// "Contract 1 end" and the like are read as contracts, never as a component field.
		if (!header || isContractHeader(h)) return;
		for (const field of FIELDS) {
			const s = score(header, field);
			if (s > 0) candidates.push({ field, column, score: s });
		}
	});
	candidates.sort((a, b) => b.score - a.score || a.column - b.column);
	const mapping: CsvMapping = {};
	const usedColumns = new Set<number>();
	for (const c of candidates) {
		if (mapping[c.field] !== undefined || usedColumns.has(c.column)) continue;
		mapping[c.field] = c.column;
		usedColumns.add(c.column);
	}
	return mapping;
}

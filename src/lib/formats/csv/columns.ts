// CSV column choices as people write them (`column.name=System`, `--column supplier=3`) → a column
// mapping. Shared by the import form, the API and the CLI. Pure.
import { CSV_COLUMNS, normaliseHeader, type CsvField, type CsvMapping } from './index.js';

/** The fields a CSV column can be mapped to, in the export's column order. */
export const CSV_FIELDS: readonly CsvField[] = CSV_COLUMNS.map((c) => c.field);

/** Human names of the fields, for the mapping form. */
export const CSV_FIELD_LABELS: Readonly<Record<CsvField, string>> = Object.freeze({
	name: 'Name',
	kind: 'Kind (component or anchor)',
	typeId: 'Type ID (vocabulary)',
	typeName: 'Type',
	layer: 'LGAM layer',
	node: 'LGAM node',
	evolution: 'Evolution (0–1)',
	visibility: 'Visibility (0–1)',
	stage: 'Stage',
	product: 'Product',
	supplier: 'Supplier',
	lifecycle: 'Lifecycle',
	sourcing: 'Sourcing (build, buy, outsource)',
	dependsOn: 'Depends on',
	notes: 'Notes',
	predecessors: 'Predecessors'
});

export function isCsvField(name: string): name is CsvField {
	return (CSV_FIELDS as readonly string[]).includes(name);
}

/**
 * A column named by its 1-based number or its header (case and punctuation ignored) → its 0-based
 * index; null for '' or 'none' (no column); undefined when nothing matches.
 */
export function columnIndex(value: string, headers: readonly string[]): number | null | undefined {
	const v = value.trim();
	if (v === '' || v.toLowerCase() === 'none') return null;
	if (/^\d+$/.test(v)) {
		const n = Number(v);
		return n >= 1 && n <= headers.length ? n - 1 : undefined;
	}
	const wanted = normaliseHeader(v);
	const i = headers.findIndex((h) => normaliseHeader(h) === wanted);
	return i >= 0 ? i : undefined;
}

/**
 * Apply column choices (`[field, column]` pairs) to `base`: each names a column by number or
 * header, or '' / 'none' to map nothing. Unknown fields and columns are reported, not applied.
 */
export function applyColumnChoices(
	base: CsvMapping,
	choices: Iterable<readonly [string, string]>,
	headers: readonly string[]
): { mapping: CsvMapping; problems: string[] } {
	const mapping: CsvMapping = { ...base };
	const problems: string[] = [];
	for (const [field, value] of choices) {
		if (!isCsvField(field)) {
			problems.push(`“${field}” is not a field (fields: ${CSV_FIELDS.join(', ')})`);
			continue;
		}
		const index = columnIndex(value, headers);
		if (index === undefined) problems.push(`no column “${value}” for ${field}`);
		else if (index === null) delete mapping[field];
		else mapping[field] = index;
	}
	return { mapping, problems };
}

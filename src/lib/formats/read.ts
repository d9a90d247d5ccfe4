// Any map text Stackmap accepts (OWM, Mermaid wardley-beta, Stackmap JSON, a CSV register) → a map
// with line-numbered errors and warnings. The one entry point for imports (form, API, CLI). Pure.
import { VOCABULARY } from '../catalogue/vocabulary.js';
import { csvToMap, detectDelimiter, guessCsvMapping, parseCsv, type CsvMapping } from './csv/index.js';
import { MAX_NAME_LENGTH, emptySnapshot, type MapSnapshot } from '../map/index.js';
import { detectFormat, parseOwm, type Diagnostic } from './owm/index.js';
import { parseMermaid } from './mermaid/index.js';
import type { InputFormat } from './file-formats.js';
import { parseMapJson } from './json/parse.js';

export interface ReadOptions {
	/** The format, when known (a file extension, a menu); otherwise detected from the text. */
	readonly format?: InputFormat;
	/** Title of the new map; default the text's own title (CSV: 'Imported map'). */
	readonly title?: string;
	/** CSV only: which column holds which field; default guessed from the header row. */
	readonly csvMapping?: CsvMapping;
}

/** A CSV file's header row and the column mapping used (guessed or given), for the mapping step. */
export interface CsvTable {
	readonly headers: readonly string[];
	readonly mapping: CsvMapping;
	/** Up to 3 data rows, to show beside the mapping. */
	readonly sample: readonly (readonly string[])[];
	/** Number of data rows. */
	readonly rowCount: number;
}

export interface ReadResult {
	/** The format read, or 'unknown' when none could be recognised (then `errors` says so). */
	readonly format: InputFormat | 'unknown';
	/** Always usable: what could be read, even when there are errors. */
	readonly map: MapSnapshot;
	readonly errors: Diagnostic[];
	readonly warnings: Diagnostic[];
	/** Present for CSV. */
	readonly csv?: CsvTable;
}

function readCsv(text: string, options: ReadOptions): ReadResult {
	const delimiter = detectDelimiter(text);
	const parsed = parseCsv(text, { delimiter });
	const headers = parsed.rows[0] ?? [];
	const mapping = options.csvMapping ?? guessCsvMapping(headers);
	const csv: CsvTable = { headers, mapping, sample: parsed.rows.slice(1, 4), rowCount: Math.max(0, parsed.rows.length - 1) };
	if (headers.length === 0) return { format: 'csv', map: emptySnapshot(), errors: [{ line: 1, message: 'The CSV file is empty' }], warnings: [], csv };
	if (mapping.name === undefined && mapping.product === undefined) {
		const message = 'No column holds the component names: choose the name column (e.g. "Name" or "System")';
		return { format: 'csv', map: emptySnapshot(), errors: [...parsed.errors, { line: 1, message }], warnings: [], csv };
	}
	const result = csvToMap(parsed.rows, mapping, VOCABULARY, { title: options.title || 'Imported map', rowLines: parsed.rowLines });
	return { format: 'csv', map: result.map, errors: [...parsed.errors, ...result.errors], warnings: result.warnings, csv };
}

function withTitle(map: MapSnapshot, title: string | undefined): MapSnapshot {
	const t = title?.trim().slice(0, MAX_NAME_LENGTH);
	return t ? { ...map, title: t } : map;
}

/**
 * Read map text in any supported format. `format` wins over detection; an unrecognised text gives
 * an error at line 1 and an empty map. Never throws; linear in the text's length.
 */
export function readMapText(text: string, options: ReadOptions = {}): ReadResult {
	if (typeof text !== 'string') text = '';
	const format = options.format ?? detectFormat(text);
	switch (format) {
		case 'owm': {
			const r = parseOwm(text);
			return { format, map: withTitle(r.map, options.title), errors: r.errors, warnings: r.warnings };
		}
		case 'mermaid': {
			const r = parseMermaid(text);
			return { format, map: withTitle(r.map, options.title), errors: r.errors, warnings: r.warnings };
		}
		case 'json': {
			const r = parseMapJson(text);
			return { format, map: withTitle(r.map, options.title), errors: r.errors, warnings: r.warnings };
		}
		case 'csv':
			return readCsv(text, options);
		default:
			return {
				format: 'unknown',
				map: emptySnapshot(),
				errors: [{ line: 1, message: 'Not a map format Stackmap knows: expected OWM text, Mermaid wardley-beta, Stackmap JSON or a CSV with a header row' }],
				warnings: []
			};
	}
}

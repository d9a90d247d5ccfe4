// Any map text Stackmap accepts (OWM, Mermaid wardley-beta, Stackmap JSON, a CSV register) → a map
// with line-numbered errors and warnings, stopping at the first line past a read limit. The one
// entry point for imports (form, API, CLI). Pure.
import { VOCABULARY } from '../catalogue/vocabulary.js';
import { csvToMap, detectDelimiter, guessCsvMapping, parseCsv, type CsvMapping } from './csv/index.js';
import { MAX_NAME_LENGTH, NO_READ_LIMITS, emptySnapshot, type MapSnapshot, type OverLimit, type ReadLimits } from '../map/index.js';
import { detectFormat, parseOwm, type Diagnostic } from './owm/index.js';
import { parseMermaid } from './mermaid/index.js';
import type { InputFormat } from './file-formats.js';
import { MAX_DEPTH, parseMapJson } from './json/parse.js';
import { tooDeepAt } from './json/lines.js';

export interface ReadOptions {
	/** The format, when known (a file extension, a menu); otherwise detected from the text. */
	readonly format?: InputFormat;
	/** Title of the new map; default the text's own title (CSV: 'Imported map'). */
	readonly title?: string;
	/** CSV only: which column holds which field; default guessed from the header row. */
	readonly csvMapping?: CsvMapping;
	/** What the parse may read before it stops (servers); default no limits. */
	readonly limits?: ReadLimits;
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
	/** Set when the text passed a read limit: reading stopped there and `map` is empty. */
	readonly overLimit?: OverLimit;
}

function readCsv(text: string, options: ReadOptions): ReadResult {
	const limits = options.limits ?? NO_READ_LIMITS;
	const delimiter = detectDelimiter(text);
	const parsed = parseCsv(text, { delimiter, maxLines: limits.maxLines });
	if (parsed.overLimit) {
		const csv: CsvTable = { headers: [], mapping: {}, sample: [], rowCount: 0 };
		return { format: 'csv', map: emptySnapshot(), errors: [], warnings: [], csv, overLimit: parsed.overLimit };
	}
	const headers = parsed.rows[0] ?? [];
	const mapping = options.csvMapping ?? guessCsvMapping(headers);
	const csv: CsvTable = { headers, mapping, sample: parsed.rows.slice(1, 4), rowCount: Math.max(0, parsed.rows.length - 1) };
	if (headers.length === 0) return { format: 'csv', map: emptySnapshot(), errors: [{ line: 1, message: 'The CSV file is empty' }], warnings: [], csv };
	if (mapping.name === undefined && mapping.product === undefined) {
		const message = 'No column holds the component names: choose the name column (e.g. "Name" or "System")';
		return { format: 'csv', map: emptySnapshot(), errors: [...parsed.errors, { line: 1, message }], warnings: [], csv };
	}
	const result = csvToMap(parsed.rows, mapping, VOCABULARY, { title: options.title || 'Imported map', rowLines: parsed.rowLines, limits });
	return { format: 'csv', map: result.map, errors: [...parsed.errors, ...result.errors], warnings: result.warnings, csv, ...(result.overLimit ? { overLimit: result.overLimit } : {}) };
}

function withTitle(map: MapSnapshot, title: string | undefined): MapSnapshot {
	const t = title?.trim().slice(0, MAX_NAME_LENGTH);
	return t ? { ...map, title: t } : map;
}

/** detectFormat, except that text nested past MAX_DEPTH is JSON unparsed: JSON.parse takes about a second on megabytes of `[[[[…`. */
function detect(text: string): ReturnType<typeof detectFormat> {
	const body = text.trimStart();
	if ((body.startsWith('{') || body.startsWith('[')) && tooDeepAt(body, MAX_DEPTH) >= 0) return 'json';
	return detectFormat(text);
}

/**
 * Read map text in any supported format. `format` wins over detection; an unrecognised text gives
 * an error at line 1 and an empty map. Never throws; linear in the text's length. Past one of
 * `options.limits` reading stops: `overLimit` says which and where, and the map is empty.
 */
export function readMapText(text: string, options: ReadOptions = {}): ReadResult {
	if (typeof text !== 'string') text = '';
	const format = options.format ?? detect(text);
	const limits = options.limits ?? NO_READ_LIMITS;
	const parsed = (r: ReturnType<typeof parseOwm>, f: InputFormat): ReadResult => ({
		format: f,
		map: withTitle(r.map, options.title),
		errors: r.errors,
		warnings: r.warnings,
		...(r.overLimit ? { overLimit: r.overLimit } : {})
	});
	switch (format) {
		case 'owm':
			return parsed(parseOwm(text, limits), format);
		case 'mermaid':
			return parsed(parseMermaid(text, limits), format);
		case 'json':
			return parsed(parseMapJson(text, limits), format);
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

/** Most errors and warnings of each kind a summary lists (the rest are counted): a broken 5 MB file can have 100,000. */
export const MAX_DIAGNOSTICS = 1000;

/** What a server says about a read: the result without its map (the map goes into a document instead). */
export interface ReadSummary {
	readonly format: InputFormat | 'unknown';
	readonly title: string;
	readonly counts: { readonly components: number; readonly links: number };
	/** The first MAX_DIAGNOSTICS of each; errorCount and warningCount say how many there are. */
	readonly errors: Diagnostic[];
	readonly warnings: Diagnostic[];
	readonly errorCount: number;
	readonly warningCount: number;
	readonly csv?: CsvTable;
	readonly overLimit?: OverLimit;
}

/** Most CSV columns, and characters of a cell, a summary shows: a register has tens; a hostile sheet, millions. */
const MAX_SHOWN = 200;

const listed = (list: readonly Diagnostic[]) => list.slice(0, MAX_DIAGNOSTICS).map((d) => ({ line: d.line, message: d.message.slice(0, 2 * MAX_SHOWN) }));
const shownRow = (row: readonly string[]) => row.slice(0, MAX_SHOWN).map((cell) => cell.slice(0, MAX_SHOWN));

/** `result` as a ReadSummary: small whatever the text was (lists and cells cut), so it is cheap to send and show. */
export function summarise(result: ReadResult): ReadSummary {
	const { format, map, errors, warnings, overLimit } = result;
	const csv = result.csv && { ...result.csv, headers: shownRow(result.csv.headers), sample: result.csv.sample.map(shownRow) };
	return {
		format,
		title: map.title,
		counts: { components: map.components.length, links: map.links.length },
		errors: listed(errors),
		warnings: listed(warnings),
		errorCount: errors.length,
		warningCount: warnings.length,
		...(csv ? { csv } : {}),
		...(overLimit ? { overLimit } : {})
	};
}

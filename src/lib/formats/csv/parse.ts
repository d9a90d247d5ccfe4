// RFC 4180 CSV parsing: text → rows of cells, with line-numbered problems. Never throws.
// Pure: no DOM, no fs. scripts/build-vocabulary.js holds a plain-JS copy of this parser.
import { tooManyLines, type OverLimit } from '../../map/limits.js';

/** A problem found while parsing, at a 1-based physical line of the text. */
export interface CsvProblem {
	readonly line: number;
	readonly message: string;
}

export interface CsvParseResult {
	/** Records in order; blank lines are skipped, every record has at least one cell. */
	readonly rows: string[][];
	/** The 1-based physical line each record starts on (quoted newlines make these differ from the index). */
	readonly rowLines: number[];
	readonly errors: CsvProblem[];
	/** Set when the text has more than `maxLines` lines: nothing was read. */
	readonly overLimit?: OverLimit;
}

export interface CsvParseOptions {
	/** Field separator, one character; default ','. Use detectDelimiter for pasted spreadsheet cells. */
	readonly delimiter?: string;
	/** Most physical lines read; a longer text gives no rows and `overLimit`. Default: no limit. */
	readonly maxLines?: number;
}

/**
 * Parse CSV text (RFC 4180): quoted fields may hold delimiters, CR/LF and doubled quotes; CRLF,
 * LF and lone CR all end a record; a leading byte-order mark is dropped; blank lines are skipped.
 * Malformed input (an unclosed quote, text after a closing quote) is kept as best it can be and
 * reported in `errors`.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
	const delimiter = options.delimiter && options.delimiter.length === 1 ? options.delimiter : ',';
	const rows: string[][] = [];
	const rowLines: number[] = [];
	const errors: CsvProblem[] = [];
	const src = typeof text === 'string' ? text : '';
	const long = tooManyLines(src, options.maxLines ?? Infinity, true);
	if (long) return { rows, rowLines, errors, overLimit: long };
	const n = src.length;
	let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
	let line = 1;
	let row: string[] = [];
	let rowStart = 1;
	let field = '';
	// A record is "empty" until it has a delimiter, a quoted field or any character.
	let touched = false;

	const endField = () => {
		row.push(field);
		field = '';
	};
	const endRecord = () => {
		if (touched) {
			endField();
			rows.push(row);
			rowLines.push(rowStart);
		}
		row = [];
		field = '';
		touched = false;
	};

	while (i < n) {
		const ch = src[i];
		if (!touched) rowStart = line;
		if (ch === '"' && field === '') {
			touched = true;
			const openLine = line;
			i++;
			let closed = false;
			while (i < n) {
				const c = src[i];
				if (c === '"') {
					if (src[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					closed = true;
					break;
				}
				if (c === '\r') {
					// A CRLF inside quotes is one line break; keep it as written.
					line++;
					if (src[i + 1] === '\n') {
						field += '\r\n';
						i += 2;
						continue;
					}
				} else if (c === '\n') line++;
				field += c;
				i++;
			}
			if (!closed) {
				errors.push({ line: openLine, message: 'quoted field is never closed' });
				break;
			}
			// After a closing quote only a delimiter or a line end may follow.
			let stray = '';
			while (i < n && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') stray += src[i++];
			if (stray) {
				errors.push({ line, message: `unexpected text after a closing quote: ${JSON.stringify(stray.slice(0, 20))}` });
				field += stray;
			}
			continue;
		}
		if (ch === delimiter) {
			touched = true;
			endField();
			i++;
		} else if (ch === '\r' || ch === '\n') {
			endRecord();
			i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
			line++;
		} else {
			if (ch === '"') errors.push({ line, message: 'a quote inside an unquoted field (kept as text)' });
			touched = true;
			field += ch;
			i++;
		}
	}
	endRecord();
	return { rows, rowLines, errors };
}

/**
 * Guess the delimiter of pasted or uploaded text from its first record: tab (spreadsheet
 * clipboard), semicolon (European Excel) or comma, whichever occurs most outside quotes.
 */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
	const counts = { ',': 0, '\t': 0, ';': 0 };
	let quoted = false;
	for (let i = 0; i < text.length && i < 10_000; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
	}
	if (counts['\t'] > 0 && counts['\t'] >= counts[',']) return '\t';
	if (counts[';'] > counts[',']) return ';';
	return ',';
}

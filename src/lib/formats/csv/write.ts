// RFC 4180 CSV writing, guarded against spreadsheet formula injection.
// Pure: no DOM, no fs.

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection list). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Make a cell safe to open in a spreadsheet: a cell starting with = + - @ tab or CR gets a leading
 * `'` (which spreadsheets hide), and so does one already starting with `'`, so unguardCell can undo
 * it exactly.
 */
export function guardCell(cell: string): string {
	const first = cell[0];
	return first !== undefined && (FORMULA_START.has(first) || first === "'") ? `'${cell}` : cell;
}

/** Undo guardCell: drop a leading `'` that guardCell would have added. */
export function unguardCell(cell: string): string {
	const second = cell[1];
	return cell[0] === "'" && second !== undefined && (FORMULA_START.has(second) || second === "'") ? cell.slice(1) : cell;
}

export interface CsvWriteOptions {
	/** Prefix formula-like cells with `'` (default true). Turn off only for machine-to-machine CSV. */
	readonly guardFormulas?: boolean;
	/** Start with a UTF-8 byte-order mark so Excel reads accents correctly (default false). */
	readonly bom?: boolean;
	/** Field separator, one character; default ','. */
	readonly delimiter?: string;
}

function quoteIfNeeded(cell: string, delimiter: string, alone: boolean): string {
	const needs =
		cell.includes(delimiter) ||
		cell.includes('"') ||
		cell.includes('\n') ||
		cell.includes('\r') ||
		cell.charCodeAt(0) === 0xfeff ||
		// A record of one empty cell would otherwise be a blank line, which parsers skip.
		(alone && cell === '');
	return needs ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Write rows as CSV text: CRLF line ends, a CRLF after the last record, cells quoted only when
 * needed. Every row should have at least one cell. parseCsv(toCsv(rows, { guardFormulas: false }))
 * gives `rows` back; with guarding on, map unguardCell over the cells to get them back.
 */
export function toCsv(rows: readonly (readonly string[])[], options: CsvWriteOptions = {}): string {
	const guard = options.guardFormulas !== false;
	const delimiter = options.delimiter && options.delimiter.length === 1 ? options.delimiter : ',';
	let out = options.bom ? '\uFEFF' : '';
	for (const row of rows) {
		const cells = row.length === 0 ? [''] : row;
		out += cells.map((c) => quoteIfNeeded(guard ? guardCell(String(c)) : String(c), delimiter, cells.length === 1)).join(delimiter);
		out += '\r\n';
	}
	return out;
}

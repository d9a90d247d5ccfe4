// Read a council's contract register CSV (Transparency Code 2015) as councils publish it: title
// lines and merged header rows above the real header, BOM, CRLF, blank and totals rows, "£1.2m",
// dates in several forms. Every record after the header becomes a row or a listed bad row. Pure.
import { detectDelimiter, parseCsv } from '../../formats/csv/parse.js';
import { parseMoney } from '../../map/contracts.js';
import type { Money } from '../../map/types.js';
import { readDate } from './dates.js';
import { guessRegisterMapping, headerScore, type RegisterField, type RegisterMapping } from './fields.js';
import type { BadRow, RegisterRow } from './types.js';

/** Records searched for the header row: councils put a title and notes above it. */
const HEADER_SEARCH = 15;

export interface RegisterCsv {
	/** The header row's cells and its 1-based line (0 when the file has no records). */
	readonly headers: readonly string[];
	readonly headerLine: number;
	/** The mapping used: the one given, or guessed from the headers. */
	readonly mapping: RegisterMapping;
	readonly rows: RegisterRow[];
	readonly bad: BadRow[];
	/** Records after the header (each is in `rows` or `bad`; wholly empty records are not counted). */
	readonly records: number;
	/** The first record after the header, as written: what the mapping step shows beside each column. */
	readonly sample: readonly string[];
}

/**
 * The index of the header row among the first records: the one mapping the most facts (two at
 * least); else the first record, for the person to map by hand; -1 for no records.
 */
function findHeader(rows: readonly string[][]): number {
	let best = rows.length > 0 ? 0 : -1;
	let bestScore = 1;
	rows.slice(0, HEADER_SEARCH).forEach((r, i) => {
		const s = headerScore(r);
		if (s > bestScore) {
			best = i;
			bestScore = s;
		}
	});
	return best;
}

/** The delimiter of the busiest of the first lines: a title line above the header has none. */
function delimiterOf(text: string): string {
	const lines = text.slice(0, 20_000).split(/\r\n?|\n/).slice(0, HEADER_SEARCH);
	const busiest = lines.reduce((a, b) => (b.replace(/[^,;\t]/g, '').length > a.replace(/[^,;\t]/g, '').length ? b : a), '');
	return detectDelimiter(busiest);
}

/** "£1,234,567.00", "1.2 million", "GBP 250k", "£120,000 per annum" → money; the unreadable rest as a band. */
export function readMoney(cell: string): Money | null {
	const t = cell
		.trim()
		.replace(/^(gbp|£)\s*/i, '£')
		.replace(/\s*(million|mn)\b/i, 'm')
		.replace(/\s*(\(?(ex|excl|excluding|inc|incl|including)\.? vat\)?|per annum|p\.?a\.?|pa|per year|\/yr)\s*$/i, '')
		.trim();
	if (!t || /^(n\/?a|tbc|nil|-+|£?0\.?0*)$/i.test(t)) return t && /0/.test(t) ? { exact: 0, band: '' } : null;
	return parseMoney(t);
}

/** True when a cell says the row is a total, not a contract ("Total", "Grand total:"; never "Total Gas & Power Ltd"). */
function isTotal(cells: readonly string[]): boolean {
	return cells.some((c) => /^\s*(grand\s+|sub-?)?totals?(\s+(value|spend|contracts?))?\s*:?\s*$/i.test(c));
}

/**
 * Read a register. `mapping` overrides the guessed one (the person's choices in the mapping step).
 * A row is bad when it is a totals row, names neither a supplier nor a title, has a date that is
 * not a real date, or ends before it starts; the reason says which.
 */
export function readRegisterCsv(text: string, mapping?: RegisterMapping): RegisterCsv {
	const parsed = parseCsv(text, { delimiter: delimiterOf(text) });
	const at = findHeader(parsed.rows);
	if (at < 0) return { headers: [], headerLine: 0, mapping: mapping ?? {}, rows: [], bad: [], records: 0, sample: [] };
	const headers = parsed.rows[at];
	const used = mapping ?? guessRegisterMapping(headers);
	const rows: RegisterRow[] = [];
	const bad: BadRow[] = [];
	let records = 0;
	let sample: readonly string[] = [];
	for (let i = at + 1; i < parsed.rows.length; i++) {
		const cells = parsed.rows[i];
		if (cells.every((c) => !c.trim())) continue;
		if (records++ === 0) sample = cells;
		const line = parsed.rowLines[i];
		const result = readRow(cells, used, line);
		if ('reason' in result) bad.push(result);
		else rows.push(result);
	}
	// A broken quote swallows what follows: say so at its line, as a bad row, so nothing is silently lost.
	for (const e of parsed.errors) if (e.message.includes('never closed')) bad.push({ source: { line: e.line }, reason: `a ${e.message}: the rest of the file is read as one cell` });
	return { headers, headerLine: parsed.rowLines[at], mapping: used, rows, bad, records, sample };
}

function readRow(cells: readonly string[], mapping: RegisterMapping, line: number): RegisterRow | BadRow {
	const cell = (f: RegisterField) => (mapping[f] === undefined ? '' : (cells[mapping[f]!] ?? '').trim().replace(/\s+/g, ' '));
	const source = { line };
	if (isTotal(cells)) return { source, reason: 'a totals row, not a contract' };
	const supplier = cell('supplier');
	const title = cell('title') || cell('description');
	if (!supplier && !title) return { source, reason: 'names neither a supplier nor a title' };
	const notes: string[] = [];
	const dates: Partial<Record<'start' | 'end' | 'review', string>> = {};
	for (const f of ['start', 'end', 'review'] as const) {
		const raw = cell(f);
		const d = readDate(raw, f === 'end');
		if ('error' in d) return { source, reason: `${f} date ${d.error}` };
		dates[f] = d.date;
		if (d.date && /[(;]|option|extend|extension/i.test(raw)) notes.push(`${f}: ${raw}`);
	}
	if (dates.start && dates.end && dates.end < dates.start) return { source, reason: `ends (${dates.end}) before it starts (${dates.start})` };
	const whole = readMoney(cell('wholeLifeValue'));
	const annual = readMoney(cell('annualValue'));
	for (const [name, m] of [['value', whole], ['annual value', annual]] as const) if (m && m.exact === null) notes.push(`${name} kept as written: ${m.band}`);
	return {
		source,
		reference: cell('reference'),
		title: cell('title'),
		description: cell('description'),
		department: cell('department'),
		supplier,
		wholeLifeValue: whole,
		annualValue: annual,
		start: dates.start ?? '',
		end: dates.end ?? '',
		review: dates.review ?? '',
		extension: cell('extension'),
		route: cell('route'),
		buyer: '',
		cpv: [],
		notes
	};
}

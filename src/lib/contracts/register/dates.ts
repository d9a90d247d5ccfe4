// Dates as contract registers write them → ISO yyyy-mm-dd: "31/03/2027", "31.3.27", "2027-03-31",
// "2027-03-31T00:00:00Z", "31 March 2027", "31-Mar-2027", "Mar-2027", Excel serial days. Pure.
import { isIsoDate } from '../../map/contracts.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number) => String(n).padStart(2, '0');

function monthOf(word: string): number {
	const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
	return i < 0 ? 0 : i + 1;
}

function year(text: string): number {
	const n = Number(text);
	// Two-digit years in a register are this century's.
	return text.length === 2 ? 2000 + n : n;
}

function lastDay(y: number, m: number): number {
	return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string | null {
	const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
	return isIsoDate(s) ? s : null;
}

/** The result of reading a date cell: an ISO date ('' for a blank cell), or why it could not be read. */
export type DateRead = { readonly date: string } | { readonly error: string };

/**
 * Read a register's date cell. A month without a day ("Mar-2027") is the month's first day, or
 * its last with `endOfMonth` (an end date). Text after the date ("31/03/2027 (+1 yr option)") is
 * ignored; "n/a", "tbc", "ongoing", "-" read as blank. Days come before months (UK order).
 */
export function readDate(cell: string, endOfMonth = false): DateRead {
	const t = cell.trim();
	if (!t || /^(n\/?a|tbc|tba|none|ongoing|rolling|-+|not applicable|unknown)$/i.test(t)) return { date: '' };
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b/.exec(t);
	if (m) return found(iso(Number(m[1]), Number(m[2]), Number(m[3])), t);
	m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d])/.exec(t);
	if (m) return found(iso(year(m[3]), Number(m[2]), Number(m[1])), t);
	m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})\b/.exec(t);
	if (m && monthOf(m[2])) return found(iso(year(m[3]), monthOf(m[2]), Number(m[1])), t);
	m = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4}|\d{2})\b/.exec(t);
	if (m && monthOf(m[1])) {
		const y = year(m[2]);
		const month = monthOf(m[1]);
		return found(iso(y, month, endOfMonth ? lastDay(y, month) : 1), t);
	}
	// A date cell exported from Excel as its serial number (days since 1899-12-30).
	m = /^(\d{5})(?:\.0+)?$/.exec(t);
	if (m && Number(m[1]) > 20000 && Number(m[1]) < 80000) {
		return { date: new Date(Date.UTC(1899, 11, 30) + Number(m[1]) * 86_400_000).toISOString().slice(0, 10) };
	}
	return { error: `“${t.slice(0, 40)}” is not a date` };
}

function found(date: string | null, text: string): DateRead {
	return date ? { date } : { error: `“${text.slice(0, 40)}” is not a real date` };
}

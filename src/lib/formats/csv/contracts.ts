// A component's contracts in the components register: one row per component stays, with numbered
// column groups "Contract 1 reference", "Contract 1 end", … "Contract 2 …", as many groups as the
// component with most contracts needs. Import finds the groups by header. Pure.
import { MAX_CONTRACTS, addMonths, checkContract, isIsoDate, noticeDate, parseMoney, type Contract, type Money } from '../../map/index.js';

/** As mapping.ts' normaliseHeader (not imported: mapping.ts imports this module). */
function normaliseHeader(header: string): string {
	return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The columns of one contract group, in order; `noticeBy` is derived (export only). */
export const CONTRACT_COLUMNS = [
	['reference', 'reference'],
	['start', 'start'],
	['end', 'end'],
	['noticeMonths', 'notice months'],
	['noticeBy', 'notice by'],
	['extensions', 'extensions'],
	['annualCost', 'annual cost'],
	['wholeLifeValue', 'whole-life value'],
	['route', 'route'],
	['sharedWith', 'shared with']
] as const;
type ContractColumn = (typeof CONTRACT_COLUMNS)[number][0];

/** A normalised contract header: "contract 2 whole life value" → group 2, that column. */
const HEADER = /^contract (\d{1,2}) (.+)$/;
const BY_HEADER = new Map<string, ContractColumn>(CONTRACT_COLUMNS.map(([field, words]) => [normaliseHeader(words), field]));

/** True for a header of a contract column group (kept out of the component field mapping). */
export function isContractHeader(header: string): boolean {
	const m = HEADER.exec(normaliseHeader(header));
	return m !== null && BY_HEADER.has(m[2]);
}

/** Header cells for `groups` contract groups. */
export function contractHeaders(groups: number): string[] {
	return Array.from({ length: groups }, (_, g) => CONTRACT_COLUMNS.map(([, words]) => `Contract ${g + 1} ${words}`)).flat();
}

/** Money as a cell: exact pounds as a plain number, a band as written, both as "125000 (£100k–£250k)". */
export function moneyCell(m: Money | null): string {
	if (!m) return '';
	const exact = m.exact === null ? '' : String(m.exact);
	return exact && m.band ? `${exact} (${m.band})` : exact || m.band;
}

function moneyOf(cell: string): Money | null {
	const both = /^(\d+(?:\.\d+)?) \((.+)\)$/.exec(cell);
	if (both) return { exact: Number(both[1]), band: both[2] };
	return parseMoney(cell);
}

/** The cells of `contracts` for `groups` groups (empty cells for groups it has no contract for). */
export function contractCells(contracts: readonly Contract[], groups: number): string[] {
	const out: string[] = [];
	for (let g = 0; g < groups; g++) {
		const c = contracts[g];
		const cells: Record<ContractColumn, string> = c
			? {
					reference: c.reference,
					start: c.start,
					end: c.end,
					noticeMonths: c.noticeMonths === null ? '' : String(c.noticeMonths),
					noticeBy: noticeDate(c),
					extensions: c.extensions,
					annualCost: moneyCell(c.annualCost),
					wholeLifeValue: moneyCell(c.wholeLifeValue),
					route: c.route,
					sharedWith: c.sharedWith.join('; ')
				}
			: { reference: '', start: '', end: '', noticeMonths: '', noticeBy: '', extensions: '', annualCost: '', wholeLifeValue: '', route: '', sharedWith: '' };
		out.push(...CONTRACT_COLUMNS.map(([field]) => cells[field]));
	}
	return out;
}

/** Contract group number (1-based) → column → its index in the row, from a header row. */
export type ContractColumns = ReadonlyMap<number, ReadonlyMap<ContractColumn, number>>;

export function contractColumns(headers: readonly string[]): ContractColumns {
	const groups = new Map<number, Map<ContractColumn, number>>();
	headers.forEach((h, i) => {
		const m = HEADER.exec(normaliseHeader(h));
		const field = m ? BY_HEADER.get(m[2]) : undefined;
		if (!m || !field) return;
		const g = Number(m[1]);
		if (g < 1 || g > MAX_CONTRACTS) return;
		let group = groups.get(g);
		if (!group) groups.set(g, (group = new Map()));
		if (!group.has(field)) group.set(field, i);
	});
	return new Map([...groups].sort((a, b) => a[0] - b[0]));
}

/** A date cell as yyyy-mm-dd: ISO as is, or dd/mm/yyyy as registers write it; null when neither. */
function dateOf(cell: string): string | null {
	if (cell === '' || isIsoDate(cell)) return cell;
	const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
	if (!uk) return null;
	const iso = `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}`;
	return isIsoDate(iso) && addMonths(iso, 0) === iso ? iso : null;
}

/**
 * The contracts in one row: a group with any cell filled is a contract (id `c<group>`). A date or
 * notice period that cannot be read is left empty with a warning; a group still refused by the
 * model's checks (an end before its start) is left out with a warning.
 */
export function rowContracts(cell: (index: number) => string, columns: ContractColumns, warn: (message: string) => void): Contract[] {
	const out: Contract[] = [];
	for (const [g, group] of columns) {
		const get = (field: ContractColumn) => {
			const i = group.get(field);
			return i === undefined ? '' : cell(i);
		};
		if (CONTRACT_COLUMNS.every(([field]) => field === 'noticeBy' || get(field) === '')) continue;
		const date = (field: 'start' | 'end') => {
			const d = dateOf(get(field));
			if (d === null) warn(`contract ${g} ${field} date "${get(field)}" is not a date (use yyyy-mm-dd or dd/mm/yyyy); left empty`);
			return d ?? '';
		};
		const notice = get('noticeMonths');
		const months = /^\d{1,3}$/.test(notice) ? Number(notice) : null;
		if (notice !== '' && months === null) warn(`contract ${g} notice "${notice}" is not a whole number of months; left empty`);
		try {
			out.push(
				checkContract({
					id: `c${g}`,
					reference: get('reference'),
					start: date('start'),
					end: date('end'),
					noticeMonths: months,
					extensions: get('extensions'),
					annualCost: moneyOf(get('annualCost')),
					wholeLifeValue: moneyOf(get('wholeLifeValue')),
					route: get('route'),
					sharedWith: get('sharedWith').split(';').map((s) => s.trim()).filter(Boolean)
				})
			);
		} catch (e) {
			warn(`contract ${g}: ${e instanceof Error ? e.message : 'not readable'}; left out`);
		}
	}
	return out;
}

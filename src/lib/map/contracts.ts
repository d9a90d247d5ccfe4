// Contracts a component is bought on: date arithmetic (notice dates), status on a given day,
// and the checks a contract must pass before it is stored. Pure: dates are ISO yyyy-mm-dd strings
// compared as text, never Date objects in a time zone. Must not import Yjs.
import { MAX_CONTRACT_TEXT, MAX_CONTRACTS, MAX_SHARED_WITH, MAX_NOTICE_MONTHS } from './limits.js';
import type { Component, Contract, Money } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date's year, month (1–12) and day, or null when `text` is not a real calendar date yyyy-mm-dd. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
	const m = ISO_DATE.exec(text);
	if (!m) return null;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

/** True for a real calendar date written yyyy-mm-dd (1900–2200). */
export function isIsoDate(text: string): boolean {
	return parseIsoDate(text) !== null;
}

/**
 * `date` moved by `months` whole months (negative: back), by the corresponding-date rule: the same
 * day of the month, or the month's last day when it has no such day (31 March − 1 month = 28 or
 * 29 February). '' for a date that is not yyyy-mm-dd.
 */
export function addMonths(date: string, months: number): string {
	const d = parseIsoDate(date);
	if (!d || !Number.isInteger(months)) return '';
	const index = d.year * 12 + (d.month - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d.day, daysInMonth(year, month)))}`;
}

/** Today in UTC as yyyy-mm-dd (the one place the clock is read; pass `today` to the rest). */
export function isoToday(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}

/**
 * The last day notice can be given: the end date less the notice period. '' when the contract
 * has no end date or no notice period.
 */
export function noticeDate(contract: Pick<Contract, 'end' | 'noticeMonths'>): string {
	if (!contract.end || contract.noticeMonths === null) return '';
	return addMonths(contract.end, -contract.noticeMonths);
}

export type ContractStatus = 'active' | 'in-notice' | 'ended' | 'no-end';

/** Words for each status, for tables and screen readers. */
export const STATUS_LABELS: Record<ContractStatus, string> = {
	active: 'Active',
	'in-notice': 'In notice period',
	ended: 'Ended',
	'no-end': 'No end date'
};

/**
 * Where a contract stands on `today` (yyyy-mm-dd): ended after its end date; in notice from its
 * notice date to its end date; active before; no-end without an end date.
 */
export function contractStatus(contract: Pick<Contract, 'end' | 'noticeMonths'>, today: string): ContractStatus {
	if (!contract.end) return 'no-end';
	if (today > contract.end) return 'ended';
	const notice = noticeDate(contract);
	return notice && today >= notice ? 'in-notice' : 'active';
}

/** A component's contracts (none when absent). */
export function contractsOf(component: Pick<Component, 'contracts'>): readonly Contract[] {
	return component.contracts ?? [];
}

/** The earliest end date and notice date still to come (on or after `today`) among a component's contracts. */
export function nextDates(component: Pick<Component, 'contracts'>, today: string): { end: string; notice: string } {
	let end = '';
	let notice = '';
	for (const c of contractsOf(component)) {
		if (c.end && c.end >= today && (!end || c.end < end)) end = c.end;
		const n = noticeDate(c);
		if (n && n >= today && (!notice || n < notice)) notice = n;
	}
	return { end, notice };
}

/** A contract with every field empty, for a new one in the editor. */
export function blankContract(id: string): Contract {
	return { id, reference: '', start: '', end: '', noticeMonths: null, extensions: '', annualCost: null, wholeLifeValue: null, route: '', sharedWith: [] };
}

// ---- checks -----------------------------------------------------------------------------------

const CONTRACT_FIELDS = ['id', 'reference', 'start', 'end', 'noticeMonths', 'extensions', 'annualCost', 'wholeLifeValue', 'route', 'sharedWith'] as const;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function text(value: unknown, field: string, max: number): string {
	if (typeof value !== 'string') throw new ContractProblem(`${field} must be text`);
	if (value.length > max) throw new ContractProblem(`${field} is longer than ${max} characters`);
	return value;
}

function date(value: unknown, field: string): string {
	const v = text(value, field, 10);
	if (v !== '' && !isIsoDate(v)) throw new ContractProblem(`${field} date “${v}” is not a real date written yyyy-mm-dd`);
	return v;
}

function money(value: unknown, field: string): Money | null {
	if (value === null) return null;
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ContractProblem(`${field} must be an amount ({ exact, band }) or null`);
	const { exact, band, ...rest } = value as Record<string, unknown>;
	const extra = Object.keys(rest)[0];
	if (extra !== undefined) throw new ContractProblem(`${field} has an unknown field ${extra}`);
	if (exact !== null && (typeof exact !== 'number' || !Number.isFinite(exact) || exact < 0)) {
		throw new ContractProblem(`${field}.exact must be a number of pounds, 0 or more, or null`);
	}
	return { exact: exact as number | null, band: text(band, `${field}.band`, MAX_CONTRACT_TEXT) };
}

/** Why a contract cannot be stored (a message for people); thrown by checkContract. */
export class ContractProblem extends Error {
	override name = 'ContractProblem';
}

/**
 * The contract as stored, every field checked (all must be present), or a ContractProblem:
 * dates real and yyyy-mm-dd, the end not before the start, notice 0–120 whole months, amounts
 * 0 or more, text within its length.
 */
export function checkContract(value: unknown): Contract {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ContractProblem('a contract must be an object');
	const c = value as Record<string, unknown>;
	for (const key of Object.keys(c)) if (!(CONTRACT_FIELDS as readonly string[]).includes(key)) throw new ContractProblem(`unknown contract field ${key}`);
	for (const key of CONTRACT_FIELDS) if (!(key in c)) throw new ContractProblem(`a contract needs ${key}`);
	if (typeof c.id !== 'string' || !ID.test(c.id)) throw new ContractProblem('a contract needs an id of letters, digits, - and _');
	const start = date(c.start, 'start');
	const end = date(c.end, 'end');
	if (start && end && end < start) throw new ContractProblem(`the end date ${end} is before the start date ${start}`);
	const notice = c.noticeMonths;
	if (notice !== null && (typeof notice !== 'number' || !Number.isInteger(notice) || notice < 0 || notice > MAX_NOTICE_MONTHS)) {
		throw new ContractProblem(`the notice period must be whole months from 0 to ${MAX_NOTICE_MONTHS}`);
	}
	if (!Array.isArray(c.sharedWith)) throw new ContractProblem('sharedWith must be a list of council names');
	if (c.sharedWith.length > MAX_SHARED_WITH) throw new ContractProblem(`a contract is shared with at most ${MAX_SHARED_WITH} councils`);
	return {
		id: c.id,
		reference: text(c.reference, 'reference', MAX_CONTRACT_TEXT),
		start,
		end,
		noticeMonths: notice as number | null,
		extensions: text(c.extensions, 'extensions', MAX_CONTRACT_TEXT),
		annualCost: money(c.annualCost, 'annualCost'),
		wholeLifeValue: money(c.wholeLifeValue, 'wholeLifeValue'),
		route: text(c.route, 'route', MAX_CONTRACT_TEXT),
		sharedWith: c.sharedWith.map((name, i) => text(name, `sharedWith[${i}]`, MAX_CONTRACT_TEXT))
	};
}

/** A component's contracts as stored: each checked, at most MAX_CONTRACTS, ids not repeated. */
export function checkContracts(value: unknown): Contract[] {
	if (!Array.isArray(value)) throw new ContractProblem('contracts must be a list');
	if (value.length > MAX_CONTRACTS) throw new ContractProblem(`a component has at most ${MAX_CONTRACTS} contracts`);
	const seen = new Set<string>();
	return value.map((v, i) => {
		let c: Contract;
		try {
			c = checkContract(v);
		} catch (e) {
			if (e instanceof ContractProblem) throw new ContractProblem(`contract ${i + 1}: ${e.message}`);
			throw e;
		}
		if (seen.has(c.id)) throw new ContractProblem(`contract ${i + 1} repeats the id ${c.id}`);
		seen.add(c.id);
		return c;
	});
}

// ---- stored shape ------------------------------------------------------------------------------

/**
 * A component keeps each contract under its own key, `contract:<id>`, so two people editing two
 * contracts (or adding one) at once both keep their change; one contract is still last-writer-wins.
 */
export const CONTRACT_KEY_PREFIX = 'contract:';

/** The component key a contract is stored under. */
export function contractKey(id: string): string {
	return CONTRACT_KEY_PREFIX + id;
}

/** The contract id a component key holds, or null for a key that holds no contract. */
export function contractIdOfKey(key: string): string | null {
	return key.startsWith(CONTRACT_KEY_PREFIX) ? key.slice(CONTRACT_KEY_PREFIX.length) : null;
}

/** A contract as stored under its key: its fields plus `ord`, its place among the component's contracts. */
export interface StoredContract {
	/** Contracts are listed by ord, then by id (two added at once may share one). */
	readonly ord: number;
	readonly contract: Contract;
}

/**
 * The value stored under `contract:<id>`, checked: `{ ord, ...contract }` with a whole-number ord and
 * a contract checkContract accepts whose id is `id`. Throws ContractProblem.
 */
export function checkStoredContract(value: unknown, id: string): StoredContract {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ContractProblem('a stored contract must be an object');
	const { ord, ...fields } = value as Record<string, unknown>;
	if (typeof ord !== 'number' || !Number.isSafeInteger(ord)) throw new ContractProblem('a stored contract needs a whole-number ord');
	const contract = checkContract(fields);
	if (contract.id !== id) throw new ContractProblem(`the contract ${contract.id} is stored under the key of ${id}`);
	return { ord, contract };
}

/** Format an amount for people: "£125,000", the band, or both ("£125,000 (£100k–£250k)"). */
export function formatMoney(m: Money | null): string {
	if (!m) return '';
	const exact = m.exact === null ? '' : `£${m.exact.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
	return exact && m.band ? `${exact} (${m.band})` : exact || m.band;
}

/**
 * Read an amount typed by a person: "£1,234,567.00", "1.2m", "250k" become exact; "£125,000
 * (£100k–£250k)" gives both; anything else non-empty is kept as a band. null for an empty text.
 */
export function parseMoney(input: string): Money | null {
	const t = input.trim();
	if (!t) return null;
	// "£125,000 (£100k–£250k)", as formatMoney writes both.
	const both = /^(.+?) \((.+)\)$/.exec(t);
	const exact = both ? parseMoney(both[1]) : null;
	if (both && exact?.exact != null) return { exact: exact.exact, band: both[2] };
	const m = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([kKmM]?)$/.exec(t);
	if (!m) return { exact: null, band: t };
	const base = Number(m[1].replaceAll(',', '') + (m[2] ?? ''));
	const scale = m[3].toLowerCase() === 'm' ? 1_000_000 : m[3].toLowerCase() === 'k' ? 1_000 : 1;
	return { exact: Math.round(base * scale * 100) / 100, band: '' };
}

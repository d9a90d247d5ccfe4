// A component's stored contracts → its plain contracts, leniently: the server keeps any valid
// JSON a client wrote, so an entry that fails the checks is left out rather than trusted. Two
// shapes are read: one key per contract (`contract:<id>` → `{ ord, ...contract }`), and the one
// `contracts` list that maps written before it hold (and old clients may still write).
import { ContractProblem, checkContract, checkStoredContract, contractIdOfKey } from './contracts.js';
import { MAX_CONTRACTS } from './limits.js';
import type { Contract } from './types.js';

/** One contract as read: its place (`ord`) and whether it has its own key (false: only in the legacy list). */
export interface ContractEntry {
	readonly contract: Contract;
	readonly ord: number;
	readonly keyed: boolean;
}

function lenient<T>(check: () => T): T | null {
	try {
		return check();
	} catch (e) {
		if (e instanceof ContractProblem) return null;
		throw e;
	}
}

/**
 * Every valid contract among a component's fields (`[key, value]` pairs), in list order: keyed ones
 * by ord then id, then legacy-list ones not also keyed, in list order with ords after the keyed
 * ones (so moving them to keys keeps the order). `legacy` says whether a `contracts` list is stored.
 * Not capped at MAX_CONTRACTS: writers see everything they may rewrite or delete.
 */
export function storedContracts(fields: Iterable<readonly [string, unknown]>): { entries: ContractEntry[]; legacy: boolean } {
	const keyed: ContractEntry[] = [];
	let list: unknown = undefined;
	let legacy = false;
	for (const [key, value] of fields) {
		if (key === 'contracts') {
			legacy = true;
			list = value;
			continue;
		}
		const id = contractIdOfKey(key);
		const stored = id === null ? null : lenient(() => checkStoredContract(value, id));
		if (stored) keyed.push({ ...stored, keyed: true });
	}
	keyed.sort((a, b) => a.ord - b.ord || (a.contract.id < b.contract.id ? -1 : a.contract.id > b.contract.id ? 1 : 0));
	const entries = [...keyed];
	const seen = new Set(keyed.map((e) => e.contract.id));
	let ord = keyed.length > 0 ? keyed[keyed.length - 1].ord : 0;
	for (const raw of Array.isArray(list) ? list : []) {
		const c = lenient(() => checkContract(raw));
		if (!c || seen.has(c.id)) continue;
		seen.add(c.id);
		entries.push({ contract: c, ord: ++ord, keyed: false });
	}
	return { entries, legacy };
}

/** `{ contracts }` (at most MAX_CONTRACTS) when the fields hold any valid contract, else `{}` (absent = none). */
export function readContracts(fields: Iterable<readonly [string, unknown]>): { contracts?: Contract[] } {
	const { entries } = storedContracts(fields);
	return entries.length > 0 ? { contracts: entries.slice(0, MAX_CONTRACTS).map((e) => e.contract) } : {};
}

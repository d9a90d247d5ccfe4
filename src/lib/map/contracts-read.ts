// A component's stored `contracts` field → its plain contracts, leniently: the server keeps any
// JSON a client wrote there, so an entry that fails the checks is left out rather than trusted.
import { ContractProblem, checkContract } from './contracts.js';
import { MAX_CONTRACTS } from './limits.js';
import type { Contract } from './types.js';

/** `{ contracts }` when the stored value holds any valid contract, else `{}` (absent = none). */
export function readContracts(stored: unknown): { contracts?: Contract[] } {
	if (!Array.isArray(stored) || stored.length === 0) return {};
	const out: Contract[] = [];
	const seen = new Set<string>();
	for (const raw of stored.slice(0, MAX_CONTRACTS)) {
		try {
			const c = checkContract(raw);
			if (seen.has(c.id)) continue;
			seen.add(c.id);
			out.push(c);
		} catch (e) {
			if (!(e instanceof ContractProblem)) throw e;
		}
	}
	return out.length > 0 ? { contracts: out } : {};
}

// Writing a component's contracts, one key each (`contract:<id>` → `{ ord, ...contract }`; see
// contracts.ts): call inside a transaction with contracts already checked. Every write first moves
// a legacy `contracts` list to keys and deletes it, so the two shapes never both change.
import type * as Y from 'yjs';
import { contractIdOfKey, contractKey } from './contracts.js';
import { storedContracts, type ContractEntry } from './contracts-read.js';
import type { Contract } from './types.js';

/** The component's contracts in order, with any legacy list moved to keys (in the same order). */
export function migratedContracts(m: Y.Map<unknown>): ContractEntry[] {
	const { entries, legacy } = storedContracts(m.entries());
	if (!legacy) return entries;
	for (const e of entries) if (!e.keyed) m.set(contractKey(e.contract.id), { ord: e.ord, ...e.contract });
	m.delete('contracts');
	return entries.map((e) => ({ ...e, keyed: true }));
}

/** Store one contract under its key at `ord` (a new one: after every other). */
export function putContract(m: Y.Map<unknown>, contract: Contract, ord?: number): void {
	const entries = migratedContracts(m);
	const last = entries.reduce((max, e) => Math.max(max, e.ord), 0);
	m.set(contractKey(contract.id), { ord: ord ?? last + 1, ...contract });
}

/** Delete one contract's key (nothing happens when it is gone). */
export function deleteContract(m: Y.Map<unknown>, id: string): void {
	migratedContracts(m);
	if (m.has(contractKey(id))) m.delete(contractKey(id));
}

/**
 * Make the component's contracts `list`, in that order, writing only the keys that change: a
 * contract's ord is kept while the order allows it, so rewriting the whole list (an import, a
 * restore) leaves untouched contracts alone and a collaborator's concurrent edit of one survives.
 */
export function writeContracts(m: Y.Map<unknown>, list: readonly Contract[]): void {
	const before = new Map(migratedContracts(m).map((e) => [e.contract.id, e]));
	let prev: number | null = null;
	for (const c of list) {
		const old = before.get(c.id);
		const ord: number = old && (prev === null || old.ord > prev) ? old.ord : prev === null ? 1 : prev + 1;
		prev = ord;
		if (!old || old.ord !== ord || JSON.stringify(old.contract) !== JSON.stringify(c)) m.set(contractKey(c.id), { ord, ...c });
	}
	const wanted = new Set(list.map((c) => c.id));
	for (const key of [...m.keys()]) {
		const id = contractIdOfKey(key);
		if (id !== null && !wanted.has(id)) m.delete(key);
	}
}

// Named commands for a component's contracts: add, update, remove one contract. Each contract is
// stored under its own key of the component (contracts-store.ts), so a command writes only the
// contract it changes and concurrent edits of different contracts merge; checks are the field's.
import * as Y from 'yjs';
import { collection } from './schema.js';
import { newId } from './ids.js';
import { storedContracts } from './contracts-read.js';
import { deleteContract, putContract, writeContracts } from './contracts-store.js';
import { ContractProblem, blankContract, checkContract } from './contracts.js';
import { ModelError, checkFields } from './validate.js';
import { LOCAL_ORIGIN, addComponent, type ComponentInput } from './commands.js';
import type { ComponentId, Contract } from './types.js';

/** A contract's fields as given to a command: any of them; the id is the command's business. */
export type ContractInput = Partial<Omit<Contract, 'id'>>;

function componentMap(doc: Y.Doc, id: ComponentId): Y.Map<unknown> {
	const m = collection(doc, 'components').get(id);
	if (!(m instanceof Y.Map)) throw new ModelError(`no component with id ${id}`);
	return m;
}

/** `list` checked as a component's contracts (the field's checks: each contract, at most MAX_CONTRACTS). Throws ModelError. */
function checked(list: readonly Contract[]): Contract[] {
	return (checkFields('components', { contracts: list }).contracts as Contract[] | null) ?? [];
}

function current(doc: Y.Doc, id: ComponentId): Contract[] {
	return storedContracts(componentMap(doc, id).entries()).entries.map((e) => e.contract);
}

/** Add a contract to a component (every field optional); returns the new contract's id. Throws ModelError. */
export function addContract(doc: Y.Doc, componentId: ComponentId, input: ContractInput = {}, origin: unknown = LOCAL_ORIGIN): string {
	const id = newId();
	const list = checked([...current(doc, componentId), { ...blankContract(id), ...input, id }]);
	doc.transact(() => putContract(componentMap(doc, componentId), list[list.length - 1]), origin);
	return id;
}

/** Change fields of one contract of a component. Throws ModelError (an unknown contract, a bad date). */
export function updateContract(doc: Y.Doc, componentId: ComponentId, contractId: string, patch: ContractInput, origin: unknown = LOCAL_ORIGIN): void {
	const { entries } = storedContracts(componentMap(doc, componentId).entries());
	const at = entries.findIndex((e) => e.contract.id === contractId);
	if (at < 0) throw new ModelError(`no contract with id ${contractId} on this component`);
	const entry = entries[at];
	// Only this contract is checked and written: the others are a collaborator's to change.
	let contract: Contract;
	try {
		contract = checkContract({ ...entry.contract, ...patch, id: contractId });
	} catch (e) {
		if (e instanceof ContractProblem) throw new ModelError(`contract ${at + 1}: ${e.message}`);
		throw e;
	}
	doc.transact(() => putContract(componentMap(doc, componentId), contract, entry.ord), origin);
}

/** Remove one contract of a component (nothing happens when it is already gone). */
export function removeContract(doc: Y.Doc, componentId: ComponentId, contractId: string, origin: unknown = LOCAL_ORIGIN): void {
	if (!current(doc, componentId).some((c) => c.id === contractId)) return;
	doc.transact(() => deleteContract(componentMap(doc, componentId), contractId), origin);
}

/** Where an imported contract goes: an existing component, or a new one (entries sharing `key` share it). */
export type ImportTarget = { readonly componentId: ComponentId } | { readonly key: string; readonly component: ComponentInput };

/** One contract to import, from a register row. */
export interface ContractImport {
	readonly target: ImportTarget;
	readonly contract: ContractInput;
}

/** What an import wrote. */
export interface ContractImportResult {
	readonly added: number;
	readonly updated: number;
	readonly components: number;
}

/**
 * Write imported contracts in one transaction (one undo step). A contract whose non-empty
 * reference is already on its component updates that contract (the fields the import gives;
 * the rest kept) instead of adding a second. Every list and new component is checked before
 * anything is written, so a refused entry (a 21st contract) writes nothing. Throws ModelError.
 */
export function importContracts(doc: Y.Doc, entries: readonly ContractImport[], origin: unknown = LOCAL_ORIGIN): ContractImportResult {
	const lists = new Map<ComponentId, Contract[]>();
	const fresh = new Map<string, { component: ComponentInput; contracts: Contract[] }>();
	let added = 0;
	let updated = 0;
	for (const { target, contract } of entries) {
		let list: Contract[];
		if ('componentId' in target) {
			if (!lists.has(target.componentId)) lists.set(target.componentId, current(doc, target.componentId));
			list = lists.get(target.componentId)!;
		} else {
			if (!fresh.has(target.key)) fresh.set(target.key, { component: target.component, contracts: [] });
			list = fresh.get(target.key)!.contracts;
		}
		const given = Object.fromEntries(Object.entries(contract).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as ContractInput;
		const at = contract.reference ? list.findIndex((c) => c.reference === contract.reference) : -1;
		if (at >= 0) {
			list[at] = { ...list[at], ...given, id: list[at].id };
			updated++;
		} else {
			list.push({ ...blankContract(newId()), ...given });
			added++;
		}
	}
	// Say which component refused: an import touches many.
	const named = (name: unknown, check: () => unknown) => {
		try {
			return check();
		} catch (e) {
			if (e instanceof ModelError) throw new ModelError(`${String(name)}: ${e.message}`);
			throw e;
		}
	};
	const verified = [...lists].map(([id, list]) => [id, named(componentMap(doc, id).get('name'), () => checked(list)) as Contract[]] as const);
	const components = [...fresh.values()].map(({ component, contracts }) => ({ ...component, contracts }));
	for (const c of components) named(c.name, () => checkFields('components', c));
	doc.transact(() => {
		for (const [id, contracts] of verified) writeContracts(componentMap(doc, id), contracts);
		for (const c of components) addComponent(doc, c, origin);
	}, origin);
	return { added, updated, components: components.length };
}

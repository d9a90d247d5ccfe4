// Named commands for a component's contracts: add, update, remove one contract. The contracts are
// one field of the component (a list replaced whole), so each command is one transaction that
// reads the list, changes one entry, and writes the list back through the same checks as any field.
import * as Y from 'yjs';
import { collection } from './schema.js';
import { newId } from './ids.js';
import { readContracts } from './contracts-read.js';
import { blankContract } from './contracts.js';
import { ModelError, checkFields } from './validate.js';
import { LOCAL_ORIGIN } from './commands.js';
import type { ComponentId, Contract } from './types.js';

/** A contract's fields as given to a command: any of them; the id is the command's business. */
export type ContractInput = Partial<Omit<Contract, 'id'>>;

function componentMap(doc: Y.Doc, id: ComponentId): Y.Map<unknown> {
	const m = collection(doc, 'components').get(id);
	if (!(m instanceof Y.Map)) throw new ModelError(`no component with id ${id}`);
	return m;
}

/** Check `list` as the component's contracts and store it (an empty list removes the field). */
function store(doc: Y.Doc, id: ComponentId, list: readonly Contract[], origin: unknown): void {
	const { contracts } = checkFields('components', { contracts: list });
	doc.transact(() => {
		const m = componentMap(doc, id);
		if (contracts === null) m.delete('contracts');
		else m.set('contracts', contracts);
	}, origin);
}

function current(doc: Y.Doc, id: ComponentId): Contract[] {
	return readContracts(componentMap(doc, id).get('contracts')).contracts ?? [];
}

/** Add a contract to a component (every field optional); returns the new contract's id. Throws ModelError. */
export function addContract(doc: Y.Doc, componentId: ComponentId, input: ContractInput = {}, origin: unknown = LOCAL_ORIGIN): string {
	const id = newId();
	store(doc, componentId, [...current(doc, componentId), { ...blankContract(id), ...input, id }], origin);
	return id;
}

/** Change fields of one contract of a component. Throws ModelError (an unknown contract, a bad date). */
export function updateContract(doc: Y.Doc, componentId: ComponentId, contractId: string, patch: ContractInput, origin: unknown = LOCAL_ORIGIN): void {
	const list = current(doc, componentId);
	const at = list.findIndex((c) => c.id === contractId);
	if (at < 0) throw new ModelError(`no contract with id ${contractId} on this component`);
	list[at] = { ...list[at], ...patch, id: contractId };
	store(doc, componentId, list, origin);
}

/** Remove one contract of a component (nothing happens when it is already gone). */
export function removeContract(doc: Y.Doc, componentId: ComponentId, contractId: string, origin: unknown = LOCAL_ORIGIN): void {
	const list = current(doc, componentId);
	const next = list.filter((c) => c.id !== contractId);
	if (next.length !== list.length) store(doc, componentId, next, origin);
}

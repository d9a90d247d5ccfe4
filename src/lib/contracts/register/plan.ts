// Turn reviewed proposals into the contracts the model writes: each row's facts as contract fields,
// onto its component or a new one (rows naming the same new system share it). Pure.
import { typeById } from '../../catalogue/vocabulary.js';
import type { Vocabulary } from '../../catalogue/types.js';
import type { ContractImport, ContractInput } from '../../map/contract-commands.js';
import { MAX_CONTRACT_TEXT } from '../../map/limits.js';
import type { ComponentId } from '../../map/types.js';
import type { ProposalAction } from './match.js';
import type { RegisterRow } from './types.js';

/** A row as the person left it in the review. */
export interface Decision {
	readonly row: RegisterRow;
	readonly action: ProposalAction;
	/** For accept and change. */
	readonly componentId: ComponentId | null;
	/** For add: the new component's vocabulary type ('' for none). */
	readonly typeId: string;
}

/** Longest name given to a new component, characters. */
const NEW_NAME = 80;

const clip = (text: string, max = MAX_CONTRACT_TEXT) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A register row's facts as contract fields (title, supplier and department live on the component, or nowhere). */
export function rowContract(row: RegisterRow): ContractInput {
	// An extension written as a date says when the option runs to; as text, what the options are.
	const extension = row.extension ? clip(row.extension) : '';
	return {
		reference: clip(row.reference),
		start: row.start,
		end: row.end,
		extensions: extension,
		wholeLifeValue: row.wholeLifeValue,
		annualCost: row.annualValue,
		route: clip(row.route)
	};
}

/** The name for a new component from a row: its title, else its description, shortened. */
export function newComponentName(row: RegisterRow): string {
	const name = (row.title || row.description || row.supplier).trim();
	return name.length > NEW_NAME ? `${name.slice(0, NEW_NAME - 1)}…` : name;
}

/**
 * The contracts to write for the reviewed rows: skipped rows and rows without a component left
 * out. New components take the row's title as name, its supplier, and the chosen type's usual place.
 */
export function planImport(decisions: readonly Decision[], vocabulary: Vocabulary): ContractImport[] {
	const out: ContractImport[] = [];
	for (const d of decisions) {
		if (d.action === 'skip') continue;
		const contract = rowContract(d.row);
		if (d.action === 'add') {
			const name = newComponentName(d.row);
			const type = d.typeId ? typeById(vocabulary, d.typeId) : undefined;
			out.push({
				target: {
					key: `${name.toLowerCase()}\u0000${d.row.supplier.toLowerCase()}`,
					component: {
						name,
						supplier: clip(d.row.supplier),
						componentType: type?.id ?? '',
						evolution: type?.x ?? 0.5,
						visibility: type?.y ?? 0.5
					}
				},
				contract
			});
		} else if (d.componentId) out.push({ target: { componentId: d.componentId }, contract });
	}
	return out;
}

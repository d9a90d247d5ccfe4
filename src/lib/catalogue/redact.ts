// What the public sees of a map published with details withheld: product and supplier names,
// and the free text that could name them, removed from a snapshot. Pure; map types only.
import type { Component, MapSnapshot } from '../map/types.js';
import { normalise, splitParentheses } from './text.js';
import type { Vocabulary } from './types.js';

/** Which details a publisher withholds from the public. */
export interface Redaction {
	/** Product and system names (typed components are renamed to their type). */
	readonly products: boolean;
	readonly suppliers: boolean;
	/** Free text: component notes, map notes and annotation text. */
	readonly notes: boolean;
}

export const NO_REDACTION: Redaction = Object.freeze({ products: false, suppliers: false, notes: false });

/** True when any detail is withheld. */
export function isRedacted(r: Redaction): boolean {
	return r.products || r.suppliers || r.notes;
}

/** A typed component's public name: its type's short name ('Revenues & benefits'), numbered when repeated. */
function typeNames(components: readonly Component[], vocabulary: Vocabulary): Map<string, string> {
	const out = new Map<string, string>();
	const used = new Map<string, number>();
	for (const c of components) {
		const type = c.kind === 'anchor' ? undefined : vocabulary.byId.get(c.componentType);
		if (!type) continue;
		const base = splitParentheses(type.name)[0];
		const n = (used.get(normalise(base)) ?? 0) + 1;
		used.set(normalise(base), n);
		out.set(c.id, n === 1 ? base : `${base} (${n})`);
	}
	return out;
}

/**
 * The snapshot with withheld details removed. Withholding products clears `product`, predecessor
 * names and evolved-copy names, and renames every typed component to its type's name (a component
 * named after its system would otherwise give it away); untyped components keep their names.
 * Withholding products or suppliers also withholds the free text (notes, annotations), which often
 * names both. Anchors (user needs) are never changed. Returns `map` itself when nothing is withheld.
 */
export function redactSnapshot(map: MapSnapshot, redaction: Redaction, vocabulary: Vocabulary): MapSnapshot {
	if (!isRedacted(redaction)) return map;
	const text = redaction.notes || redaction.products || redaction.suppliers;
	const names = redaction.products ? typeNames(map.components, vocabulary) : new Map<string, string>();
	const components = map.components.map((c): Component => {
		if (c.kind === 'anchor') return text ? { ...c, notes: '' } : c;
		return {
			...c,
			name: names.get(c.id) ?? c.name,
			product: redaction.products ? '' : c.product,
			supplier: redaction.suppliers ? '' : c.supplier,
			predecessors: redaction.products ? [] : c.predecessors,
			notes: text ? '' : c.notes
		};
	});
	return {
		...map,
		components,
		evolves: redaction.products ? map.evolves.map((e) => ({ ...e, name: '' })) : map.evolves,
		notes: text ? [] : map.notes,
		annotations: text ? map.annotations.map((a) => ({ ...a, text: '' })) : map.annotations
	};
}

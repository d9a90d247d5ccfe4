// Compare two maps by component type (never by product name): which types both have, which only
// one has, and for shared types where they sit and who supplies them. Pure; imports map types only.
import type { Component, ComponentId, Lifecycle, MapSnapshot } from '../map/types.js';
import { sourcingOf } from './snapshot.js';
import { normalise, splitParentheses } from './text.js';
import type { ComponentType, Sourcing, Vocabulary } from './types.js';

/** The part of a component a comparison needs. */
export interface ComparedComponent {
	readonly id: ComponentId;
	readonly name: string;
	readonly product: string;
	readonly supplier: string;
	readonly sourcing: Sourcing;
	readonly lifecycle: Lifecycle;
	readonly evolution: number;
	readonly visibility: number;
	/** Marked with inertia: held back, not a thing to hand on. */
	readonly inertia: boolean;
	/** The map plans to move it on (an evolve move starts at it): due for replacement. */
	readonly evolving: boolean;
}

/** The components of one type on one map. */
export interface TypePresence {
	readonly typeId: string;
	/** undefined for a type id the vocabulary does not know. */
	readonly type: ComponentType | undefined;
	readonly components: readonly ComparedComponent[];
}

/** A type on both maps, side by side. Evolution and visibility are means when a map has several. */
export interface SharedType {
	readonly typeId: string;
	readonly type: ComponentType | undefined;
	readonly a: readonly ComparedComponent[];
	readonly b: readonly ComparedComponent[];
	readonly evolutionA: number;
	readonly evolutionB: number;
	/** evolutionB − evolutionA, −1..1: positive when B sees the type as more evolved. */
	readonly evolutionDelta: number;
	readonly visibilityA: number;
	readonly visibilityB: number;
	/** True when a supplier of A's components also supplies one of B's. */
	readonly sameSupplier: boolean;
	/** Suppliers in common, as A writes them. */
	readonly commonSuppliers: readonly string[];
	readonly sameProduct: boolean;
	readonly commonProducts: readonly string[];
	/** Distinct known sourcings on each side ('' left out). */
	readonly sourcingA: readonly Sourcing[];
	readonly sourcingB: readonly Sourcing[];
	/** Both sides' sourcing is known and they differ. */
	readonly sourcingDiffers: boolean;
}

export interface Comparison {
	/** Types on both maps, in vocabulary order. */
	readonly both: readonly SharedType[];
	readonly onlyA: readonly TypePresence[];
	readonly onlyB: readonly TypePresence[];
	/** Components with no type (or anchors excluded): they cannot be compared. */
	readonly untypedA: readonly ComparedComponent[];
	readonly untypedB: readonly ComparedComponent[];
	/** Shared types over all types on either map (Jaccard), 0..1. */
	readonly similarity: number;
}

/** Supplier values that name no supplier: the council's own staff, community open source. */
const NOT_A_SUPPLIER = new Set(['', 'in house', 'inhouse', 'bespoke', 'open source', 'community', 'various', 'unknown', 'n a', 'tbc']);

/** Supplier fields already split (the same few hundred strings recur across every map). */
const partsCache = new Map<string, [key: string, display: string][]>();

/** The suppliers a supplier field names, as [key, display] pairs: 'Civica / Microsoft' → civica, microsoft. */
export function supplierParts(supplier: string): [key: string, display: string][] {
	const cached = partsCache.get(supplier);
	if (cached) return cached.map((p) => [...p] as [string, string]);
	const out = splitSuppliers(supplier);
	if (partsCache.size >= 10_000) partsCache.clear();
	partsCache.set(supplier, out);
	return out.map((p) => [...p] as [string, string]);
}

function splitSuppliers(supplier: string): [key: string, display: string][] {
	const out: [string, string][] = [];
	for (const part of supplier.split(/[/;,+]|\band\b/)) {
		const display = splitParentheses(part)[0].trim();
		const key = normalise(display);
		if (!NOT_A_SUPPLIER.has(key) && !out.some(([k]) => k === key)) out.push([key, display]);
	}
	return out;
}

/** A product's comparison key: brackets dropped, case and punctuation ignored. */
export function productKey(product: string): string {
	return normalise(splitParentheses(product)[0]);
}

function compared(c: Component, evolving: ReadonlySet<string>): ComparedComponent {
	return {
		id: c.id,
		name: c.name,
		product: c.product,
		supplier: c.supplier,
		sourcing: sourcingOf(c.decorators),
		lifecycle: c.lifecycle,
		evolution: c.evolution,
		visibility: c.visibility,
		inertia: c.inertia,
		evolving: evolving.has(c.id)
	};
}

/** A map's components grouped by type id (in map order), and those without a type. */
export function groupByType(map: MapSnapshot): { byType: Map<string, ComparedComponent[]>; untyped: ComparedComponent[] } {
	const byType = new Map<string, ComparedComponent[]>();
	const untyped: ComparedComponent[] = [];
	const evolving = new Set<string>(map.evolves.map((e) => e.componentId));
	for (const c of map.components) {
		if (c.kind === 'anchor') continue;
		const typeId = c.componentType.trim();
		if (!typeId) {
			untyped.push(compared(c, evolving));
			continue;
		}
		const list = byType.get(typeId);
		if (list) list.push(compared(c, evolving));
		else byType.set(typeId, [compared(c, evolving)]);
	}
	return { byType, untyped };
}

function mean(values: readonly number[]): number {
	return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

function distinctSourcing(components: readonly ComparedComponent[]): Sourcing[] {
	return [...new Set(components.map((c) => c.sourcing).filter((s) => s !== ''))];
}

function shared(typeId: string, type: ComponentType | undefined, a: ComparedComponent[], b: ComparedComponent[]): SharedType {
	const suppliersB = new Set(b.flatMap((c) => supplierParts(c.supplier).map(([k]) => k)));
	const commonSuppliers = [
		...new Set(a.flatMap((c) => supplierParts(c.supplier).filter(([k]) => suppliersB.has(k)).map(([, d]) => d)))
	];
	const productsB = new Set(b.map((c) => productKey(c.product)).filter(Boolean));
	const commonProducts = [
		...new Set(a.filter((c) => productsB.has(productKey(c.product))).map((c) => splitParentheses(c.product)[0]))
	];
	const sourcingA = distinctSourcing(a);
	const sourcingB = distinctSourcing(b);
	const evolutionA = mean(a.map((c) => c.evolution));
	const evolutionB = mean(b.map((c) => c.evolution));
	return {
		typeId,
		type,
		a,
		b,
		evolutionA,
		evolutionB,
		evolutionDelta: evolutionB - evolutionA,
		visibilityA: mean(a.map((c) => c.visibility)),
		visibilityB: mean(b.map((c) => c.visibility)),
		sameSupplier: commonSuppliers.length > 0,
		commonSuppliers,
		sameProduct: commonProducts.length > 0,
		commonProducts,
		sourcingA,
		sourcingB,
		sourcingDiffers:
			sourcingA.length > 0 &&
			sourcingB.length > 0 &&
			(sourcingA.length !== sourcingB.length || sourcingA.some((s) => !sourcingB.includes(s)))
	};
}

const ranks = new WeakMap<Vocabulary, Map<string, number>>();

/** Sort key: vocabulary order, then unknown type ids alphabetically. */
function typeOrder(vocabulary: Vocabulary): (x: { typeId: string }, y: { typeId: string }) => number {
	let rank = ranks.get(vocabulary);
	if (!rank) ranks.set(vocabulary, (rank = new Map(vocabulary.types.map((t, i) => [t.id, i]))));
	return (x, y) => (rank.get(x.typeId) ?? Infinity) - (rank.get(y.typeId) ?? Infinity) || (x.typeId < y.typeId ? -1 : x.typeId > y.typeId ? 1 : 0);
}

/** What a comparison is limited to: LGAM layers (none: all), and/or the types the smaller map uses. */
export interface CompareScope {
	readonly layers?: readonly string[];
	/** Only the types of the map with fewer types (A on a tie): a service map against a whole estate. */
	readonly smallerTypes?: boolean;
}

/** Keep only the types in scope, on both sides (untyped components stay: they are listed apart). */
function scoped(ga: Map<string, ComparedComponent[]>, gb: Map<string, ComparedComponent[]>, vocabulary: Vocabulary, scope: CompareScope): void {
	const layers = scope.layers && scope.layers.length > 0 ? new Set(scope.layers) : null;
	const smaller = scope.smallerTypes ? (gb.size < ga.size ? gb : ga) : null;
	for (const g of [ga, gb]) {
		for (const typeId of [...g.keys()]) {
			const layer = vocabulary.byId.get(typeId)?.layer;
			if ((layers && !(layer && layers.has(layer))) || (smaller && !smaller.has(typeId))) g.delete(typeId);
		}
	}
}

/**
 * Compare map A with map B by component type, within `scope` (default everything). Anchors are
 * left out; components without a type are listed as untyped. Linear in the number of components.
 */
export function compareMaps(a: MapSnapshot, b: MapSnapshot, vocabulary: Vocabulary, scope: CompareScope = {}): Comparison {
	const ga = groupByType(a);
	const gb = groupByType(b);
	scoped(ga.byType, gb.byType, vocabulary, scope);
	const both: SharedType[] = [];
	const onlyA: TypePresence[] = [];
	const onlyB: TypePresence[] = [];
	for (const [typeId, list] of ga.byType) {
		const type = vocabulary.byId.get(typeId);
		const other = gb.byType.get(typeId);
		if (other) both.push(shared(typeId, type, list, other));
		else onlyA.push({ typeId, type, components: list });
	}
	for (const [typeId, list] of gb.byType) {
		if (!ga.byType.has(typeId)) onlyB.push({ typeId, type: vocabulary.byId.get(typeId), components: list });
	}
	const order = typeOrder(vocabulary);
	const union = both.length + onlyA.length + onlyB.length;
	return {
		both: both.sort(order),
		onlyA: onlyA.sort(order),
		onlyB: onlyB.sort(order),
		untypedA: ga.untyped,
		untypedB: gb.untyped,
		similarity: union === 0 ? 0 : both.length / union
	};
}

// Focus and filter: which elements of a map stay in focus when a view shows only one LGAM layer,
// component type, supplier or lifecycle, or one component's value chain (the rest is dimmed, not
// removed). The filter travels as text (`layer:Integration`, `chain:<id>`), e.g. in `?focus=`. Pure.
import { chainOf, LIFECYCLES, type MapSnapshot } from '../map/index.js';
import { supplierParts } from './compare.js';
import { layerRank, VOCABULARY } from './vocabulary.js';
import type { Vocabulary } from './types.js';

export type FocusKind = 'layer' | 'type' | 'supplier' | 'lifecycle' | 'chain';
export const FOCUS_KINDS: readonly FocusKind[] = ['layer', 'type', 'supplier', 'lifecycle', 'chain'];

/** One filter: a kind and its value (a layer name, type id, supplier key, lifecycle or component id). */
export interface Focus {
	readonly kind: FocusKind;
	readonly value: string;
}

/** Longest value a focus may carry (characters); longer ones are refused. */
const MAX_VALUE = 200;

/** `kind:value` → a Focus; null for '', an unknown kind, an empty or overlong value. */
export function parseFocus(text: string | null | undefined): Focus | null {
	if (!text) return null;
	const colon = text.indexOf(':');
	const kind = text.slice(0, colon) as FocusKind;
	const value = text.slice(colon + 1).trim();
	if (colon < 1 || !FOCUS_KINDS.includes(kind) || value === '' || value.length > MAX_VALUE) return null;
	return { kind, value };
}

/** A Focus as the text parseFocus reads (for a URL's `?focus=` or a select's value). */
export function formatFocus(focus: Focus): string {
	return `${focus.kind}:${focus.value}`;
}

/** What is in focus, and how many components that is (user needs not counted). */
export interface FocusResult {
	/** Ids of components, evolve moves, links and pipelines in focus; everything else is dimmed. */
	readonly ids: ReadonlySet<string>;
	readonly shown: number;
	readonly total: number;
}

/**
 * The ids in focus for `focus` on `map`: the matching components (a layer, type, supplier or
 * lifecycle filter matches components, never user needs; a chain is its component's whole value
 * chain, needs and all), their evolve moves and pipelines, and the links between two of them.
 */
export function focusIds(map: MapSnapshot, focus: Focus, vocabulary: Vocabulary = VOCABULARY): FocusResult {
	const matches = matcher(map, focus, vocabulary);
	const components = new Set(map.components.filter(matches).map((c) => c.id as string));
	const ids = new Set<string>(components);
	for (const e of map.evolves) if (components.has(e.componentId)) ids.add(e.id);
	for (const p of map.pipelines) if (components.has(p.componentId)) ids.add(p.id);
	const chain = focus.kind === 'chain' ? chainOf(map, [focus.value]) : null;
	for (const l of map.links) if (chain ? chain.links.has(l.id) : ids.has(l.from) && ids.has(l.to)) ids.add(l.id);
	const counted = map.components.filter((c) => c.kind !== 'anchor');
	return { ids, shown: counted.filter((c) => components.has(c.id)).length, total: counted.length };
}

function matcher(map: MapSnapshot, focus: Focus, vocabulary: Vocabulary): (c: MapSnapshot['components'][number]) => boolean {
	const v = focus.value;
	switch (focus.kind) {
		case 'layer':
			return (c) => c.kind !== 'anchor' && vocabulary.byId.get(c.componentType)?.layer === v;
		case 'type':
			return (c) => c.kind !== 'anchor' && c.componentType === v;
		case 'supplier':
			return (c) => c.kind !== 'anchor' && supplierParts(c.supplier).some(([key]) => key === v);
		case 'lifecycle':
			return (c) => c.kind !== 'anchor' && c.lifecycle === v;
		case 'chain': {
			const chain = chainOf(map, [v]).elements;
			return (c) => chain.has(c.id);
		}
	}
}

/** "Showing 12 of 60 components" (what a live region announces for a filter). */
export function focusSummary(result: Pick<FocusResult, 'shown' | 'total'>): string {
	return `Showing ${result.shown} of ${result.total} component${result.total === 1 ? '' : 's'}`;
}

export interface FocusOption {
	/** The option's value: formatFocus of its focus. */
	readonly value: string;
	readonly label: string;
	/** Components it matches; left out for a chain (that would cost a walk of the map per component). */
	readonly count?: number;
}

export interface FocusGroup {
	readonly kind: FocusKind;
	readonly label: string;
	readonly options: readonly FocusOption[];
}

const GROUP_LABELS: Record<FocusKind, string> = {
	layer: 'LGAM layer',
	type: 'Component type',
	supplier: 'Supplier',
	lifecycle: 'Lifecycle',
	chain: 'Value chain of'
};

/**
 * The filters worth offering for `map`, grouped by kind: only layers, types, suppliers and
 * lifecycles some component has (LGAM order, then by name), and the chain of each component and
 * user need (by name). Deterministic.
 */
export function focusOptions(map: MapSnapshot, vocabulary: Vocabulary = VOCABULARY): FocusGroup[] {
	const counts = { layer: new Map<string, number>(), type: new Map<string, number>(), supplier: new Map<string, number>(), lifecycle: new Map<string, number>() };
	const names = new Map<string, string>();
	const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
	for (const c of map.components) {
		if (c.kind === 'anchor') continue;
		const type = vocabulary.byId.get(c.componentType);
		if (type) {
			bump(counts.layer, type.layer);
			bump(counts.type, type.id);
			names.set(`type:${type.id}`, type.name);
		}
		for (const [key, display] of supplierParts(c.supplier)) {
			bump(counts.supplier, key);
			if (!names.has(`supplier:${key}`)) names.set(`supplier:${key}`, display);
		}
		if (c.lifecycle) bump(counts.lifecycle, c.lifecycle);
	}
	const byName = (a: FocusOption, b: FocusOption) => a.label.localeCompare(b.label, 'en') || a.value.localeCompare(b.value);
	const options = (kind: 'layer' | 'type' | 'supplier' | 'lifecycle'): FocusOption[] =>
		[...counts[kind]].map(([v, count]) => ({ value: `${kind}:${v}`, label: names.get(`${kind}:${v}`) ?? v, count }));
	const chains = map.components
		.map((c): FocusOption => ({ value: `chain:${c.id}`, label: c.name || 'Unnamed' }))
		.sort(byName);
	const groups: FocusGroup[] = [
		{ kind: 'layer', label: GROUP_LABELS.layer, options: options('layer').sort((a, b) => layerRank(a.label) - layerRank(b.label) || byName(a, b)) },
		{ kind: 'type', label: GROUP_LABELS.type, options: options('type').sort(byName) },
		{ kind: 'supplier', label: GROUP_LABELS.supplier, options: options('supplier').sort(byName) },
		{ kind: 'lifecycle', label: GROUP_LABELS.lifecycle, options: options('lifecycle').sort((a, b) => LIFECYCLES.indexOf(a.label as never) - LIFECYCLES.indexOf(b.label as never)) },
		{ kind: 'chain', label: GROUP_LABELS.chain, options: chains }
	];
	return groups.filter((g) => g.options.length > 0);
}

/** Several maps' filter groups as one (the compare page): options merged by value, counts added. */
export function mergeFocusGroups(lists: readonly (readonly FocusGroup[])[]): FocusGroup[] {
	const merged = new Map<FocusKind, { label: string; options: Map<string, FocusOption> }>();
	for (const groups of lists) {
		for (const g of groups) {
			const into = merged.get(g.kind) ?? { label: g.label, options: new Map<string, FocusOption>() };
			merged.set(g.kind, into);
			for (const o of g.options) {
				const before = into.options.get(o.value);
				into.options.set(o.value, before ? { ...before, count: (before.count ?? 0) + (o.count ?? 0) } : o);
			}
		}
	}
	return FOCUS_KINDS.filter((k) => merged.has(k)).map((kind) => ({ kind, label: merged.get(kind)!.label, options: [...merged.get(kind)!.options.values()] }));
}

// Building plain MapSnapshots outside a Y.Doc (seed data, CSV import, merges), and reading a
// component's sourcing from its decorators. Uses only the model's types, ids and schema version.
import { newId } from '../map/ids.js';
import { SCHEMA_VERSION } from '../map/version.js';
import {
	emptySnapshot,
	NO_DECORATORS,
	type Component,
	type ComponentId,
	type Decorators,
	type EndpointId,
	type Evolve,
	type EvolveId,
	type Link,
	type LinkId,
	type MapMeta,
	type MapSnapshot
} from '../map/types.js';
import type { Sourcing } from './types.js';

/** What a new component needs: a name; everything else has the model's defaults. */
export type ComponentDraft = { readonly name: string; readonly id?: ComponentId } & Partial<Omit<Component, 'id' | 'order' | 'name'>>;

/** A component record with the model's defaults (evolution and visibility 0.5), a fresh id unless given. */
export function makeComponent(draft: ComponentDraft, order: number): Component {
	return {
		kind: 'component',
		evolution: 0.5,
		visibility: 0.5,
		label: null,
		inertia: false,
		pipelineId: null,
		submapRef: '',
		submapUrl: '',
		componentType: '',
		product: '',
		supplier: '',
		lifecycle: '',
		notes: '',
		predecessors: [],
		...draft,
		decorators: { ...NO_DECORATORS, ...draft.decorators },
		id: draft.id ?? newId<ComponentId>(),
		order
	};
}

/** A plain dependency link from `from` (the one that needs) to `to`. */
export function makeLink(from: EndpointId, to: EndpointId, order: number, id: LinkId = newId<LinkId>()): Link {
	return { id, from, to, context: '', flow: null, flowLabel: '', order };
}

/** An evolve move of a component to evolution `evolution` (0..1). */
export function makeEvolve(componentId: ComponentId, evolution: number, order: number, id: EvolveId = newId<EvolveId>()): Evolve {
	return { id, componentId, evolution, name: '', label: null, decorators: NO_DECORATORS, order };
}

/** The map-level defaults readMeta gives an empty document (the model's own emptySnapshot). */
export function defaultMeta(patch: Partial<MapMeta> = {}): MapMeta {
	const { components, links, evolves, pipelines, notes, annotations, areas, accelerators, schemaVersion, ...meta } = emptySnapshot(patch);
	void [components, links, evolves, pipelines, notes, annotations, areas, accelerators, schemaVersion];
	return meta;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

/** A frozen snapshot of the given meta, components, links and evolves (other collections empty). */
export function buildSnapshot(
	meta: Partial<MapMeta>,
	parts: { readonly components: readonly Component[]; readonly links?: readonly Link[]; readonly evolves?: readonly Evolve[] }
): MapSnapshot {
	return deepFreeze({
		schemaVersion: SCHEMA_VERSION,
		...defaultMeta(meta),
		components: [...parts.components],
		links: [...(parts.links ?? [])],
		evolves: [...(parts.evolves ?? [])],
		pipelines: [],
		notes: [],
		annotations: [],
		areas: [],
		accelerators: []
	});
}

/** A component's sourcing from its decorators; '' when none (or an odd mix of two) is set. */
export function sourcingOf(decorators: Decorators): Sourcing {
	const set = (['build', 'buy', 'outsource'] as const).filter((k) => decorators[k]);
	return set.length === 1 ? set[0] : '';
}

/** Decorators marking one sourcing (and nothing else). */
export function decoratorsFor(sourcing: Sourcing): Decorators {
	return sourcing ? { ...NO_DECORATORS, [sourcing]: true } : NO_DECORATORS;
}

/** Clamp a position to 0..1 (NaN becomes `fallback`). */
export function clamp01(value: number, fallback = 0.5): number {
	return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
}

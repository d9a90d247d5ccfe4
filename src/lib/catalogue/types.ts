// Plain types of the shared component vocabulary (LGAM-tagged component types).
// Imports only map types; no data here, so the generated data module and helpers can both use it.
import type { Stage } from '../map/stages.js';

/** One component type of the shared vocabulary: what makes maps of different councils comparable. */
export interface ComponentType {
	/** Stable id, e.g. 'revs-bens'; what a component's `componentType` holds. */
	readonly id: string;
	readonly name: string;
	/** LGAM layer, e.g. 'Business Areas'. */
	readonly layer: string;
	/** LGAM node within the layer, e.g. 'Revenues and benefits'. */
	readonly node: string;
	/** ESD function (and service) ids as written in the vocabulary, e.g. '3;9;56'. */
	readonly esdFunctions: string;
	/** Example products and suppliers, e.g. 'Capita One Revenues & Benefits (formerly Academy)'. */
	readonly examples: readonly string[];
	/** 'local' | 'national' | 'sector-oss' | 'shared-service' as written in the vocabulary. */
	readonly scope: string;
	/** Typical stage, by the vocabulary's quartile convention (see stageOfQuartile). */
	readonly stage: Stage;
	/** Typical evolution range and default position, all 0..1. */
	readonly xLo: number;
	readonly xHi: number;
	readonly x: number;
	readonly y: number;
	/** Ids of the types this one typically needs. */
	readonly dependsOn: readonly string[];
	readonly notes: string;
}

/** A vocabulary with its lookup built once. Make one with createVocabulary. */
export interface Vocabulary {
	readonly types: readonly ComponentType[];
	readonly byId: ReadonlyMap<string, ComponentType>;
}

/** How a component is sourced, read from its build/buy/outsource decorators; '' when unmarked. */
export type Sourcing = 'build' | 'buy' | 'outsource' | '';

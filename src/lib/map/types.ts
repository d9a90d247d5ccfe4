// Plain, immutable types of a Wardley map: what every layer outside src/lib/map sees.
// Must not import Yjs or anything of the app; coordinates are evolution (x) and visibility (y) in 0..1.

declare const brand: unique symbol;
/** A string id with a compile-time brand, so a LinkId is never passed where a ComponentId is wanted. */
export type Id<B extends string> = string & { readonly [brand]: B };
export type ComponentId = Id<'component'>;
export type LinkId = Id<'link'>;
export type EvolveId = Id<'evolve'>;
export type PipelineId = Id<'pipeline'>;
export type NoteId = Id<'note'>;
export type AnnotationId = Id<'annotation'>;
export type AreaId = Id<'area'>;
export type AcceleratorId = Id<'accelerator'>;
/** A link end: a component, or the evolved copy drawn by an evolve move. */
export type EndpointId = ComponentId | EvolveId;

/** The id type of each collection of elements (the document's collections: schema.ts). */
export interface ElementIds {
	components: ComponentId;
	links: LinkId;
	evolves: EvolveId;
	pipelines: PipelineId;
	notes: NoteId;
	annotations: AnnotationId;
	areas: AreaId;
	accelerators: AcceleratorId;
}
export type CollectionName = keyof ElementIds;

/**
 * One element of the map: its collection and an id of that collection's brand, so narrowing on
 * `collection` narrows the id too. `C` limits it to some collections.
 */
export type ElementRef<C extends CollectionName = CollectionName> = { readonly [K in C]: { readonly collection: K; readonly id: ElementIds[K] } }[C];

/** A reference from an id read as text (a key, a DOM attribute, a scene item): where it gets its brand. */
export function elementRef<C extends CollectionName>(collection: C, id: string): ElementRef<C> {
	return { collection, id } as unknown as ElementRef<C>;
}

/**
 * Comment lines of the map's text kept with an element: the OWM comment lines written directly
 * above its line, as written (`// …` or a `/* … *\/` block), joined by newlines. Absent when none.
 */
export interface Commented {
	readonly comments?: string;
}

/** A point on the map: evolution 0 (genesis) → 1 (commodity), visibility 0 (invisible) → 1 (user). */
export interface Point {
	readonly evolution: number;
	readonly visibility: number;
}

/** A label offset in pixels relative to the element (the OWM `label [x, y]`). */
export interface Offset {
	readonly x: number;
	readonly y: number;
}

export type ComponentKind = 'component' | 'anchor' | 'submap';
export const COMPONENT_KINDS: readonly ComponentKind[] = ['component', 'anchor', 'submap'];

export interface Decorators {
	readonly build: boolean;
	readonly buy: boolean;
	readonly outsource: boolean;
	readonly market: boolean;
	readonly ecosystem: boolean;
}

export type Lifecycle = '' | 'planned' | 'pilot' | 'live' | 'legacy' | 'retiring' | 'retired';
export const LIFECYCLES: readonly Lifecycle[] = ['', 'planned', 'pilot', 'live', 'legacy', 'retiring', 'retired'];

export interface Component extends Point, Commented {
	readonly id: ComponentId;
	readonly kind: ComponentKind;
	readonly name: string;
	/** Pixel offset of the label; null means the renderer's default placement. */
	readonly label: Offset | null;
	/** True when a person placed the label in Stackmap: drawn exactly there; otherwise `label` is a hint. */
	readonly labelPinned?: boolean;
	readonly inertia: boolean;
	readonly decorators: Decorators;
	/** The pipeline this component is a child of (it then shares the parent's visibility). */
	readonly pipelineId: PipelineId | null;
	/** For kind 'submap': the name of the url reference and its address. */
	readonly submapRef: string;
	readonly submapUrl: string;
	/** Council fields: a component type id from the shared vocabulary, or '' for free text. */
	readonly componentType: string;
	readonly product: string;
	readonly supplier: string;
	readonly lifecycle: Lifecycle;
	readonly notes: string;
	/** Names of the components this one came from (LGR merges), free text. */
	readonly predecessors: readonly string[];
	/** The contracts the component is bought on (absent: none); see contracts.ts and docs/contracts.md. */
	readonly contracts?: readonly Contract[];
	/** Creation order; the printer and the table sort by it. */
	readonly order: number;
}

/** An amount of money in pounds: exact (e.g. 125000) or a band as text ("£100k–£250k"), or both. */
export interface Money {
	/** Whole pounds or pence as a number; null when unknown or only a band is given. */
	readonly exact: number | null;
	readonly band: string;
}

/** A contract a component is bought on: every field optional (empty text, null). */
export interface Contract {
	/** Stable within its component (an id like every other element's). */
	readonly id: string;
	readonly reference: string;
	/** ISO dates yyyy-mm-dd, or '' when unknown. */
	readonly start: string;
	readonly end: string;
	/** Months of notice before `end` (whole months), or null when unknown. */
	readonly noticeMonths: number | null;
	/** Extension options as written, e.g. "+1+1 years". */
	readonly extensions: string;
	readonly annualCost: Money | null;
	readonly wholeLifeValue: Money | null;
	/** Procurement route or framework, e.g. "G-Cloud 14", "CCS RM6259", "in-house". */
	readonly route: string;
	/** Names of other councils on the same contract. */
	readonly sharedWith: readonly string[];
}

/** Flow kinds of OWM: `+>` forward, `+<` reverse, `+<>` both; null is a plain dependency. */
export type FlowKind = 'forward' | 'reverse' | 'both';
export const FLOW_KINDS: readonly FlowKind[] = ['forward', 'reverse', 'both'];

export interface Link extends Commented {
	readonly id: LinkId;
	/** The higher element, which needs `to`. */
	readonly from: EndpointId;
	readonly to: EndpointId;
	/** Context label drawn on the link (`A->B; limited by`). */
	readonly context: string;
	readonly flow: FlowKind | null;
	/** Value label of a flow (`A+'£5'>B`). */
	readonly flowLabel: string;
	readonly order: number;
}

/** An evolve move: the component's future position, drawn as a dashed arrow to an evolved copy. */
export interface Evolve extends Commented {
	readonly id: EvolveId;
	readonly componentId: ComponentId;
	/** Target evolution 0..1 (visibility stays the component's). */
	readonly evolution: number;
	/** Display name of the evolved copy; '' means the component's own name. */
	readonly name: string;
	readonly label: Offset | null;
	/** True when a person placed the label in Stackmap: drawn exactly there; otherwise `label` is a hint. */
	readonly labelPinned?: boolean;
	readonly decorators: Decorators;
	readonly order: number;
}

/** A pipeline box on a component. With children it spans them; without, `start..end` or hidden. */
export interface Pipeline extends Commented {
	readonly id: PipelineId;
	readonly componentId: ComponentId;
	/** Explicit evolution span (legacy `pipeline X [a, b]`); null when derived from children or hidden. */
	readonly start: number | null;
	readonly end: number | null;
	readonly order: number;
}

export interface Note extends Point, Commented {
	readonly id: NoteId;
	readonly text: string;
	readonly order: number;
}

export interface Annotation extends Commented {
	readonly id: AnnotationId;
	readonly number: number;
	readonly text: string;
	readonly positions: readonly Point[];
	readonly order: number;
}

export type AreaKind = 'pioneers' | 'settlers' | 'townplanners';
export const AREA_KINDS: readonly AreaKind[] = ['pioneers', 'settlers', 'townplanners'];

/** A pioneers/settlers/town planners area from its top-left (`from`) to its bottom-right (`to`). */
export interface Area extends Commented {
	readonly id: AreaId;
	readonly kind: AreaKind;
	readonly from: Point;
	readonly to: Point;
	readonly order: number;
}

export type AcceleratorKind = 'accelerator' | 'deaccelerator';
export const ACCELERATOR_KINDS: readonly AcceleratorKind[] = ['accelerator', 'deaccelerator'];

export interface Accelerator extends Point, Commented {
	readonly id: AcceleratorId;
	readonly kind: AcceleratorKind;
	readonly name: string;
	readonly order: number;
}

export type MapStyle = 'plain' | 'wardley' | 'handwritten' | 'colour' | 'dark';
export const MAP_STYLES: readonly MapStyle[] = ['plain', 'wardley', 'handwritten', 'colour', 'dark'];

export interface MapMeta {
	readonly title: string;
	readonly description: string;
	readonly style: MapStyle;
	/** Canvas size in pixels; 0 means automatic. */
	readonly size: { readonly width: number; readonly height: number };
	/** Four evolution stage labels, genesis first. */
	readonly evolutionLabels: readonly [string, string, string, string];
	/** Value-chain axis: its title and the labels of its top and bottom ends. */
	readonly valueChainLabels: { readonly axis: string; readonly top: string; readonly bottom: string };
	readonly hideEvolution: boolean;
	readonly hideValueChain: boolean;
	/** Where the annotation legend goes; null is the default place. */
	readonly annotationsAt: Point | null;
	/** Comment lines before the map's first statement (a licence or attribution), as written; absent when none. */
	readonly header?: string;
	/** Comment lines after the last element, and those before settings with no element after them; absent when none. */
	readonly footer?: string;
	/** Local government reorganisation: the day the new council takes over (yyyy-mm-dd); absent when none. */
	readonly vestingDate?: string;
}

/** The map-level settings' keys, in one place for readers that copy or compare them. */
export const META_KEYS = [
	'title',
	'description',
	'style',
	'size',
	'evolutionLabels',
	'valueChainLabels',
	'hideEvolution',
	'hideValueChain',
	'annotationsAt',
	'header',
	'footer',
	'vestingDate'
] as const satisfies readonly (keyof MapMeta)[];

/** The whole map as plain frozen data: the public JSON format (see docs/map.schema.json). */
export interface MapSnapshot extends MapMeta {
	readonly schemaVersion: number;
	readonly components: readonly Component[];
	readonly links: readonly Link[];
	readonly evolves: readonly Evolve[];
	readonly pipelines: readonly Pipeline[];
	readonly notes: readonly Note[];
	readonly annotations: readonly Annotation[];
	readonly areas: readonly Area[];
	readonly accelerators: readonly Accelerator[];
}

export const NO_DECORATORS: Decorators = Object.freeze({
	build: false,
	buy: false,
	outsource: false,
	market: false,
	ecosystem: false
});

export const DEFAULT_EVOLUTION_LABELS: readonly [string, string, string, string] = Object.freeze([
	'Genesis',
	'Custom-built',
	'Product (+rental)',
	'Commodity (+utility)'
]) as readonly [string, string, string, string];

/** A map with nothing on it and every setting at its default (what readSnapshot gives for a new document). */
export function emptySnapshot(meta: Partial<MapMeta> = {}, schemaVersion = 1): MapSnapshot {
	return {
		schemaVersion,
		title: 'Untitled map',
		description: '',
		style: 'plain',
		size: { width: 0, height: 0 },
		evolutionLabels: DEFAULT_EVOLUTION_LABELS,
		valueChainLabels: { axis: 'Value Chain', top: 'Visible', bottom: 'Invisible' },
		hideEvolution: false,
		hideValueChain: false,
		annotationsAt: null,
		...meta,
		components: [],
		links: [],
		evolves: [],
		pipelines: [],
		notes: [],
		annotations: [],
		areas: [],
		accelerators: []
	};
}

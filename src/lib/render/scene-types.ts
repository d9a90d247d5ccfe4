// The scene: a map turned into pixel geometry, one item per thing drawn, each pointing back at the
// model element it draws. Plain data only (no DOM); numbers are px with y pointing down.
import type { CollectionName } from '../map/index.js';
import type { Theme } from './theme.js';

/** What a scene item draws: a model collection, or `meta` for map settings (axes, title, legend). */
export type SceneCollection = CollectionName | 'meta';

/** An axis-aligned rectangle in px. */
export interface Box {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** A straight line segment in px. */
export interface Segment {
	readonly x1: number;
	readonly y1: number;
	readonly x2: number;
	readonly y2: number;
}

/** One or more lines of text. (x, y) is the baseline of the first line; later lines go down. */
export interface TextBlock {
	readonly x: number;
	readonly y: number;
	readonly lines: readonly string[];
	/** Font size in px. */
	readonly size: number;
	/** Distance between baselines in px. */
	readonly lineHeight: number;
	readonly anchor: 'start' | 'middle' | 'end';
	readonly bold: boolean;
	/** Rotation in degrees about (x, y); 0 for none. */
	readonly rotate: number;
	/** Estimated bounds in px (unrotated), for hit-testing and layout. */
	readonly bounds: Box;
}

/** What every scene item has: a stable key, the element it draws and a hit radius. */
export interface SceneItem {
	/** Stable across rebuilds: derived from the element id (e.g. `components/abc`). */
	readonly key: string;
	readonly collection: SceneCollection;
	/** The id of the element in `collection` (for `meta`: the setting's name). */
	readonly id: string;
	/** Pointer tolerance in px around the item's geometry; at least 12, 24 for point items. */
	readonly hit: number;
}

export type MarkerKind = 'build' | 'buy' | 'outsource';

/** A build/buy/outsource marker drawn behind a component: triangle, diamond, square. */
export interface Marker {
	readonly kind: MarkerKind;
	/** SVG path data in px. */
	readonly d: string;
}

/** A component, anchor or submap; also the evolved copy of an evolve move (`collection: 'evolves'`). */
export interface ComponentItem extends SceneItem {
	readonly kind: 'component' | 'anchor' | 'submap';
	readonly x: number;
	readonly y: number;
	/** Circle radius in px (0 for an anchor, which is its bold label). */
	readonly r: number;
	/** Outer radius in px of what is drawn (market/ecosystem symbols are larger); links end here. */
	readonly outer: number;
	readonly evolved: boolean;
	readonly market: boolean;
	readonly ecosystem: boolean;
	readonly markers: readonly Marker[];
	/** The inertia bar to the right of the component, or null. */
	readonly inertia: Box | null;
	readonly label: TextBlock;
	/** A thin line from the mark to its label when placement had to move the label away; else null. */
	readonly leader: Segment | null;
}

/** A link between two components (or evolved copies), ending at their circles' edges. */
export interface LinkItem extends SceneItem, Segment {
	readonly flow: 'forward' | 'reverse' | 'both' | null;
	/** Arrowheads showing a flow's direction (path data), '' for a plain link. */
	readonly heads: string;
	readonly context: TextBlock | null;
	readonly flowLabel: TextBlock | null;
}

/** An evolve move: a dashed arrow from the component to its evolved copy. */
export interface EvolveItem extends SceneItem, Segment {
	/** The arrowhead at the evolved copy (path data), '' when the move has no length. */
	readonly head: string;
}

export interface PipelineItem extends SceneItem {
	readonly box: Box;
}

export interface NoteItem extends SceneItem {
	readonly text: TextBlock;
}

/** One annotation: a numbered circle at each of its positions. */
export interface AnnotationItem extends SceneItem {
	readonly number: string;
	readonly circles: readonly { readonly x: number; readonly y: number; readonly r: number }[];
}

/** The box listing every annotation as "n. text". */
export interface LegendItem extends SceneItem {
	readonly box: Box;
	readonly title: TextBlock;
	readonly entries: TextBlock;
}

export interface AreaItem extends SceneItem {
	readonly kind: 'pioneers' | 'settlers' | 'townplanners';
	readonly box: Box;
	readonly label: TextBlock;
}

export interface AcceleratorItem extends SceneItem {
	readonly kind: 'accelerator' | 'deaccelerator';
	readonly x: number;
	readonly y: number;
	/** The block arrow (path data): right for an accelerator, left for a deaccelerator. */
	readonly d: string;
	readonly label: TextBlock;
}

/** Evolution axis furniture: stage dividers, stage labels and the axis title. */
export interface EvolutionAxis extends SceneItem {
	readonly dividers: readonly Segment[];
	readonly stages: readonly TextBlock[];
	readonly title: TextBlock;
}

/** Value-chain axis labels (rotated): the axis title and its top and bottom ends. */
export interface ValueChainAxis extends SceneItem {
	readonly title: TextBlock;
	readonly top: TextBlock;
	readonly bottom: TextBlock;
}

export interface Axes {
	/** The two axis lines, value chain (left, pointing up) and evolution (bottom, pointing right). */
	readonly lines: readonly Segment[];
	/** Arrowheads at the axis ends (path data). */
	readonly heads: string;
	readonly evolution: EvolutionAxis | null;
	readonly valueChain: ValueChainAxis | null;
	readonly title: (SceneItem & { readonly text: TextBlock }) | null;
}

/** A mark the key (legend.ts) can explain. */
export type LegendMark =
	| 'build' | 'buy' | 'outsource' | 'inertia' | 'market' | 'ecosystem' | 'submap'
	| 'evolve' | 'pipeline' | 'link' | 'flow' | 'accelerator' | 'deaccelerator';

/** One entry of the key: its mark, the centre of its sample (px) and its text. */
export interface LegendEntry {
	readonly mark: LegendMark;
	readonly x: number;
	readonly y: number;
	readonly label: TextBlock;
}

/** The key to the marks a map uses: a band `box` across the bottom of the canvas, its title and entries. */
export interface MarkLegendItem extends SceneItem {
	readonly box: Box;
	readonly title: TextBlock;
	readonly entries: readonly LegendEntry[];
}

/** Everything to draw for one map at one size, in drawing order of layers. */
export interface Scene {
	/** Canvas size in px. */
	readonly width: number;
	readonly height: number;
	readonly theme: Theme;
	/** The plot area inside the margins: evolution 0..1 spans its width, visibility 1..0 its height. */
	readonly plot: Box;
	readonly title: string;
	readonly description: string;
	readonly componentCount: number;
	readonly axes: Axes;
	readonly areas: readonly AreaItem[];
	readonly pipelines: readonly PipelineItem[];
	readonly links: readonly LinkItem[];
	readonly evolves: readonly EvolveItem[];
	readonly accelerators: readonly AcceleratorItem[];
	/** Components, anchors, submaps and evolved copies (their labels are drawn from here too). */
	readonly components: readonly ComponentItem[];
	readonly notes: readonly NoteItem[];
	readonly annotations: readonly AnnotationItem[];
	readonly legend: LegendItem | null;
	/** The key to the marks the map uses, in a band below the plot's canvas (SceneOptions.legend). */
	readonly markLegend: MarkLegendItem | null;
}

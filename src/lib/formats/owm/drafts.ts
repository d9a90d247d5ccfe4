// The parser's working state: elements as written (names, not ids) before names are resolved.
// Filled line by line by the line parsers, turned into a MapSnapshot by finalize.ts.
import {
	DEFAULT_EVOLUTION_LABELS,
	emptySnapshot,
	type Accelerator,
	type Annotation,
	type Area,
	type ComponentKind,
	type Contract,
	type Decorators,
	type FlowKind,
	type Lifecycle,
	type MapStyle,
	type Note,
	type Offset,
	type Point
} from '../../map/index.js';
import type { DecoratorWord } from './text.js';

/** Decorators while parsing (legacy `build X` lines set them later). */
export type MutableDecorators = { -readonly [K in keyof Decorators]: boolean };

/** A fresh set of decorators, all off. */
export function noDecorators(): MutableDecorators {
	return { build: false, buy: false, outsource: false, market: false, ecosystem: false };
}

/** Council fields carried by a `// stackmap:` extension comment. */
export interface CouncilFields {
	componentType: string;
	product: string;
	supplier: string;
	lifecycle: Lifecycle;
	notes: string;
	predecessors: string[];
	/** Contracts, checked by the model's rules when read (absent: none). */
	contracts?: Contract[];
}

/** Empty council fields (what a component has without a `// stackmap:` comment). */
export function noCouncilFields(): CouncilFields {
	return { componentType: '', product: '', supplier: '', lifecycle: '', notes: '', predecessors: [] };
}

/** A component, anchor or submap as read; `pipeline` is the block it was written in. */
export interface ComponentDraft {
	line: number;
	/** Comment lines written above it (parse.ts readLine). */
	comments?: string;
	kind: ComponentKind;
	name: string;
	evolution: number;
	visibility: number;
	label: Offset | null;
	/** A `// stackmap:` comment says a person placed the label (kept only with a label). */
	labelPinned: boolean;
	inertia: boolean;
	decorators: MutableDecorators;
	pipeline: PipelineDraft | null;
	submapRef: string;
	submapUrl: string;
	council: CouncilFields;
}

/** A `pipeline X` line; `name` is resolved to a component in finalize. */
export interface PipelineDraft {
	line: number;
	/** Comment lines written above it (parse.ts readLine). */
	comments?: string;
	name: string;
	start: number | null;
	end: number | null;
}

/** An `evolve` line: `source` names the component, `name` the evolved copy ('' = same name). */
export interface EvolveDraft {
	line: number;
	/** Comment lines written above it (parse.ts readLine). */
	comments?: string;
	source: string;
	name: string;
	evolution: number;
	label: Offset | null;
	decorators: MutableDecorators;
}

/** A link or flow line with its end names unresolved. */
export interface LinkDraft {
	line: number;
	/** Comment lines written above it (parse.ts readLine). */
	comments?: string;
	from: string;
	to: string;
	context: string;
	flow: FlowKind | null;
	flowLabel: string;
}

/** A legacy `build X` / `buy X` / `outsource X` line; `text` is the line after the keyword. */
export interface MethodDraft {
	line: number;
	word: DecoratorWord;
	name: string;
	/** The whole trimmed line, re-read as a link when it names no component (`buyer->x`). */
	whole: string;
}

/** A plain element as read; `comments` is written by readLine after the line parser made it. */
type Plain<T> = Omit<T, 'id' | 'order' | 'comments'> & { comments?: string };

/** Everything read so far, in source order. */
export class Drafts {
	title: string | null = null;
	titleLine = 1;
	description = '';
	/** From the map's `// stackmap:` comment; '' when none. */
	vestingDate = '';
	style: MapStyle = 'plain';
	size = { width: 0, height: 0 };
	evolutionLabels: readonly [string, string, string, string] = DEFAULT_EVOLUTION_LABELS;
	valueChainLabels = { ...emptySnapshot().valueChainLabels };
	hideEvolution = false;
	hideValueChain = false;
	annotationsAt: Point | null = null;
	/** Comment lines before the first statement, and after the last element. */
	header = '';
	footer = '';
	readonly components: ComponentDraft[] = [];
	readonly pipelines: PipelineDraft[] = [];
	readonly evolves: EvolveDraft[] = [];
	readonly links: LinkDraft[] = [];
	readonly methods: MethodDraft[] = [];
	readonly urls = new Map<string, { address: string; line: number }>();
	readonly extensions: { line: number; json: string }[] = [];
	readonly notes: Plain<Note>[] = [];
	readonly annotations: Plain<Annotation>[] = [];
	readonly areas: Plain<Area>[] = [];
	readonly accelerators: Plain<Accelerator>[] = [];
}

// Line parsers for components: `component`, `anchor`, `submap`, legacy `market`/`ecosystem`,
// pipeline children `component X [m]`, and `evolve`. Coordinates are read as OWM writes them,
// [visibility, evolution], and stored the model's way round.
import type { ComponentKind } from '../../map/index.js';
import type { Diagnostics } from './diagnostics.js';
import {
	noCouncilFields,
	noDecorators,
	type ComponentDraft,
	type Drafts,
	type EvolveDraft,
	type MutableDecorators,
	type PipelineDraft
} from './drafts.js';
import { readName } from './names.js';
import { parseTail, readNumberToken, type Tail } from './tail.js';
import { readDecoratorGroup, readNumberList, readSlippedPair, skipSpaces, wordAt, type DecoratorWord } from './text.js';

/** OWM's default coordinates `[0.9, 0.1]` for an element written without any. */
export const DEFAULT_VISIBILITY = 0.9;
export const DEFAULT_EVOLUTION = 0.1;
/** OWM's maturity for an `evolve` line whose number cannot be read. */
export const DEFAULT_EVOLVE = 0.85;

/** True at the first space or tab of a run (checking only there keeps name scans linear). */
function spaceRunStart(s: string, j: number): boolean {
	const c = s[j];
	if (c !== ' ' && c !== '\t') return false;
	return j === 0 || (s[j - 1] !== ' ' && s[j - 1] !== '\t');
}

function applyWords(target: MutableDecorators, words: readonly string[]): void {
	for (const w of words) target[w as DecoratorWord] = true;
}

/** Where a bare component name ends: coordinates, a decorator group, or a trailing `inertia`/`url(`. */
function componentNameStop(s: string, j: number): boolean {
	const c = s[j];
	if (c === '[') return readNumberList(s, j) !== null || readSlippedPair(s, j) !== null;
	if (c === '(') return readDecoratorGroup(s, j) !== null;
	if (spaceRunStart(s, j)) {
		const k = skipSpaces(s, j);
		if (s.startsWith('url(', k)) return true;
		if (wordAt(s, k, 'inertia', '(')) {
			const after = skipSpaces(s, k + 7);
			return after >= s.length || s[after] === '(';
		}
	}
	return false;
}

/** How to read a component line: its kind, the pipeline block it sits in, a legacy decorator. */
export interface ComponentLineOptions {
	kind: ComponentKind;
	/** Set for a child line inside a pipeline `{ … }` block: coordinates are `[evolution]`. */
	pipeline?: PipelineDraft | null;
	/** Extra decorator set by a legacy keyword (`market X`, `ecosystem X`). */
	decorator?: DecoratorWord;
}

/** Parse the text after `component`/`anchor`/`submap`/… into a component; null for a line with no name (skipped). */
export function parseComponentLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics, options: ComponentLineOptions): ComponentDraft | null {
	const read = readName(rest, 0, componentNameStop);
	let name = read.name;
	const tail = parseTail(rest, read.end, { coords: true, url: true, evolve: true });
	const bracket = read.quoted ? -1 : name.indexOf('[');
	if (tail.coords === null && bracket >= 0) {
		// A `[` but no readable coordinates anywhere: the coordinates are malformed, not part of the name.
		diag.error(line, `${options.kind} "${name.slice(0, bracket).trim()}": cannot read the coordinates "${name.slice(bracket, bracket + 40)}"`);
		name = name.slice(0, bracket).trim();
	}
	if (name === '' && !read.quoted) {
		// OWM draws nothing for an unnamed line; an unnamed component could not be linked either.
		diag.warn(line, `"${options.kind}" with no name is skipped, as OWM does`);
		return null;
	}
	if (tail.error) diag.error(line, `${options.kind} "${name}": ${tail.error}`);
	else if (tail.stray !== null) diag.warn(line, `${options.kind} "${name}": "${tail.stray}" is ignored, as OWM ignores it`);
	if (tail.slippedCoords !== null && tail.coords) {
		diag.warn(line, `${options.kind} "${name}": coordinates "${tail.slippedCoords}" read as [${tail.coords.join(', ')}], as OWM draws them`);
	}
	const draft: ComponentDraft = {
		line,
		kind: options.kind,
		name,
		evolution: DEFAULT_EVOLUTION,
		visibility: DEFAULT_VISIBILITY,
		label: tail.label,
		labelPinned: false,
		inertia: tail.inertia,
		decorators: noDecorators(),
		pipeline: options.pipeline ?? null,
		submapRef: '',
		submapUrl: '',
		council: noCouncilFields()
	};
	applyWords(draft.decorators, tail.words);
	if (options.decorator) draft.decorators[options.decorator] = true;
	placeComponent(draft, tail, line, diag, options.pipeline != null);
	if (tail.url !== null) {
		if (options.kind === 'submap') draft.submapRef = tail.url;
		else diag.warn(line, `url(…) only belongs on a submap line; ignored`);
	}
	drafts.components.push(draft);
	if (tail.inlineEvolve !== null) {
		diag.warn(line, `inline "evolve" on a component line crashes OWM (#227); it is kept as a separate evolve`);
		drafts.evolves.push({ line, source: name, name: '', evolution: tail.inlineEvolve, label: null, decorators: noDecorators() });
	}
	return draft;
}

function placeComponent(draft: ComponentDraft, tail: Tail, line: number, diag: Diagnostics, child: boolean): void {
	const c = tail.coords;
	if (c === null || c.length === 0) return;
	if (child) {
		if (c.length === 2) diag.warn(line, `a pipeline child takes its visibility from the pipeline; only the evolution ${c[1]} is used`);
		if (c.length === 1 || c.length === 2) draft.evolution = c[c.length - 1];
		else diag.error(line, `pipeline child "${draft.name}" needs [evolution]`);
		return;
	}
	if (c.length === 2) {
		draft.visibility = c[0];
		draft.evolution = c[1];
	} else diag.error(line, `"${draft.name}" needs coordinates [visibility, evolution]`);
}

/** Where a bare evolve name ends: before ` <number> <modifiers>` that read cleanly to the end. */
function evolveNameStop(s: string, j: number): boolean {
	if (!spaceRunStart(s, j)) return false;
	const k = skipSpaces(s, j);
	const n = readNumberToken(s, k);
	if (n === null) return false;
	const tail = parseTail(s, n.end, {});
	return tail.error === null && tail.stray === null;
}

/** Parse `evolve A 0.8 …`, `evolve A->B 0.8 …` or with quoted names. */
export function parseEvolveLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): EvolveDraft | null {
	let stop = evolveNameStop;
	let hasNumber = rest[0] === '"';
	for (let j = 0; j < rest.length && !hasNumber; j++) hasNumber = evolveNameStop(rest, j);
	if (!hasNumber) {
		// No maturity found: the name runs to the first modifier.
		stop = (s, j) =>
			(s[j] === '(' && readDecoratorGroup(s, j) !== null) || (spaceRunStart(s, j) && wordAt(s, skipSpaces(s, j), 'label', '['));
	}
	const arrowStop = (s: string, j: number) => (s[j] === '-' && s[j + 1] === '>') || stop(s, j);
	const source = readName(rest, 0, arrowStop);
	let target = '';
	let i = skipSpaces(rest, source.end);
	if (rest.startsWith('->', i)) {
		const t = readName(rest, skipSpaces(rest, i + 2), stop);
		target = t.name;
		i = t.end;
	}
	if (source.name === '' && !source.quoted) {
		diag.error(line, 'evolve needs the name of a component');
		return null;
	}
	const tail = parseTail(rest, i, { number: true });
	if (tail.error) diag.error(line, `evolve "${source.name}": ${tail.error}`);
	else if (tail.stray !== null) diag.error(line, `evolve "${source.name}": unexpected "${tail.stray}"`);
	if (tail.number === null) diag.warn(line, `evolve "${source.name}" has no evolution number; using ${DEFAULT_EVOLVE} as OWM does`);
	const draft: EvolveDraft = {
		line,
		source: source.name,
		name: target,
		evolution: tail.number ?? DEFAULT_EVOLVE,
		label: tail.label,
		decorators: noDecorators()
	};
	applyWords(draft.decorators, tail.words);
	drafts.evolves.push(draft);
	return draft;
}

/** Parse `pipeline X`, `pipeline X [a, b]`, and a `{` (or `{}`) on the same line. */
export function parsePipelineLine(rest: string, line: number, drafts: Drafts, diag: Diagnostics): { pipeline: PipelineDraft; opens: boolean; closes: boolean } | null {
	const stop = (s: string, j: number) => (s[j] === '[' && readNumberList(s, j) !== null) || s[j] === '{';
	const { name, end, quoted } = readName(rest, 0, stop);
	if (name === '' && !quoted) {
		diag.error(line, 'pipeline needs the name of a component');
		return null;
	}
	const pipeline: PipelineDraft = { line, name, start: null, end: null };
	let i = skipSpaces(rest, end);
	if (rest[i] === '[') {
		const list = readNumberList(rest, i);
		if (list && list.values.length === 2) {
			pipeline.start = list.values[0];
			pipeline.end = list.values[1];
		} else if (!list || list.values.length !== 0) diag.error(line, `pipeline "${name}" needs [start, end] evolutions`);
		i = skipSpaces(rest, list ? list.end : rest.length);
	}
	let opens = false;
	let closes = false;
	if (rest[i] === '{') {
		opens = true;
		i = skipSpaces(rest, i + 1);
		if (rest[i] === '}') {
			closes = true;
			i = skipSpaces(rest, i + 1);
		}
	}
	if (i < rest.length) diag.error(line, `pipeline "${name}": unexpected "${rest.slice(i)}"`);
	drafts.pipelines.push(pipeline);
	return { pipeline, opens, closes };
}

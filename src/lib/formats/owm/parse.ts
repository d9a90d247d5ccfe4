// parseOwm: OWM text → MapSnapshot with line-numbered errors and warnings. Line by line on
// keywords, with pipeline `{ … }` blocks (brace on the next line or on the pipeline line).
// Never throws; linear in the input; stops at the first line past a read limit. Shared with the
// Mermaid dialect (mermaid.ts).
import { NO_READ_LIMITS, emptySnapshot, overLimit, tooManyLines, type OverLimit, type ReadLimits } from '../../map/index.js';
import { Diagnostics, type ParseResult } from './diagnostics.js';
import { Drafts, type PipelineDraft } from './drafts.js';
import { parseComponentLine, parseEvolveLine, parsePipelineLine } from './component-line.js';
import { finalize } from './finalize.js';
import { looksLikeLink, parseLinkLine } from './link-line.js';
import { OWM_KEYWORDS } from './names.js';
import * as other from './other-lines.js';
import { onlyComments, readQuoted, splitLines, stripComments, type CodeLine, type Dialect } from './text.js';

/** Parser state carried from line to line. */
interface State {
	readonly drafts: Drafts;
	readonly diag: Diagnostics;
	readonly dialect: Dialect;
	/** A `pipeline X` line just above, which a `{` on this line would open. */
	pending: PipelineDraft | null;
	/** The open `{ … }` block and the line it opened on. */
	block: { pipeline: PipelineDraft; line: number } | null;
	/** Inside a Mermaid `accDescr { … }` block. */
	description: string[] | null;
	/** Comment lines read since the last element ('' marks a blank line between them). */
	comments: string[];
	/** A blank line came after the last comment line read. */
	blank: boolean;
	/** A statement (any line of code) has been read: comments before the first are the header. */
	started: boolean;
}

function unquoteWhole(text: string): string {
	const q = text.startsWith('"') ? readQuoted(text, 0) : null;
	return q && q.end === text.length ? q.value : text;
}

function handleTitle(state: State, rest: string, line: number): void {
	if (state.drafts.title !== null) {
		state.diag.warn(line, `title given again (line ${state.drafts.titleLine}); the first is used`);
		return;
	}
	state.drafts.title = unquoteWhole(rest.trim());
	state.drafts.titleLine = line;
}

/** Lines that begin with a keyword. Returns false when the first word is not one. */
function handleKeyword(state: State, word: string, rest: string, line: number, trimmed: string): boolean {
	const { drafts, diag, dialect } = state;
	const child = state.block?.pipeline ?? null;
	switch (word) {
		case 'component':
		case 'anchor':
		case 'submap':
			if (child && word !== 'component') diag.warn(line, `${word} inside a pipeline block is read as a pipeline child`);
			parseComponentLine(rest, line, drafts, diag, { kind: word, pipeline: child });
			return true;
		case 'market':
		case 'ecosystem':
			diag.warn(line, `"${word} X" is legacy syntax (replaced in 2025): written back as component X (${word})`);
			parseComponentLine(rest, line, drafts, diag, { kind: 'component', decorator: word, pipeline: child });
			return true;
		case 'build':
		case 'buy':
		case 'outsource':
			drafts.methods.push({ line, word, name: unquoteWhole(rest.trim()), whole: trimmed });
			return true;
		case 'evolve':
			parseEvolveLine(rest, line, drafts, diag);
			return true;
		case 'pipeline': {
			if (state.block) {
				diag.error(state.block.line, `pipeline block not closed before the next pipeline (line ${line})`);
				state.block = null;
			}
			const p = parsePipelineLine(rest, line, drafts, diag);
			if (p?.opens && !p.closes) state.block = { pipeline: p.pipeline, line };
			state.pending = p && !p.opens ? p.pipeline : null;
			return true;
		}
		case 'note':
			other.parseNoteLine(rest, line, drafts, diag);
			return true;
		case 'annotation':
			other.parseAnnotationLine(rest, line, drafts, diag);
			return true;
		case 'annotations':
			other.parseAnnotationsLine(rest, line, drafts, diag);
			return true;
		case 'pioneers':
		case 'settlers':
		case 'townplanners':
			if (dialect === 'mermaid') diag.warn(line, `${word} areas are not part of Mermaid wardley-beta`);
			other.parseAreaLine(rest, line, word, drafts, diag);
			return true;
		case 'accelerator':
		case 'deaccelerator':
			other.parseAcceleratorLine(rest, line, word, drafts, diag);
			return true;
		case 'url':
			other.parseUrlLine(rest, line, drafts, diag);
			return true;
		case 'style':
			other.parseStyleLine(rest, line, drafts, diag);
			return true;
		case 'size':
			other.parseSizeLine(rest, line, drafts, diag);
			return true;
		case 'evolution':
			other.parseEvolutionLine(rest, line, drafts, diag, dialect);
			return true;
		case 'valuechain':
			other.parseValueChainLine(rest, line, drafts, diag);
			return true;
		case 'y-axis':
			other.parseYAxisLine(rest, line, drafts, diag);
			return true;
		case 'wardley-beta':
			if (dialect === 'owm') diag.warn(line, 'this is a Mermaid header; the rest is read as OWM');
			return true;
		default:
			return false;
	}
}

/** Mermaid accessibility lines `accTitle: …`, `accDescr: …` and `accDescr { … }`. */
function handleAccessibility(state: State, trimmed: string, line: number): boolean {
	const m = /^(accTitle|accDescr)\s*(:|\{)(.*)$/.exec(trimmed);
	if (!m) return false;
	if (m[1] === 'accTitle') {
		if (state.drafts.title === null) handleTitle(state, m[3], line);
		else state.diag.warn(line, 'accTitle is not kept when the map has a title');
	} else if (m[2] === ':') state.drafts.description = m[3].trim();
	else {
		const inline = m[3];
		const close = inline.indexOf('}');
		if (close >= 0) state.drafts.description = inline.slice(0, close).trim();
		else state.description = inline.trim() ? [inline.trim()] : [];
	}
	return true;
}

function handleLine(state: State, code: CodeLine): void {
	const { diag, drafts, dialect } = state;
	const { text, line } = code;
	const trimmed = text.trim();
	if (state.description) {
		const close = trimmed.indexOf('}');
		if (close < 0) state.description.push(trimmed);
		else {
			state.description.push(trimmed.slice(0, close).trim());
			drafts.description = state.description.filter((l) => l !== '').join('\n');
			state.description = null;
		}
		return;
	}
	if (code.extension !== undefined) {
		drafts.extensions.push({ line, json: code.extension });
		return;
	}
	if (trimmed === '') return;
	const pending = state.pending;
	state.pending = null;
	if (trimmed === '{' || trimmed === '{}') {
		if (pending && trimmed === '{') state.block = { pipeline: pending, line };
		else if (!pending) diag.error(line, '"{" must follow a pipeline line');
		return;
	}
	if (trimmed === '}') {
		if (state.block) state.block = null;
		else diag.warn(line, 'stray "}" ignored');
		return;
	}
	if (/^title(\s|$)/.test(text)) return handleTitle(state, text.slice(5), line);
	const word = trimmed.split(/[\s]/, 1)[0];
	const rest = trimmed.slice(word.length).trim();
	if (handleKeyword(state, word, rest, line, trimmed)) return;
	if (handleAccessibility(state, trimmed, line)) return;
	if (/^title(\s|$)/.test(trimmed)) {
		diag.warn(line, 'title must start at column 0 (as in OWM); this line is ignored');
		return;
	}
	if (dialect === 'mermaid' && /-\.-\s*\(\s*[-+.\d]+\s*,\s*[-+.\d]+\s*\)$/.test(trimmed)) {
		diag.warn(line, 'trend lines (X -.- (x, y)) are not kept');
		return;
	}
	if (looksLikeLink(trimmed, dialect)) {
		const parsed = parseLinkLine(trimmed, line, dialect);
		if ('error' in parsed) return diag.error(line, parsed.error);
		if (parsed.style) diag.warn(line, `the ${parsed.style} arrow style is not kept; read as a plain link`);
		drafts.links.push(parsed.link);
		return;
	}
	const lower = word.toLowerCase();
	if (lower !== word && (OWM_KEYWORDS as readonly string[]).includes(lower)) {
		return diag.error(line, `keywords are lowercase: write "${lower}", not "${word}"`);
	}
	diag.error(line, `cannot read "${trimmed.length > 60 ? trimmed.slice(0, 60) + '…' : trimmed}"`);
}

/** The element lists of the drafts, in one order, to see which one a line added to. */
function elementLists(d: Drafts): readonly { comments?: string }[][] {
	return [d.components, d.links, d.evolves, d.pipelines, d.notes, d.annotations, d.areas, d.accelerators];
}

function takeComment(state: State, comment: string): void {
	if (state.blank && state.comments.length > 0) state.comments.push('');
	state.blank = false;
	state.comments.push(comment);
}

/** The comment lines read so far, blank lines inside kept, as one text; the buffer is emptied. */
function flushComments(state: State): string {
	const text = state.comments.join('\n');
	state.comments = [];
	state.blank = false;
	return text;
}

/**
 * One line, keeping its comments (OWM only): comment lines gather until a line adds an element,
 * which takes them; those before the first statement are the header, those left at the end the
 * footer. A comment on a line with code goes with that line; a block it opens and leaves open
 * goes with the lines after it.
 */
function readLine(state: State, code: CodeLine): void {
	if (state.dialect !== 'owm' || code.extension !== undefined || state.description) return handleLine(state, code);
	const hasCode = code.text.trim() !== '';
	if (!hasCode) {
		if (code.comment) takeComment(state, code.comment);
		else if (state.comments.length > 0) state.blank = true;
		return handleLine(state, code);
	}
	// A block comment that closes on the first statement's line belongs to the header whole.
	const closesHeader = !state.started && state.comments.length > 0 && !onlyComments(state.comments);
	if (code.comment && closesHeader) takeComment(state, code.comment);
	if (!state.started) {
		state.started = true;
		state.drafts.header = flushComments(state);
	}
	if (code.comment && !closesHeader) takeComment(state, code.comment);
	const lists = elementLists(state.drafts);
	const before = lists.map((l) => l.length);
	handleLine(state, code);
	const grown = lists.find((l, k) => l.length > before[k]);
	if (grown && state.comments.length > 0) grown[grown.length - 1].comments = flushComments(state);
	if (code.opens) takeComment(state, code.opens);
}

/** Words that start a line declaring a component (also inside a pipeline block). */
const COMPONENT_WORDS: ReadonlySet<string> = new Set(['component', 'anchor', 'submap', 'market', 'ecosystem']);

function elementCount(d: Drafts): number {
	return d.components.length + d.links.length + d.evolves.length + d.pipelines.length + d.notes.length + d.annotations.length + d.areas.length + d.accelerators.length;
}

/**
 * The limit the lines read so far (up to `k`) pass, or null. Past the component limit, the rest
 * is only counted (its first words), so the message can say how many components the text has.
 */
function passedLimit(state: State, lines: readonly CodeLine[], k: number, limits: ReadLimits): OverLimit | null {
	const { drafts } = state;
	if (drafts.components.length > limits.maxComponents) {
		let count = drafts.components.length;
		for (let j = k + 1; j < lines.length; j++) if (COMPONENT_WORDS.has(lines[j].text.trim().split(/\s/, 1)[0])) count++;
		return overLimit('components', lines[k].line, count, limits.maxComponents);
	}
	return elementCount(drafts) > limits.maxElements ? overLimit('elements', lines[k].line, limits.maxElements + 1, limits.maxElements) : null;
}

/** Parse text in either dialect into a map plus diagnostics, stopping at the first line past `limits`. */
export function parseText(text: string, dialect: Dialect, limits: ReadLimits = NO_READ_LIMITS): ParseResult {
	const drafts = new Drafts();
	const diag = new Diagnostics();
	const state: State = { drafts, diag, dialect, pending: null, block: null, description: null, comments: [], blank: false, started: false };
	const source = typeof text === 'string' ? text.replace(/^\uFEFF/, '') : '';
	const long = tooManyLines(source, limits.maxLines);
	if (long) return { map: emptySnapshot(), errors: [], warnings: [], overLimit: long };
	const lines = stripComments(splitLines(source), dialect);
	for (let k = 0; k < lines.length; k++) {
		readLine(state, lines[k]);
		const over = passedLimit(state, lines, k, limits);
		if (over) return { map: emptySnapshot(), ...diag.sorted(), overLimit: over };
	}
	if (state.block) diag.error(state.block.line, 'pipeline block is never closed with "}"');
	// A block comment never closed runs to the end of the text: close it, so it prints back as written.
	if (dialect === 'owm' && state.comments.length > 0 && !onlyComments(state.comments)) state.comments[state.comments.length - 1] += ' */';
	if (state.started) drafts.footer = flushComments(state);
	else drafts.header = flushComments(state);
	const map = finalize(drafts, diag, dialect);
	return { map, ...diag.sorted() };
}

/**
 * Parse OnlineWardleyMaps text. Coordinates are read as `[visibility, evolution]`; every quirk of
 * the format (owm-format.md b.5) is handled. Never throws: bad lines give an error naming their
 * 1-based line and the parse goes on; resolvable oddities give warnings. Past one of `limits` it
 * stops: `overLimit` says which, and the map is empty.
 */
export function parseOwm(text: string, limits: ReadLimits = NO_READ_LIMITS): ParseResult {
	return parseText(text, 'owm', limits);
}

// How big a new map may be, and the words for one that is over: shared by the server's size
// checks (server/collab/size.ts) and the import parsers, which stop reading at the first element
// past a limit, before any document is built. Pure.

/** What a parse of map text may read before it stops. */
export interface ReadLimits {
	/** Most components (anchors and submaps included). */
	readonly maxComponents: number;
	/** Most elements of every kind together: components, links, evolves, pipelines, notes, annotations, areas, accelerators. */
	readonly maxElements: number;
	/** Most lines of a line-based text (OWM, Mermaid, CSV). */
	readonly maxLines: number;
}

/** No limits (the CLI, the editor's own text view): parse everything. */
export const NO_READ_LIMITS: ReadLimits = Object.freeze({ maxComponents: Infinity, maxElements: Infinity, maxLines: Infinity });

/**
 * Fewer bytes than the smallest element takes in a document (a pipeline or a note, about 80):
 * a text with more than maxDocBytes / this many elements could never fit in the map.
 */
export const ELEMENT_BYTES_FLOOR = 50;

/** The read limits that go with the map limits: nothing a map could hold is refused. */
export function readLimitsFor(limits: { maxComponents: number; maxDocBytes: number }): ReadLimits {
	const maxElements = Math.max(50_000, limits.maxComponents, Math.ceil(limits.maxDocBytes / ELEMENT_BYTES_FLOOR));
	// Two lines per element: room for a `// stackmap:` comment or a blank line after each.
	return { maxComponents: limits.maxComponents, maxElements, maxLines: 2 * maxElements };
}

/** A text a parse stopped reading because it passed a limit: nothing of it becomes a map. */
export interface OverLimit {
	readonly limit: 'components' | 'elements' | 'lines';
	/** The 1-based line where the limit was passed (JSON: where the first element past it starts). */
	readonly line: number;
	/** How many the text has: exact for components and lines; for elements, the limit + 1. */
	readonly count: number;
	/** In words for the person importing (the same words as a map refused after it was built). */
	readonly message: string;
}

const n = (v: number) => v.toLocaleString('en-GB');

/** Why a whole new map (an import, a copy) is over the limits, in words for the person creating it. */
export const NEW_TOO_BIG = {
	components: (count: number, max: number) => `This map has ${n(count)} components: a map holds at most ${n(max)}. Split it into several maps.`,
	bytes: (count: number, max: number) => `This map is ${formatBytes(count)} of data: a map holds at most ${formatBytes(max)}. Split it into several maps.`,
	elements: (max: number) =>
		`This map has more than ${n(max)} elements (components, links, notes and the like): a map holds at most ${n(max)}. Split it into several maps.`,
	lines: (count: number, max: number) => `This text has ${n(count)} lines: an import reads at most ${n(max)}. Split it into several maps.`
} as const;

/** The OverLimit for `limit` passed at `line`. */
export function overLimit(limit: OverLimit['limit'], line: number, count: number, max: number): OverLimit {
	const message = limit === 'components' ? NEW_TOO_BIG.components(count, max) : limit === 'lines' ? NEW_TOO_BIG.lines(count, max) : NEW_TOO_BIG.elements(max);
	return { limit, line, count, message };
}

/**
 * The OverLimit for a text of more than `max` lines, or null. Counts line ends without splitting
 * (LF; with `lonelyCr`, a CR not followed by LF too, as CSV reads them).
 */
export function tooManyLines(text: string, max: number, lonelyCr = false): OverLimit | null {
	if (!Number.isFinite(max) || text.length < max) return null;
	let lines = 1;
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
	if (lonelyCr) for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) lines++;
	return lines > max ? overLimit('lines', max + 1, lines, max) : null;
}

export function formatBytes(count: number): string {
	if (count >= 1024 * 1024) return `${+(count / (1024 * 1024)).toFixed(1)} MB`;
	if (count >= 1024) return `${+(count / 1024).toFixed(1)} KB`;
	return `${count} bytes`;
}

// ---- contracts on a component (contracts.ts) ----------------------------------------------------

/** Most contracts one component holds. */
export const MAX_CONTRACTS = 20;
/** Most characters of a contract's reference, extensions, route, money band, or one council's name. */
export const MAX_CONTRACT_TEXT = 200;
/** Most councils one contract is shared with. */
export const MAX_SHARED_WITH = 50;
/** The longest notice period, in months. */
export const MAX_NOTICE_MONTHS = 120;

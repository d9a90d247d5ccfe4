// Lexical helpers shared by the OWM and Mermaid parsers: comments, quoted names, numbers,
// bracket lists and decorator groups. Every scanner here is linear in the line it reads
// (no backtracking regexes), so hostile input cannot stall a parse.

/** One source line after comments are removed; `line` is 1-based. */
export interface CodeLine {
	readonly line: number;
	/** The code part of the line, untrimmed (OWM's `title` must be at column 0). */
	readonly text: string;
	/** The text of a whole-line `// stackmap: …` comment, if the line is one. */
	readonly extension?: string;
	/** The line's comments as written, delimiters kept (`// …`, `/* … *\/`, a block's inner line); OWM only. */
	readonly comment?: string;
	/** On a line with code: the start of a `/*` block it leaves open, which belongs with the lines after it. */
	readonly opens?: string;
}

/** Which text format is being read: they differ in comments, arrows and a few keywords. */
export type Dialect = 'owm' | 'mermaid';

const EXTENSION_PREFIX = 'stackmap:';

/** Split text into lines on LF or CRLF (a lone CR stays text). */
export function splitLines(text: string): string[] {
	return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** True when `"` at index i may open a quoted name: at the start, or after a space or an arrow. */
function canOpenQuote(s: string, i: number): boolean {
	if (i === 0) return true;
	const prev = s[i - 1];
	return prev === ' ' || prev === '\t' || prev === '>' || prev === '<' || prev === ',' || prev === '(';
}

/** Index of the quote closing the one at `open`, honouring backslash escapes; -1 if none. */
export function closingQuote(s: string, open: number): number {
	for (let j = open + 1; j < s.length; j++) {
		const c = s[j];
		if (c === '\\') j++;
		else if (c === '"') return j;
	}
	return -1;
}

/**
 * Remove comments. OWM: `//` to end of line (not on `url` lines) and `/* … *\/` across lines.
 * Mermaid: `%%` to end of line. Quoted names are respected, so `"a // b"` stays a name.
 * A whole-line `// stackmap: {…}` comment is kept aside as an extension for our own fields.
 */
export function stripComments(lines: readonly string[], dialect: Dialect): CodeLine[] {
	const out: CodeLine[] = [];
	let inBlock = false;
	for (let n = 0; n < lines.length; n++) {
		const raw = lines[n];
		const trimmed = raw.trimStart();
		if (!inBlock && dialect === 'owm' && /^url(\s|$)/.test(trimmed)) {
			out.push({ line: n + 1, text: raw });
			continue;
		}
		let code = '';
		let extension: string | undefined;
		const comments: string[] = [];
		let blockFrom = 0; // where the block comment being read started on this line
		let i = 0;
		let noCloseFrom = Infinity; // a failed search for a closing quote from here fails for all later starts
		while (i < raw.length) {
			if (inBlock) {
				const end = raw.indexOf('*/', i);
				if (end < 0) {
					i = raw.length;
					break;
				}
				comments.push(raw.slice(blockFrom, end + 2));
				inBlock = false;
				code += ' ';
				i = end + 2;
				continue;
			}
			const c = raw[i];
			if (c === '"' && i < noCloseFrom && canOpenQuote(raw, i)) {
				const close = closingQuote(raw, i);
				if (close >= 0) {
					code += raw.slice(i, close + 1);
					i = close + 1;
					continue;
				}
				noCloseFrom = i;
			}
			if (dialect === 'owm' && c === '/' && raw[i + 1] === '/') {
				const comment = raw.slice(i + 2).trim();
				if (code.trim() === '' && comment.startsWith(EXTENSION_PREFIX)) {
					extension = comment.slice(EXTENSION_PREFIX.length).trim();
				} else comments.push(raw.slice(i));
				break;
			}
			if (dialect === 'owm' && c === '/' && raw[i + 1] === '*') {
				inBlock = true;
				blockFrom = i;
				i += 2;
				continue;
			}
			if (dialect === 'mermaid' && c === '%' && raw[i + 1] === '%') break;
			code += c;
			i++;
		}
		// Still inside a block at the end of the line: the rest of the line from where it started is comment.
		const open = inBlock ? raw.slice(blockFrom).trim() : '';
		if (open && code.trim() === '') comments.push(open);
		const comment = comments.map((t) => t.trim()).filter((t) => t !== '').join(' ');
		const line: CodeLine = { line: n + 1, text: code };
		if (extension !== undefined) Object.assign(line, { extension });
		if (comment) Object.assign(line, { comment });
		if (open && code.trim() !== '') Object.assign(line, { opens: open });
		out.push(line);
	}
	return out;
}

/** True when OWM reads `lines` as comments only: no code, no `// stackmap:` line, no block left open. */
export function onlyComments(lines: readonly string[]): boolean {
	const read = stripComments([...lines, 'x'], 'owm');
	return read.every((l, k) => (k === lines.length ? l.text === 'x' : l.text.trim() === '' && l.extension === undefined));
}

/** Read a quoted name starting at s[i] === '"'. Escapes: \n, \", \\ (others stay as written). */
export function readQuoted(s: string, i: number): { value: string; end: number } | null {
	if (s[i] !== '"') return null;
	const close = closingQuote(s, i);
	if (close < 0) return null;
	let value = '';
	for (let j = i + 1; j < close; j++) {
		const c = s[j];
		if (c === '\\' && j + 1 < close) {
			const e = s[j + 1];
			if (e === 'n') value += '\n';
			else if (e === '"' || e === '\\') value += e;
			else value += c + e;
			j++;
		} else value += c;
	}
	return { value, end: close + 1 };
}

/** Quote and escape a name or text for OWM (the inverse of readQuoted). */
export function quote(value: string): string {
	return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number from a token such as `0.5`, `.5`, `-13.00` or `1e-3`; null otherwise. */
export function parseNumber(token: string): number | null {
	const t = token.trim();
	if (!NUMBER.test(t)) return null;
	const n = Number(t);
	return Number.isFinite(n) ? n : null;
}

function isNumberChar(c: string): boolean {
	return (c >= '0' && c <= '9') || c === '.' || c === '-' || c === '+' || c === 'e' || c === 'E' || c === ',' || c === ' ' || c === '\t';
}

/** Parse `[n, n, …]` at s[i] === '['. Fails fast on any other character, so it stays linear. */
export function readNumberList(s: string, i: number): { values: number[]; end: number } | null {
	if (s[i] !== '[') return null;
	let j = i + 1;
	while (j < s.length && s[j] !== ']') {
		if (!isNumberChar(s[j])) return null;
		j++;
	}
	if (j >= s.length) return null;
	const inner = s.slice(i + 1, j).trim();
	if (inner === '') return { values: [], end: j + 1 };
	const values: number[] = [];
	for (const part of inner.split(',')) {
		const n = parseNumber(part);
		if (n === null) return null;
		values.push(n);
	}
	return { values, end: j + 1 };
}

/**
 * A slipped coordinate pair `[0.55. 0.18]` (a full stop or only spaces for the comma) at s[i] === '[',
 * read as OWM draws it: two numbers. Null for anything else. Linear (stops at the first `]`).
 */
export function readSlippedPair(s: string, i: number): { values: number[]; end: number } | null {
	if (s[i] !== '[') return null;
	let close = i + 1;
	// Fail fast on any other character (as readNumberList), so name scans stay linear.
	while (close < s.length && s[close] !== ']') if (!isNumberChar(s[close++])) return null;
	if (close >= s.length) return null;
	const m = /^\s*([-+]?\d*\.?\d+)\s*\.?\s+([-+]?\d*\.?\d+)\s*$/.exec(s.slice(i + 1, close));
	return m ? { values: [Number(m[1]), Number(m[2])], end: close + 1 } : null;
}

/** Parse `[[v, m], [v, m], …]` (annotation positions) at s[i] === '['. */
export function readNestedList(s: string, i: number): { lists: number[][]; end: number } | null {
	if (s[i] !== '[') return null;
	let j = skipSpaces(s, i + 1);
	if (s[j] !== '[') return null;
	const lists: number[][] = [];
	while (s[j] === '[') {
		const item = readNumberList(s, j);
		if (!item) return null;
		lists.push(item.values);
		j = skipSpaces(s, item.end);
		if (s[j] === ',') j = skipSpaces(s, j + 1);
	}
	if (s[j] !== ']') return null;
	return { lists, end: j + 1 };
}

/** Decorator keywords, in the order the printer writes them. */
export const DECORATOR_WORDS = ['build', 'buy', 'outsource', 'market', 'ecosystem'] as const;
export type DecoratorWord = (typeof DECORATOR_WORDS)[number];
const GROUP_WORDS: ReadonlySet<string> = new Set<string>([...DECORATOR_WORDS, 'inertia']);

/**
 * Parse a decorator group `(build, market)` / `(inertia)` at s[i] === '('. Only exact decorator
 * keywords count, so `(UN)` or `(building works)` in a name is not a decorator group.
 */
export function readDecoratorGroup(s: string, i: number): { words: string[]; end: number } | null {
	if (s[i] !== '(') return null;
	let j = i + 1;
	while (j < s.length && s[j] !== ')') {
		const c = s[j];
		if (!((c >= 'a' && c <= 'z') || c === ',' || c === ' ' || c === '\t')) return null;
		j++;
	}
	if (j >= s.length) return null;
	const words = s
		.slice(i + 1, j)
		.split(',')
		.map((w) => w.trim());
	if (words.length === 0 || !words.every((w) => GROUP_WORDS.has(w))) return null;
	return { words, end: j + 1 };
}

/** The first index at or after i that is not a space or tab. */
export function skipSpaces(s: string, i: number): number {
	while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
	return i;
}

/** True when s has the word `word` at i, followed by the end, a space or one of `follow`. */
export function wordAt(s: string, i: number, word: string, follow = ''): boolean {
	if (!s.startsWith(word, i)) return false;
	const next = s[i + word.length];
	return next === undefined || next === ' ' || next === '\t' || follow.includes(next);
}

/** Name matching as OWM does it: case-insensitive, whitespace collapsed and trimmed. */
export function normalizeName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Shortest text for a number that reads back as the same double (`-0` prints as `0`). */
export function formatNumber(n: number): string {
	return Object.is(n, -0) ? '0' : String(n);
}

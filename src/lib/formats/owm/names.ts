// Names in OWM text: the reserved keywords, reading a name off a line, and deciding when the
// printer must quote one so that both our parser and OWM read it back unchanged.
import { quote, readQuoted } from './text.js';

/** Words OWM reserves at the start of a line (its link parser skips lines starting with them). */
export const OWM_KEYWORDS = [
	'evolution',
	'valuechain',
	'anchor',
	'evolve',
	'component',
	'style',
	'build',
	'buy',
	'outsource',
	'title',
	'annotations',
	'annotation',
	'pipeline',
	'note',
	'pioneers',
	'settlers',
	'townplanners',
	'submap',
	'url',
	'accelerator',
	'deaccelerator',
	'size',
	'market',
	'ecosystem',
	'y-axis',
	'wardley-beta',
	'accTitle',
	'accDescr',
	'{',
	'}'
] as const;

/** The keyword a reserved-word line starts with (as OWM's prefix test sees it), or null. */
export function keywordPrefix(trimmedLine: string): string | null {
	for (const k of OWM_KEYWORDS) if (trimmedLine.startsWith(k)) return k;
	return null;
}

const NEEDS_QUOTES = ['->', '[', ']', '(', ')', ';', '\n', '"', '\\', '+>', '+<', "+'", '//', '/*', '*/', '%%', '{', '}'];

/**
 * True when a name must be written in quotes: it holds arrows, brackets, comment markers,
 * newlines or quotes; starts with a reserved word (so a link line would not read back as one);
 * has outer spaces; is empty; or would glue onto an arrow (starts with `<`/`>`, ends in `-`/`+`/`'`).
 */
export function needsQuotes(name: string): boolean {
	if (name === '' || name !== name.trim()) return true;
	if (NEEDS_QUOTES.some((s) => name.includes(s))) return true;
	if (keywordPrefix(name) !== null) return true;
	const first = name[0];
	const last = name[name.length - 1];
	return first === '<' || first === '>' || last === '-' || last === '+' || last === "'";
}

/** A name as the printer writes it: bare when safe, else quoted with escapes. */
export function printName(name: string): string {
	return needsQuotes(name) ? quote(name) : name;
}

/**
 * Read a name at s[i]: a quoted name when it starts with `"` and closes, else bare text up to
 * the first index where `stop(s, j)` holds (trimmed). Returns the name and where it ended.
 */
export function readName(
	s: string,
	i: number,
	stop: (s: string, j: number) => boolean
): { name: string; end: number; quoted: boolean } {
	if (s[i] === '"') {
		const q = readQuoted(s, i);
		if (q) return { name: q.value, end: q.end, quoted: true };
	}
	let j = i;
	while (j < s.length && !stop(s, j)) j++;
	return { name: s.slice(i, j).trim(), end: j, quoted: false };
}

// Withheld names out of free text: wherever a withheld product or supplier name appears — in any
// case, with any spacing or punctuation between its words, or none — it becomes a placeholder. Pure.

/** What a withheld name is replaced with. */
export const WITHHELD = '[withheld]';

/** Removes withheld names from a text. */
export type Scrubber = (text: string) => string;

const WORD = /[\p{L}\p{N}]+/gu;
const BETWEEN = '[^\\p{L}\\p{N}]*';
const EDGE = '\\p{L}\\p{N}';

/** A name's words in order, with anything but letters and digits (or nothing) between them. */
function namePattern(name: string): string | null {
	const words = name.match(WORD);
	// A single letter or digit would blank out half of every text; the field itself is still withheld.
	if (!words || words.join('').length < 2) return null;
	return words.join(BETWEEN);
}

/**
 * A scrubber for `names`: each whole-word occurrence, case-insensitive, becomes WITHHELD ('Capita
 * One', 'CAPITA-ONE' and 'capitaone' all match 'Capita One'; 'Capital' does not match 'Capita').
 * Longer names are tried first, so 'Capita One' goes whole rather than leaving ' One'.
 */
export function scrubber(names: Iterable<string>): Scrubber {
	const patterns = [...new Set([...names].map(namePattern).filter((p): p is string => p !== null))].sort((a, b) => b.length - a.length);
	if (patterns.length === 0) return (text) => text;
	const re = new RegExp(`(?<![${EDGE}])(?:${patterns.join('|')})(?![${EDGE}])`, 'giu');
	return (text) => text.replace(re, WITHHELD);
}

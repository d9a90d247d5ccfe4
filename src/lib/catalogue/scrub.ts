// Withheld names out of free text: wherever a withheld product or supplier name appears — in any
// case or accent, with any spacing or punctuation between its words, or none — it becomes a
// placeholder. Pure.

/** What a withheld name is replaced with. */
export const WITHHELD = '[withheld]';

/** Removes withheld names from a text. */
export type Scrubber = (text: string) => string;

const WORD = /[\p{L}\p{N}]+/gu;

/** A word compared without case or accents. */
function fold(word: string): string {
	const lower = word.toLowerCase();
	return /^[a-z0-9]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}/gu, '');
}

/**
 * A scrubber for `names`: each whole-word occurrence becomes WITHHELD ('Capita One', 'CAPITA-ONE'
 * and 'capitaone' all match 'Capita One'; 'Capital' does not match 'Capita'). A name is its words
 * run together, so the text's words are joined the same way from each word on, and the longest
 * name found is replaced: linear in the text, however many names are withheld.
 */
export function scrubber(names: Iterable<string>): Scrubber {
	const keys = new Set<string>();
	for (const name of names) {
		const key = (name.match(WORD) ?? []).map(fold).join('');
		// A single letter or digit would blank out half of every text; the field itself is still withheld.
		if (key.length >= 2) keys.add(key);
	}
	if (keys.size === 0) return (text) => text;
	const longest = Math.max(...[...keys].map((k) => k.length));
	return (text) => {
		const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }));
		let out = '';
		let from = 0;
		for (let i = 0; i < words.length; i++) {
			let joined = '';
			let match = -1;
			for (let j = i; j < words.length && joined.length < longest; j++) {
				joined += words[j].folded;
				if (keys.has(joined)) match = j;
			}
			if (match < 0) continue;
			out += text.slice(from, words[i].start) + WITHHELD;
			from = words[match].end;
			i = match;
		}
		return out + text.slice(from);
	};
}

// Text normalisation shared by matching and search: lower case, no accents or punctuation,
// light stemming, common words dropped. Pure.

/** Words that carry no meaning for matching a component to a type. */
const STOP_WORDS = new Set([
	'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'via', 'with',
	'council', 'councils', 'our', 'new', 'old', 'incl', 'including', 'eg', 'e', 'g', 'etc', 'ltd', 'limited', 'plc', 'uk',
	'formerly', 'verify', 'owner', 'current', 'reported', 'instance', 'instances', 'two', 'three', 'x2', 'x3',
	'system', 'systems', 'software', 'solution', 'solutions', 'tool', 'tools', 'module', 'modules', 'target', 'interim', 'merged'
]);

/** Lower case, accents removed, '&' as 'and', anything not a letter or digit as a space. */
export function normalise(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** A crude singular: 'revenues' → 'revenue', 'libraries' → 'library'; short words and '-ss' kept. */
export function stem(word: string): string {
	if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
	if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
	return word;
}

/** Meaningful, stemmed words of a text, in order, without repeats. */
export function tokens(text: string): string[] {
	const out: string[] = [];
	for (const w of normalise(text).split(' ')) {
		// Single letters ("council's" → 's') say nothing; single digits may ('Windows 7') and stay.
		if (!w || STOP_WORDS.has(w) || (w.length === 1 && !/\d/.test(w))) continue;
		const s = stem(w);
		if (!out.includes(s)) out.push(s);
	}
	return out;
}

/** Split on `;` outside parentheses: 'A (x; y); B' → ['A (x; y)', 'B']. */
export function splitTopLevel(value: string, separator = ';'): string[] {
	const out: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of value) {
		if (ch === '(') depth++;
		if (ch === ')') depth = Math.max(0, depth - 1);
		if (ch === separator && depth === 0) {
			out.push(current);
			current = '';
		} else current += ch;
	}
	out.push(current);
	return out.map((s) => s.trim()).filter(Boolean);
}

/** The text outside and the texts inside parentheses: 'Mosaic (The Access Group)' → ['Mosaic', ['The Access Group']]. */
export function splitParentheses(value: string): [outside: string, inside: string[]] {
	const inside: string[] = [];
	const outside = value.replace(/\(([^)]*)\)/g, (_, inner: string) => {
		inside.push(inner);
		return ' ';
	});
	return [outside.replace(/\s+/g, ' ').trim(), inside];
}

// The modifiers that may follow a name on an element line: `[coords]`, a leading number,
// `label [x, y]`, `inertia`, `(decorators)`, inline `evolve m` and `url(ref)`.
import type { Offset } from '../../map/index.js';
import { parseNumber, readDecoratorGroup, readNumberList, readSlippedPair, skipSpaces, wordAt } from './text.js';

/** The modifiers read after a name. */
export interface Tail {
	/** The first `[…]` list (coordinates), null when absent. */
	coords: number[] | null;
	/** The coordinates as written when they were a slipped pair (`[0.55. 0.18]`), else null. */
	slippedCoords: string | null;
	/** A leading bare number (the maturity of `evolve`), null when absent. */
	number: number | null;
	label: Offset | null;
	inertia: boolean;
	/** Decorator words from every `( … )` group (`inertia` excluded). */
	words: string[];
	inlineEvolve: number | null;
	url: string | null;
	/** What could not be read, or null when the whole tail was understood. */
	error: string | null;
	/** Text after the last modifier that is none (`… label [-5, 2] ?`), or null. OWM ignores it. */
	stray: string | null;
}

/** Which modifiers a line type allows besides label, inertia and decorators. */
export interface TailOptions {
	coords?: boolean;
	number?: boolean;
	url?: boolean;
	evolve?: boolean;
}

/** Read a bare number token at i (ends at a space, `(` or the end). */
export function readNumberToken(s: string, i: number): { value: number; end: number } | null {
	let j = i;
	while (j < s.length && s[j] !== ' ' && s[j] !== '\t' && s[j] !== '(') j++;
	if (j === i) return null;
	const value = parseNumber(s.slice(i, j));
	return value === null ? null : { value, end: j };
}

/** The text at s[j…], cut to 40 characters for a message (never copies the whole line). */
function shorten(s: string, j: number): string {
	const t = s.slice(j, j + 41).trim();
	return t.length > 40 ? t.slice(0, 40) + '…' : t;
}

/** Parse the modifiers from s[i] to the end of the line. Linear; never throws. */
export function parseTail(s: string, i: number, options: TailOptions): Tail {
	const tail: Tail = {
		coords: null,
		slippedCoords: null,
		number: null,
		label: null,
		inertia: false,
		words: [],
		inlineEvolve: null,
		url: null,
		error: null,
		stray: null
	};
	let j = skipSpaces(s, i);
	if (options.number) {
		const n = readNumberToken(s, j);
		if (n) {
			tail.number = n.value;
			j = skipSpaces(s, n.end);
		}
	}
	if (options.coords && s[j] === '[') {
		const slipped = readNumberList(s, j) === null ? readSlippedPair(s, j) : null;
		const list = slipped ?? readNumberList(s, j);
		if (!list) return { ...tail, error: `cannot read the coordinates "${shorten(s, j)}"` };
		if (slipped) tail.slippedCoords = s.slice(j, slipped.end);
		tail.coords = list.values;
		j = skipSpaces(s, list.end);
	}
	while (j < s.length) {
		if (wordAt(s, j, 'label', '[')) {
			const k = skipSpaces(s, j + 5);
			const list = readNumberList(s, k);
			if (!list || list.values.length !== 2) return { ...tail, error: 'label needs a pixel offset [x, y]' };
			tail.label = { x: list.values[0], y: list.values[1] };
			j = list.end;
		} else if (wordAt(s, j, 'inertia', '(')) {
			tail.inertia = true;
			j += 7;
		} else if (s[j] === '(') {
			const group = readDecoratorGroup(s, j);
			if (!group) return { ...tail, error: `unknown decorator "${shorten(s, j)}"` };
			for (const w of group.words) {
				if (w === 'inertia') tail.inertia = true;
				else tail.words.push(w);
			}
			j = group.end;
		} else if (options.evolve && wordAt(s, j, 'evolve')) {
			const n = readNumberToken(s, skipSpaces(s, j + 6));
			if (!n) return { ...tail, error: 'inline evolve needs a number' };
			tail.inlineEvolve = n.value;
			j = n.end;
		} else if (options.url && s.startsWith('url(', j)) {
			const close = s.indexOf(')', j);
			if (close < 0) return { ...tail, error: 'url( is not closed' };
			tail.url = s.slice(j + 4, close).trim();
			j = close + 1;
		} else {
			return { ...tail, stray: shorten(s, j) };
		}
		j = skipSpaces(s, j);
	}
	return tail;
}

// Why a map matched a catalogue search: the component whose name, product, supplier or type
// carries the most of the query's words. Reads only what the index already holds (public,
// redacted text). Pure.
import { normalise, stem } from './text.js';

/** A component as the index holds it. */
export interface IndexedComponentText {
	readonly name: string;
	readonly product: string;
	readonly supplier: string;
	/** The type's name ('' for none). */
	readonly typeName: string;
}

export type MatchField = 'name' | 'product' | 'supplier' | 'type';

/** The component that best explains a match, and the fields of it that hold query words. */
export interface MatchReason {
	readonly component: string;
	readonly fields: readonly { readonly field: MatchField; readonly value: string }[];
}

function wordsOf(text: string): string[] {
	return normalise(text).split(' ').filter(Boolean);
}

/** As FTS5 matches: a word of one letter exactly, a longer one as a prefix (or the same singular). */
function hits(queryWord: string, words: readonly string[]): boolean {
	if (queryWord.length === 1) return words.includes(queryWord);
	const s = stem(queryWord);
	return words.some((w) => w.startsWith(queryWord) || stem(w) === s);
}

/**
 * The component whose fields hold the most of the query's words (the first such one on a tie),
 * or null when no component holds any (the map matched by title, description or organisation).
 */
export function matchReason(query: string, components: readonly IndexedComponentText[]): MatchReason | null {
	const q = [...new Set(wordsOf(query))];
	if (q.length === 0) return null;
	let best: MatchReason | null = null;
	let bestScore = 0;
	for (const c of components) {
		const fields: { field: MatchField; value: string }[] = [];
		const found = new Set<string>();
		for (const [field, value] of [['name', c.name], ['product', c.product], ['supplier', c.supplier], ['type', c.typeName]] as const) {
			const words = wordsOf(value);
			const matched = q.filter((w) => hits(w, words));
			if (matched.length === 0) continue;
			fields.push({ field, value });
			for (const w of matched) found.add(w);
		}
		if (found.size > bestScore) {
			best = { component: c.name, fields };
			bestScore = found.size;
		}
	}
	return best;
}

/** "component ‘Civica OpenRevenues’ (supplier Civica)": the reason in words, after "Matched: ". */
export function matchReasonText(reason: MatchReason): string {
	const extra = reason.fields.filter((f) => f.field !== 'name').map((f) => `${f.field} ${f.value}`);
	return `component ‘${reason.component}’${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

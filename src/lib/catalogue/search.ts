// As-you-type search of the vocabulary for a component palette: every word typed must start a
// word of the type's name, LGAM layer/node, id or examples. Pure.
import type { ComponentType, Vocabulary } from './types.js';
import { normalise, stem } from './text.js';

interface SearchEntry {
	readonly type: ComponentType;
	/** Words per field, with the points an exact and a prefix match of that field earn. */
	readonly fields: readonly { readonly words: readonly string[]; readonly exact: number; readonly prefix: number }[];
}

const entriesCache = new WeakMap<Vocabulary, readonly SearchEntry[]>();

function words(text: string): string[] {
	return normalise(text).split(' ').filter(Boolean);
}

function entriesOf(vocabulary: Vocabulary): readonly SearchEntry[] {
	let entries = entriesCache.get(vocabulary);
	if (!entries) {
		entries = vocabulary.types.map((type) => ({
			type,
			fields: [
				{ words: [...words(type.name), ...words(type.id)], exact: 4, prefix: 3 },
				{ words: words(`${type.layer} ${type.node}`), exact: 2, prefix: 1.5 },
				{ words: words(type.examples.join(' ')), exact: 2, prefix: 1 }
			]
		}));
		entriesCache.set(vocabulary, entries);
	}
	return entries;
}

function wordScore(word: string, entry: SearchEntry): number {
	const stemmed = stem(word);
	let best = 0;
	for (const field of entry.fields) {
		for (const w of field.words) {
			if (w === word || stem(w) === stemmed) best = Math.max(best, field.exact);
			else if (w.startsWith(word)) best = Math.max(best, field.prefix);
		}
	}
	return best;
}

/**
 * Types matching a palette query, best first: every query word must match (exactly or as the
 * start of) a word of the name, id, LGAM layer or node, or an example product/supplier. Name
 * matches rank above node matches, which rank above example matches. An empty query gives every
 * type in vocabulary order. At most `limit` results (default all).
 */
export function searchTypes(vocabulary: Vocabulary, query: string, limit = Infinity): ComponentType[] {
	const q = words(query);
	if (q.length === 0) return vocabulary.types.slice(0, limit);
	const hits: { type: ComponentType; score: number; order: number }[] = [];
	entriesOf(vocabulary).forEach((entry, order) => {
		let score = 0;
		for (const word of q) {
			const s = wordScore(word, entry);
			if (s === 0) return;
			score += s;
		}
		hits.push({ type: entry.type, score, order });
	});
	hits.sort((a, b) => b.score - a.score || a.order - b.order);
	return hits.slice(0, limit).map((h) => h.type);
}

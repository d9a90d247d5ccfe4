// Which vocabulary type a register row's words point to, fast enough for thousands of rows: an
// inverted index from words to the phrases of each type (its name, LGAM node, examples), scored by
// how much of a phrase the row names (IDF-weighted). A lighter cousin of catalogue/match.ts's
// suggestTypes, which compares every word with every phrase and is too slow for a whole register.
import { splitParentheses, splitTopLevel, tokens } from '../../catalogue/text.js';
import type { Vocabulary } from '../../catalogue/types.js';

export interface TypeEvidence {
	readonly typeId: string;
	/** 0..1. */
	readonly confidence: number;
}

interface Phrase {
	readonly type: number;
	/** Sum of its words' IDF. */
	readonly weight: number;
	/** Names and nodes count fully, examples a little less. */
	readonly factor: number;
}

/** Words that share a 4-letter start count as the same word ("licence", "licences", "licensing"). */
const key = (word: string) => (word.length > 4 ? word.slice(0, 5) : word);

/**
 * A scorer for one vocabulary: text and supplier → the likeliest types, best first (at most
 * `limit`, confidence at least 0.15).
 */
export function typeScorer(vocabulary: Vocabulary): (text: string, supplier: string, limit?: number) => TypeEvidence[] {
	const types = vocabulary.types;
	const phraseWords: { type: number; words: string[]; factor: number }[] = [];
	const add = (type: number, text: string, factor: number) => {
		const words = [...new Set(tokens(text).map(key))];
		if (words.length) phraseWords.push({ type, words, factor });
	};
	// Supplier words → the types whose examples name them.
	const bySupplierWord = new Map<string, Set<number>>();
	types.forEach((t, i) => {
		const [outside] = splitParentheses(t.name);
		add(i, outside, 1);
		for (const alt of outside.split('/')) add(i, alt, 1);
		for (const node of splitTopLevel(t.node)) add(i, node.replace(/[()]/g, ''), 0.8);
		for (const e of t.examples) {
			add(i, splitParentheses(e)[0], 0.9);
			for (const w of tokens(e)) bySupplierWord.set(key(w), (bySupplierWord.get(key(w)) ?? new Set()).add(i));
		}
	});
	// IDF over types: a word naming many types says little.
	const df = new Map<string, Set<number>>();
	for (const p of phraseWords) for (const w of p.words) df.set(w, (df.get(w) ?? new Set()).add(p.type));
	const idf = (w: string) => Math.log(1 + types.length / (df.get(w)?.size ?? types.length));
	const phrases: Phrase[] = [];
	const postings = new Map<string, number[]>();
	phraseWords.forEach((p, i) => {
		phrases.push({ type: p.type, weight: p.words.reduce((s, w) => s + idf(w), 0), factor: p.factor });
		for (const w of p.words) postings.set(w, [...(postings.get(w) ?? []), i]);
	});
	return (text, supplier, limit = 3) => {
		const words = [...new Set(tokens(text).map(key))];
		const queryWeight = words.reduce((s, w) => s + (df.has(w) ? idf(w) : 1.5), 0);
		const found = new Map<number, number>();
		for (const w of words) for (const p of postings.get(w) ?? []) found.set(p, (found.get(p) ?? 0) + idf(w));
		const best = new Map<number, number>();
		for (const [p, overlap] of found) {
			const phrase = phrases[p];
			const recall = Math.min(1, overlap / phrase.weight);
			const precision = Math.min(1, overlap / queryWeight);
			const score = phrase.factor * recall * (0.7 + 0.3 * precision);
			if (score > (best.get(phrase.type) ?? 0)) best.set(phrase.type, score);
		}
		const supplierWords = [...new Set(tokens(supplier).map(key))];
		const named = new Map<number, number>();
		for (const w of supplierWords) for (const i of bySupplierWord.get(w) ?? []) named.set(i, (named.get(i) ?? 0) + 1 / supplierWords.length);
		const out: TypeEvidence[] = [];
		for (const i of new Set([...best.keys(), ...named.keys()])) {
			const confidence = 1 - (1 - 0.9 * (best.get(i) ?? 0)) * (1 - 0.3 * (named.get(i) ?? 0));
			if (confidence >= 0.15) out.push({ typeId: types[i].id, confidence: Math.round(confidence * 1000) / 1000 });
		}
		out.sort((a, b) => b.confidence - a.confidence || (a.typeId < b.typeId ? -1 : 1));
		return out.slice(0, limit);
	};
}

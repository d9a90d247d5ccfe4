// Suggest vocabulary types for a free-text component (name, product, supplier): weighted word
// overlap against type names, LGAM nodes and example products/suppliers. Pure.
import type { ComponentType, Vocabulary } from './types.js';
import { splitParentheses, splitTopLevel, tokens } from './text.js';

/** One suggested type for a component, best first in suggestTypes' answer. */
export interface TypeSuggestion {
	readonly typeId: string;
	/** 0..1: how sure the match is (1 = an exact product or type name). */
	readonly confidence: number;
	/** Plain-English evidence, e.g. 'product "Squiz Matrix" matches example "Squiz Matrix"'. */
	readonly reason: string;
}

export interface MatchInput {
	readonly name?: string;
	readonly product?: string;
	readonly supplier?: string;
}

type PhraseKind = 'name' | 'node' | 'id' | 'example' | 'alias';

interface Phrase {
	readonly kind: PhraseKind;
	readonly text: string;
	readonly tokens: readonly string[];
	/** Below 1 for weaker phrasings: later examples, and one alternative of an 'A / B' example. */
	readonly weight: number;
}

interface TypeEntry {
	readonly type: ComponentType;
	readonly phrases: readonly Phrase[];
	/** Every token of the type's examples and their aliases (for supplier evidence). */
	readonly exampleTokens: ReadonlySet<string>;
	readonly allTokens: ReadonlySet<string>;
}

interface Index {
	readonly entries: readonly TypeEntry[];
	readonly idf: ReadonlyMap<string, number>;
}

/** How much a phrase kind counts when it matches the name or product. */
const KIND_WEIGHT: Record<PhraseKind, number> = { name: 1, id: 1, example: 1, node: 0.8, alias: 0.85 };
/** Weight of an unknown word (one no type mentions): enough to lower confidence, not to swamp it. */
const UNKNOWN_WEIGHT = 1.5;

function phrasesOf(type: ComponentType): Phrase[] {
	const out: Phrase[] = [];
	const add = (kind: PhraseKind, text: string, weight = 1) => {
		const t = tokens(text);
		if (t.length > 0) out.push({ kind, text: text.trim(), tokens: t, weight });
	};
	const [nameOutside, nameInside] = splitParentheses(type.name);
	add('name', type.name);
	add('name', nameOutside);
	for (const alt of nameOutside.split('/')) add('name', alt);
	for (const inner of nameInside) for (const item of inner.split(',')) add('name', item);
	for (const node of splitTopLevel(type.node)) add('node', node.replace(/[()]/g, ''));
	add('id', type.id.replace(/-/g, ' '));
	type.examples.forEach((example, position) => {
		// Examples are listed most typical first: a product named by several types belongs most to
		// the one that lists it earliest.
		const w = 1 - 0.01 * Math.min(position, 10);
		const [outside, inside] = splitParentheses(example);
		add('example', outside, w);
		if (outside.includes('/')) for (const alt of outside.split('/')) add('example', alt, 0.97 * w);
		for (const inner of inside) for (const item of inner.split(',')) add('alias', item, w);
	});
	return out;
}

const indexes = new WeakMap<Vocabulary, Index>();

function indexOf(vocabulary: Vocabulary): Index {
	const cached = indexes.get(vocabulary);
	if (cached) return cached;
	const df = new Map<string, number>();
	const entries = vocabulary.types.map((type): TypeEntry => {
		const phrases = phrasesOf(type);
		const allTokens = new Set(phrases.flatMap((p) => p.tokens));
		const exampleTokens = new Set(phrases.filter((p) => p.kind === 'example' || p.kind === 'alias').flatMap((p) => p.tokens));
		for (const t of allTokens) df.set(t, (df.get(t) ?? 0) + 1);
		return { type, phrases, exampleTokens, allTokens };
	});
	const n = entries.length;
	const idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)]));
	const index = { entries, idf };
	indexes.set(vocabulary, index);
	return index;
}

function weight(index: Index, token: string): number {
	return index.idf.get(token) ?? UNKNOWN_WEIGHT;
}

/** How well `token` is matched by one of `candidates`: 1 exact, 0.8 for a prefix of 4+ letters, else 0. */
function tokenMatch(token: string, candidates: Iterable<string>): number {
	let best = 0;
	for (const c of candidates) {
		if (c === token) return 1;
		const [short, long] = c.length < token.length ? [c, token] : [token, c];
		if (short.length >= 4 && long.startsWith(short)) best = 0.8;
	}
	return best;
}

/** F-score (β = 0.5, favouring precision) of a query against one phrase, both weighted by IDF. */
function phraseScore(index: Index, query: readonly string[], queryWeight: number, phrase: Phrase): number {
	let overlap = 0;
	for (const t of query) overlap += weight(index, t) * tokenMatch(t, phrase.tokens);
	if (overlap === 0) return 0;
	let phraseWeight = 0;
	for (const t of phrase.tokens) phraseWeight += weight(index, t);
	const precision = overlap / queryWeight;
	const recall = Math.min(1, overlap / phraseWeight);
	return (1.25 * precision * recall) / (0.25 * precision + recall);
}

interface Evidence {
	readonly score: number;
	readonly phrase: Phrase | null;
}

/** The best phrase of a type for a query text (name or product). */
function bestPhrase(index: Index, entry: TypeEntry, query: readonly string[]): Evidence {
	if (query.length === 0) return { score: 0, phrase: null };
	const queryWeight = query.reduce((s, t) => s + weight(index, t), 0);
	let best: Evidence = { score: 0, phrase: null };
	for (const phrase of entry.phrases) {
		const s = phraseScore(index, query, queryWeight, phrase) * KIND_WEIGHT[phrase.kind] * phrase.weight;
		if (s > best.score) best = { score: s, phrase };
	}
	// Words spread over several examples ('Civica W2 + SharePoint') still count, a little less.
	let found = 0;
	for (const t of query) found += weight(index, t) * tokenMatch(t, entry.allTokens);
	const bag = (0.75 * found) / queryWeight;
	return bag > best.score ? { score: bag, phrase: null } : best;
}

/** Share of the supplier's words (IDF-weighted) found among a type's example products and suppliers. */
function supplierScore(index: Index, entry: TypeEntry, supplier: readonly string[]): number {
	if (supplier.length === 0) return 0;
	let total = 0;
	let found = 0;
	for (const t of supplier) {
		const w = weight(index, t);
		total += w;
		found += w * tokenMatch(t, entry.exampleTokens);
	}
	return found / total;
}

const PRODUCT_WEIGHT = 0.92;
const NAME_WEIGHT = 0.88;
const SUPPLIER_WEIGHT = 0.35;
const DETAIL_WEIGHT = 0.5;

/** Supplier values that name no supplier: the council's own work, community open source. */
const NO_SUPPLIER = /\b(in[- ]?house|bespoke|open[- ]source|community)\b/gi;

function normaliseList(list: readonly string[]): string {
	return [...list].sort().join(' ');
}

function quote(text: string): string {
	return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}

/**
 * Suggest component types for a component from its name, product and supplier, best first.
 * Tolerant of case, punctuation, plurals and common words ('council', 'system', 'the'). Confidence
 * is 0..1 (a noisy-or of the name, product and supplier evidence); suggestions under `minConfidence`
 * (default 0.1) are left out, and at most `limit` (default 5) are returned.
 */
export function suggestTypes(
	component: MatchInput,
	vocabulary: Vocabulary,
	options: { readonly limit?: number; readonly minConfidence?: number } = {}
): TypeSuggestion[] {
	const index = indexOf(vocabulary);
	// 'Idox Cloud (EH & licensing)': the product is outside the brackets, a hint of its role inside.
	const [productText, productNotes] = splitParentheses(component.product ?? '');
	const product = tokens(productText);
	const detail = tokens(productNotes.join(' '));
	const nameTokens = tokens(component.name ?? '');
	// A name equal to the product adds no evidence of its own.
	const sameAsProduct = normaliseList(nameTokens) === normaliseList(tokens(component.product ?? ''));
	const name = sameAsProduct ? [] : nameTokens;
	const supplier = tokens((component.supplier ?? '').replace(/\([^)]*\)/g, ' ').replace(NO_SUPPLIER, ' '));
	const limit = options.limit ?? 5;
	const minConfidence = options.minConfidence ?? 0.1;
	const scored: (TypeSuggestion & { order: number })[] = [];
	index.entries.forEach((entry, order) => {
		const p = bestPhrase(index, entry, product);
		const d = bestPhrase(index, entry, detail);
		const n = bestPhrase(index, entry, name);
		const s = supplierScore(index, entry, supplier);
		const confidence =
			1 -
			(1 - PRODUCT_WEIGHT * p.score) *
				(1 - DETAIL_WEIGHT * d.score) *
				(1 - NAME_WEIGHT * n.score) *
				(1 - SUPPLIER_WEIGHT * s);
		if (confidence < minConfidence) return;
		const reasons: string[] = [];
		const explain = (field: string, text: string, e: Evidence) => {
			if (e.score < 0.2) return;
			reasons.push(
				e.phrase
					? `${field} ${quote(text)} matches ${e.phrase.kind === 'alias' ? 'example' : e.phrase.kind === 'id' ? 'type id' : e.phrase.kind} ${quote(e.phrase.text)}`
					: `${field} ${quote(text)} shares words with the examples of ${quote(entry.type.name)}`
			);
		};
		explain('product', productText, p);
		explain('product detail', productNotes.join(', '), d);
		explain('name', component.name ?? '', n);
		if (s >= 0.5) reasons.push(`supplier ${quote(component.supplier ?? '')} is among its examples`);
		scored.push({
			typeId: entry.type.id,
			confidence: Math.round(confidence * 1000) / 1000,
			reason: reasons.join('; ') || 'weak word overlap',
			order
		});
	});
	scored.sort((a, b) => b.confidence - a.confidence || a.order - b.order);
	return scored.slice(0, limit).map(({ typeId, confidence, reason }) => ({ typeId, confidence, reason }));
}

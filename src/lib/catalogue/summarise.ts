// A comparison of two maps told in plain-English sentences, for boards and screen readers.
// Pure; builds on compare.ts.
import type { Comparison, SharedType, TypePresence } from './compare.js';
import { supplierParts } from './compare.js';
import type { Sourcing } from './types.js';
import { typePhrase } from './vocabulary.js';

export interface SummaryNames {
	/** Short names of the two maps' owners, e.g. 'Kestrelford' and 'Calderbrook'. */
	readonly a: string;
	readonly b: string;
}

export interface SummaryOptions {
	/** Evolution difference (0..1) worth a sentence; default 0.15. */
	readonly evolutionThreshold?: number;
}

function phraseOf(t: { typeId: string; type: TypePresence['type'] }): string {
	return t.type ? typePhrase(t.type) : t.typeId;
}

/** 'A', 'A and B', 'A, B and C'. */
export function listPhrase(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const FIRST: Record<Exclude<Sourcing, ''>, (p: string) => string> = {
	build: (p) => `builds its own ${p}`,
	buy: (p) => `buys ${p}`,
	outsource: (p) => `outsources ${p}`
};
const SECOND: Record<Exclude<Sourcing, ''>, string> = { build: 'builds its own', buy: 'buys one', outsource: 'outsources it' };
const VERB: Record<Exclude<Sourcing, ''>, string> = { build: 'build', buy: 'buy', outsource: 'outsource' };

function sourcingSentence(s: SharedType, p: string, n: SummaryNames): string {
	const [sa] = s.sourcingA as Exclude<Sourcing, ''>[];
	const [sb] = s.sourcingB as Exclude<Sourcing, ''>[];
	if (s.sourcingA.length === 1 && s.sourcingB.length === 1) return `${n.a} ${FIRST[sa](p)} where ${n.b} ${SECOND[sb]}.`;
	const words = (list: readonly Sourcing[]) => listPhrase(list.map((x) => VERB[x as Exclude<Sourcing, ''>]));
	return `${n.a} and ${n.b} source ${p} differently (${n.a}: ${words(s.sourcingA)}; ${n.b}: ${words(s.sourcingB)}).`;
}

function supplierSentence(s: SharedType, p: string): string {
	const same = s.sourcingA.length === 1 && s.sourcingB.length === 1 && s.sourcingA[0] === s.sourcingB[0] ? s.sourcingA[0] : '';
	const supplier = listPhrase(s.commonSuppliers);
	const product = s.sameProduct ? `, with the same product (${listPhrase(s.commonProducts)})` : '';
	const plural = s.commonSuppliers.length > 1 ? 'suppliers' : 'supplier';
	if (same === 'buy' || same === 'outsource') return `Both ${VERB[same]} ${p} from the same ${plural} (${supplier})${product}.`;
	return `Both use the same ${plural} (${supplier}) for ${p}${product}.`;
}

function suppliersOf(components: SharedType['a']): string {
	const names = [...new Set(components.flatMap((c) => supplierParts(c.supplier).map(([, d]) => d)))];
	return listPhrase(names);
}

function fmt(x: number): string {
	return x.toFixed(2);
}

/**
 * Plain-English sentences about a comparison, most telling first: an overview; sourcing
 * differences ('Kestrelford builds its own CRM where Harbourside buys one.'); shared suppliers
 * ('Both buy revenues and benefits from the same supplier (Capita).'); different suppliers;
 * notable evolution differences; duplicates; then what only one map has ('Only Kestrelford maps
 * social care finance and provider payments.').
 */
export function summarise(comparison: Comparison, names: SummaryNames, options: SummaryOptions = {}): string[] {
	const threshold = options.evolutionThreshold ?? 0.15;
	const { both, onlyA, onlyB } = comparison;
	const n = names;
	const out: string[] = [
		`${n.a} and ${n.b} both map ${both.length} component ${both.length === 1 ? 'type' : 'types'}; ` +
			`${onlyA.length} ${onlyA.length === 1 ? 'is' : 'are'} only on ${n.a}'s map and ${onlyB.length} only on ${n.b}'s.`
	];
	const sourcing: string[] = [];
	const sameSupplier: string[] = [];
	const otherSupplier: string[] = [];
	const evolution: string[] = [];
	const duplicates: string[] = [];
	for (const s of both) {
		const p = phraseOf(s);
		if (s.sourcingDiffers) sourcing.push(sourcingSentence(s, p, n));
		if (s.sameSupplier) sameSupplier.push(supplierSentence(s, p));
		else {
			const sa = suppliersOf(s.a);
			const sb = suppliersOf(s.b);
			if (sa && sb) otherSupplier.push(`For ${p}, ${n.a} uses ${sa}; ${n.b} uses ${sb}.`);
		}
		if (Math.abs(s.evolutionDelta) >= threshold) {
			const [ahead, behind, x1, x2] = s.evolutionDelta > 0 ? [n.b, n.a, s.evolutionB, s.evolutionA] : [n.a, n.b, s.evolutionA, s.evolutionB];
			evolution.push(`${ahead} places ${p} further towards commodity (${fmt(x1)}) than ${behind} (${fmt(x2)}).`);
		}
		if (s.a.length > 1 || s.b.length > 1) {
			const [more, k, other, j] = s.a.length >= s.b.length ? [n.a, s.a.length, n.b, s.b.length] : [n.b, s.b.length, n.a, s.a.length];
			duplicates.push(`${more} has ${k} components for ${p} (${other} has ${j}).`);
		}
	}
	out.push(...sourcing, ...sameSupplier, ...otherSupplier, ...evolution, ...duplicates);
	for (const t of onlyA) out.push(`Only ${n.a} maps ${phraseOf(t)}.`);
	for (const t of onlyB) out.push(`Only ${n.b} maps ${phraseOf(t)}.`);
	const untyped = (count: number, who: string) =>
		count > 0 ? [`${count} ${count === 1 ? 'component' : 'components'} on ${who}'s map ${count === 1 ? 'has' : 'have'} no type and cannot be compared.`] : [];
	out.push(...untyped(comparison.untypedA.length, n.a), ...untyped(comparison.untypedB.length, n.b));
	return out;
}

// Comparing two maps for the compare page, its API and CSV: resolve both (public view or with a
// key), compare by component type, summarise in sentences, and lay the result out as rows.
import { error } from '@sveltejs/kit';
import { compareMaps, couldShare, LGAM_LAYERS, summarise, VOCABULARY, type ComparedComponent, type CompareScope, type Comparison } from '../../catalogue/index.js';
import { distinctNames, parseMapRef, resolveMap, type MapRef, type ResolvedMap, type ResolveOptions } from './resolve.js';
import { num } from './csv.js';
import type { ComparisonRow } from '../../catalogue/index.js';

export type { ComparisonRow };

export interface ComparisonView {
	readonly a: ResolvedMap;
	readonly b: ResolvedMap;
	readonly names: { readonly a: string; readonly b: string };
	readonly comparison: Comparison;
	readonly sentences: readonly string[];
}

/** The map reference in parameter `name` (an id or a link), with `<name>key` as its key. */
export function refParam(params: URLSearchParams, name: string): MapRef | null {
	const ref = parseMapRef(params.get(name) ?? '');
	if (!ref) return null;
	return { id: ref.id, key: params.get(`${name}key`) || ref.key || null };
}

/** The scope in URL parameters: `layer` (repeatable, LGAM layer names; unknown ones ignored) and `scope=smaller`. */
export function scopeParams(params: URLSearchParams): { layers: string[]; smallerTypes: boolean } {
	const layers = [...new Set(params.getAll('layer'))].filter((l) => LGAM_LAYERS.includes(l));
	return { layers, smallerTypes: params.get('scope') === 'smaller' };
}

/** Compare maps `a` and `b` named in URL parameters (components only: for the API); 400 when one is missing. */
export async function compareParams(params: URLSearchParams): Promise<ComparisonView> {
	const ra = refParam(params, 'a');
	const rb = refParam(params, 'b');
	if (!ra || !rb) error(400, 'Give two maps to compare: ?a=<map id or link>&b=<map id or link>');
	return compareRefs(ra, rb, { componentsOnly: true }, scopeParams(params));
}

/** Compare two maps by component type within `scope` and summarise; `componentsOnly` when no drawing is needed. */
export async function compareRefs(ra: MapRef, rb: MapRef, options: ResolveOptions = {}, scope: CompareScope = {}): Promise<ComparisonView> {
	// A map shared with the caller's organisation is compared as they see it.
	const [a, b] = await Promise.all([resolveMap(ra, { ...options, shared: true }), resolveMap(rb, { ...options, shared: true })]);
	const [na, nb] = distinctNames([a, b]);
	const names = { a: na, b: nb };
	const comparison = compareMaps(a.snapshot, b.snapshot, VOCABULARY, scope);
	return { a, b, names, comparison, sentences: summarise(comparison, names) };
}

const typeNameOf = (id: string) => VOCABULARY.byId.get(id)?.name ?? id;
const label = (c: ComparedComponent) => c.product || c.name;

/** "What you could share" as plain rows for the page: joint contracts, who is ahead, services to reuse. */
export function shareView(c: Comparison) {
	const s = couldShare(c);
	return {
		jointContracts: s.jointContracts.map((t) => ({
			typeId: t.typeId,
			typeName: typeNameOf(t.typeId),
			suppliers: t.commonSuppliers,
			products: t.commonProducts
		})),
		ahead: s.ahead.map((x) => ({
			typeId: x.shared.typeId,
			typeName: typeNameOf(x.shared.typeId),
			ahead: x.ahead,
			evolutionA: x.shared.evolutionA,
			evolutionB: x.shared.evolutionB,
			a: [...new Set(x.shared.a.map(label))].join('; '),
			b: [...new Set(x.shared.b.map(label))].join('; ')
		})),
		reusable: s.reusable.map((r) => ({ from: r.from, typeId: r.typeId, typeName: typeNameOf(r.typeId), name: label(r.component), otherHas: r.otherHas }))
	};
}

export type ShareView = ReturnType<typeof shareView>;

function plainComponent(c: ComparedComponent) {
	return { name: c.name, product: c.product, supplier: c.supplier, sourcing: c.sourcing, lifecycle: c.lifecycle, evolution: c.evolution, visibility: c.visibility };
}

function mapJson(m: ResolvedMap) {
	return { id: m.id, title: m.title, name: m.name, organisation: m.organisation, fictional: m.fictional, withheld: m.withheld };
}

/** The comparison as the JSON API answers it (types by id and name; no internal objects). */
export function comparisonJson(view: ComparisonView) {
	const { comparison: c } = view;
	const typeName = (id: string) => VOCABULARY.byId.get(id)?.name ?? id;
	return {
		a: mapJson(view.a),
		b: mapJson(view.b),
		summary: view.sentences,
		similarity: c.similarity,
		both: c.both.map((s) => ({
			typeId: s.typeId,
			typeName: typeName(s.typeId),
			a: s.a.map(plainComponent),
			b: s.b.map(plainComponent),
			evolutionA: s.evolutionA,
			evolutionB: s.evolutionB,
			evolutionDelta: s.evolutionDelta,
			sameSupplier: s.sameSupplier,
			commonSuppliers: s.commonSuppliers,
			sameProduct: s.sameProduct,
			sourcingA: s.sourcingA,
			sourcingB: s.sourcingB
		})),
		onlyA: c.onlyA.map((t) => ({ typeId: t.typeId, typeName: typeName(t.typeId), components: t.components.map(plainComponent) })),
		onlyB: c.onlyB.map((t) => ({ typeId: t.typeId, typeName: typeName(t.typeId), components: t.components.map(plainComponent) })),
		untypedA: c.untypedA.map(plainComponent),
		untypedB: c.untypedB.map(plainComponent),
		share: shareView(c)
	};
}

const what = (list: readonly ComparedComponent[]) => [...new Set(list.map((c) => c.product || c.name))].join('; ');
const who = (list: readonly ComparedComponent[]) => [...new Set(list.map((c) => c.supplier).filter(Boolean))].join('; ');
const mean = (list: readonly ComparedComponent[]) => list.reduce((s, c) => s + c.evolution, 0) / list.length;

/** Every type on either map: shared first (in vocabulary order), then only A, then only B. */
export function comparisonRows(c: Comparison): ComparisonRow[] {
	const meta = (id: string) => {
		const t = VOCABULARY.byId.get(id);
		return { typeId: id, typeName: t?.name ?? id, layer: t?.layer ?? '' };
	};
	return [
		...c.both.map((s) => ({
			...meta(s.typeId),
			presence: 'both' as const,
			a: what(s.a),
			b: what(s.b),
			suppliersA: who(s.a),
			suppliersB: who(s.b),
			evolutionA: s.evolutionA,
			evolutionB: s.evolutionB,
			delta: s.evolutionDelta,
			sameSupplier: s.sameSupplier
		})),
		...c.onlyA.map((t) => ({ ...meta(t.typeId), presence: 'a' as const, a: what(t.components), b: '', suppliersA: who(t.components), suppliersB: '', evolutionA: mean(t.components), evolutionB: null, delta: null, sameSupplier: false })),
		...c.onlyB.map((t) => ({ ...meta(t.typeId), presence: 'b' as const, a: '', b: what(t.components), suppliersA: '', suppliersB: who(t.components), evolutionA: null, evolutionB: mean(t.components), delta: null, sameSupplier: false }))
	];
}

/** The comparison table as CSV rows (header first). */
export function comparisonCsv(view: ComparisonView): string[][] {
	const { a, b } = view.names;
	return [
		['Type ID', 'Type', 'LGAM layer', 'On', `${a}: components`, `${b}: components`, `${a}: suppliers`, `${b}: suppliers`, `${a}: evolution`, `${b}: evolution`, 'Difference', 'Same supplier'],
		...comparisonRows(view.comparison).map((r) => [
			r.typeId,
			r.typeName,
			r.layer,
			r.presence === 'both' ? 'Both' : r.presence === 'a' ? `Only ${a}` : `Only ${b}`,
			r.a,
			r.b,
			r.suppliersA,
			r.suppliersB,
			num(r.evolutionA),
			num(r.evolutionB),
			num(r.delta),
			r.presence === 'both' ? (r.sameSupplier ? 'Yes' : 'No') : ''
		])
	];
}

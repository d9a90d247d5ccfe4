// A published map's snapshot (already redacted as published) → the rows the catalogue index
// stores: one per component, one per (component, supplier), the text FTS5 searches and the
// values each facet files the map under. Pure.
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { slugify, sourcingOf, supplierParts, type Vocabulary } from '../../src/lib/catalogue/index.js';
import { splitParentheses } from '../../src/lib/catalogue/text.js';
import { actByDate } from '../../src/lib/catalogue/radar.js';

export interface ComponentRow {
	readonly ord: number;
	/** '' for an untyped component. */
	readonly typeId: string;
	readonly layer: string;
	readonly node: string;
	readonly name: string;
	readonly product: string;
	readonly productSlug: string;
	readonly supplier: string;
	readonly evolution: number;
	readonly visibility: number;
	readonly sourcing: string;
	readonly lifecycle: string;
}

export interface SupplierRow {
	readonly slug: string;
	readonly ord: number;
	readonly name: string;
}

export interface ContractRow {
	/** The component's ord and the contract's position on it. */
	readonly ord: number;
	readonly k: number;
	readonly id: string;
	readonly reference: string;
	readonly start: string;
	readonly end: string;
	readonly noticeMonths: number | null;
	/** The date to act by (actByDate). */
	readonly due: string;
	readonly route: string;
}

export interface IndexRows {
	readonly components: readonly ComponentRow[];
	/** Contracts as published: their published groups' fields only; none when names or text are withheld or dates are private. */
	readonly contracts: readonly ContractRow[];
	readonly suppliers: readonly SupplierRow[];
	/** Everything searchable about the components: names, type names, products, suppliers. */
	readonly text: string;
	readonly typeCount: number;
	readonly untypedCount: number;
	/** Facet values (slugs or ids) with their display labels. */
	readonly layers: ReadonlyMap<string, string>;
	readonly types: ReadonlyMap<string, string>;
	readonly products: ReadonlyMap<string, string>;
	readonly supplierFacets: ReadonlyMap<string, string>;
}

/** A product's slug: the name outside brackets ('Idox Uniform (EH & licensing)' → 'idox-uniform'). */
export function productSlug(product: string): string {
	return slugify(splitParentheses(product)[0]);
}

/** The catalogue rows of a (redacted) snapshot. Anchors are left out; untyped components are kept. */
export function indexRows(map: MapSnapshot, vocabulary: Vocabulary): IndexRows {
	const components: ComponentRow[] = [];
	const suppliers: SupplierRow[] = [];
	const contracts: ContractRow[] = [];
	const words: string[] = [];
	const layers = new Map<string, string>();
	const types = new Map<string, string>();
	const products = new Map<string, string>();
	const supplierFacets = new Map<string, string>();
	let untypedCount = 0;
	for (const c of map.components) {
		if (c.kind === 'anchor') continue;
		const ord = components.length;
		const type = vocabulary.byId.get(c.componentType.trim());
		if (type) {
			types.set(type.id, type.name);
			layers.set(type.layer, type.layer);
		} else untypedCount++;
		const pSlug = productSlug(c.product);
		if (pSlug) products.set(pSlug, splitParentheses(c.product)[0]);
		for (const [, display] of supplierParts(c.supplier)) {
			const slug = slugify(display);
			if (!slug) continue;
			suppliers.push({ slug, ord, name: display });
			supplierFacets.set(slug, display);
		}
		(c.contracts ?? []).forEach((k, i) =>
			contracts.push({ ord, k: i, id: k.id, reference: k.reference, start: k.start, end: k.end, noticeMonths: k.noticeMonths, due: actByDate(k), route: k.route })
		);
		components.push({
			ord,
			typeId: type?.id ?? '',
			layer: type?.layer ?? '',
			node: type?.node ?? '',
			name: c.name,
			product: c.product,
			productSlug: pSlug,
			supplier: c.supplier,
			evolution: Number.isFinite(c.evolution) ? c.evolution : 0.5,
			visibility: Number.isFinite(c.visibility) ? c.visibility : 0.5,
			sourcing: sourcingOf(c.decorators),
			lifecycle: c.lifecycle
		});
		words.push(c.name, type?.name ?? '', c.product, c.supplier);
	}
	return {
		components,
		contracts,
		suppliers,
		text: words.filter(Boolean).join(' \n'),
		typeCount: types.size,
		untypedCount,
		layers,
		types,
		products,
		supplierFacets
	};
}

// What the catalogue answers: plain JSON-ready objects shared by the server (server/catalogue/),
// pages and the API. Types, and the public face of an organisation.
import type { MatchReason } from './match-reason.js';
import type { LicenceId } from './organisations.js';
import type { FacetName, SortKey } from './query.js';
import type { Redaction } from './redact.js';
import type { Visibility } from './visibility.js';

/** An organisation as the public sees it. */
export interface OrgSummary {
	readonly slug: string;
	readonly name: string;
	readonly type: string;
	readonly region: string;
	readonly fictional: boolean;
}

/** The public face of an organisation (any record with these fields), or null for none. */
export function orgSummary(org: OrgSummary | undefined): OrgSummary | null {
	return org ? { slug: org.slug, name: org.name, type: org.type, region: org.region, fictional: org.fictional } : null;
}

/** A published (or, on its own page, unlisted) map as the catalogue lists it. */
export interface CatalogueEntry {
	readonly id: string;
	readonly title: string;
	readonly description: string;
	readonly organisation: OrgSummary | null;
	readonly visibility: Visibility;
	readonly componentCount: number;
	readonly typeCount: number;
	readonly untypedCount: number;
	/** ms since the epoch. */
	readonly updatedAt: number;
	readonly publishedAt: number | null;
	readonly licence: LicenceId;
	readonly fictional: boolean;
	readonly redaction: Redaction;
}

/** How many published maps have one value of a facet. */
export interface FacetCount {
	readonly value: string;
	readonly label: string;
	readonly count: number;
}

export interface FacetOption extends FacetCount {
	readonly selected: boolean;
}

export interface SearchResult {
	readonly total: number;
	readonly page: number;
	readonly perPage: number;
	readonly pages: number;
	readonly sort: SortKey;
	readonly results: readonly CatalogueEntry[];
	/** Per facet: values with counts (selected ones always included), most maps first. */
	readonly facets: Readonly<Record<FacetName, readonly FacetOption[]>>;
	/** How many maps the whole catalogue holds. */
	readonly catalogueSize: number;
	/** Per map id on this page, the component that matched the search text (none without text, or when only the title etc. matched). */
	readonly reasons: Readonly<Record<string, MatchReason>>;
}

/** One published map's components of one type (for "who uses what"). */
export interface TypeUse {
	readonly map: { readonly id: string; readonly title: string; readonly organisation: OrgSummary | null; readonly fictional: boolean };
	readonly name: string;
	readonly product: string;
	readonly supplier: string;
	readonly evolution: number;
	readonly visibility: number;
	readonly sourcing: string;
	readonly lifecycle: string;
}

export interface NamedCount {
	readonly slug: string;
	readonly name: string;
	/** Published maps using it. */
	readonly maps: number;
	/** Components (a map may have several). */
	readonly components: number;
}

export interface PositionStats {
	readonly count: number;
	readonly min: number;
	readonly q1: number;
	readonly median: number;
	readonly q3: number;
	readonly max: number;
}

/** "Who uses what" for one component type. */
export interface TypeUsage {
	readonly mapCount: number;
	readonly componentCount: number;
	readonly products: readonly NamedCount[];
	readonly suppliers: readonly NamedCount[];
	/** One position per component (evolution 0..1), for the strip plot. */
	readonly positions: readonly number[];
	readonly spread: PositionStats | null;
	readonly uses: readonly TypeUse[];
	/** True when `uses` was cut to the limit. */
	readonly truncated: boolean;
}

/** A supplier's or product's footprint across published maps. */
export interface FootprintType {
	readonly typeId: string;
	readonly name: string;
	readonly maps: number;
	readonly components: number;
}

export interface Footprint {
	readonly slug: string;
	readonly name: string;
	readonly mapCount: number;
	readonly componentCount: number;
	readonly types: readonly FootprintType[];
	/** Products of a supplier, or suppliers of a product. */
	readonly related: readonly NamedCount[];
	readonly positions: readonly number[];
	readonly uses: readonly (TypeUse & { readonly typeId: string })[];
	readonly truncated: boolean;
}

/** One row of the comparison table (and CSV): a component type and what each map has. */
export interface ComparisonRow {
	readonly typeId: string;
	readonly typeName: string;
	readonly layer: string;
	readonly presence: 'both' | 'a' | 'b';
	readonly a: string;
	readonly b: string;
	readonly suppliersA: string;
	readonly suppliersB: string;
	readonly evolutionA: number | null;
	readonly evolutionB: number | null;
	readonly delta: number | null;
	readonly sameSupplier: boolean;
}

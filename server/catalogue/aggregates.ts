// "Who uses what": per component type, supplier and product, across published maps only. Counts
// come from covering indexes of the index tables (which hold nothing but published maps, as
// published) filtered again by the live set; the listed uses are read with a join that re-checks
// `maps.visibility`. Withheld products and suppliers never reach an aggregate.
import type { Param, Sql } from '../db/sql.js';
import { slugify, spreadOf, supplierParts, type Vocabulary } from '../../src/lib/catalogue/index.js';
import type { Bitset } from './bitset.js';
import type { CatalogueIndex, OrganisationLookup } from './index-store.js';
import { COMPONENT_COLUMNS, PUBLISHED_COMPONENTS, type IndexedComponentRow } from './schema.js';
import { orgSummary, type Footprint, type FootprintType, type NamedCount, type PositionStats, type TypeUsage, type TypeUse } from '../../src/lib/catalogue/results.js';

/** Most uses listed in an answer (counts and positions always cover all). */
export const USES_LIMIT = 200;

interface UseRow extends IndexedComponentRow {
	map_id: string;
	org_id: number | null;
	fictional: number | null;
}

const USES = `SELECT ${COMPONENT_COLUMNS}, e.map_id, e.org_id, mm.fictional
	${PUBLISHED_COMPONENTS}
	LEFT JOIN map_meta mm ON mm.map_id = e.map_id`;

/** A GROUP BY's `slug, count(DISTINCT rid) AS maps, count(*) AS components`. */
interface CountRow {
	slug: string;
	maps: number;
	components: number;
}

/** Rows of `[slug, maps, components]` from a GROUP BY, as NamedCounts (labels from the facets). */
function counted(rows: [string, number, number][], label: (slug: string) => string | undefined): NamedCount[] {
	return rows
		.filter(([slug]) => slug)
		.map(([slug, maps, components]) => ({ slug, name: label(slug) ?? slug, maps, components }))
		.sort((a, b) => b.maps - a.maps || b.components - a.components || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function stats(values: readonly number[]): PositionStats | null {
	if (values.length === 0) return null;
	const s = spreadOf(values);
	return { count: s.count, min: s.min, q1: s.q1, median: s.median, q3: s.q3, max: s.max };
}

function toUse(row: UseRow, orgs: OrganisationLookup): TypeUse {
	const org = orgs.get(row.org_id);
	return {
		map: { id: row.map_id, title: row.title, organisation: orgSummary(org), fictional: row.fictional === 1 || (org?.fictional ?? false) },
		name: row.name,
		product: row.product,
		supplier: row.supplier,
		evolution: row.evolution,
		visibility: row.visibility,
		sourcing: row.sourcing,
		lifecycle: row.lifecycle
	};
}

/**
 * The first `limit` components (by map title, then map order) matching `where` (SQL on `c`),
 * read with the visibility-checking join. Maps are walked in title order from the facet index
 * (each of `maps` has at least one match), so only the maps on the page are read.
 */
async function firstUses(sql: Sql, index: CatalogueIndex, maps: Bitset, where: string, params: readonly Param[], limit: number): Promise<UseRow[]> {
	const rids: number[] = [];
	for (const rid of index.facets.ordered('title')) {
		if (rids.length >= limit) break;
		if (maps.has(rid)) rids.push(rid);
	}
	if (rids.length === 0) return [];
	const rank = new Map(rids.map((r, i) => [r, i]));
	const rows = await sql.all<UseRow>(`${USES} WHERE c.rid IN (${rids.map(() => '?').join(',')}) AND ${where}`, [...rids, ...params]);
	return rows.sort((a, b) => rank.get(a.rid)! - rank.get(b.rid)! || a.ord - b.ord).slice(0, limit);
}

/**
 * Which published maps have a component of this type, what fills it, and where they place it.
 * Counting is done by the database over covering indexes; only positions come back row by row.
 */
export async function typeUsage(sql: Sql, orgs: OrganisationLookup, index: CatalogueIndex, typeId: string, limit = USES_LIMIT): Promise<TypeUsage> {
	const facets = index.facets;
	const positions = await evolutions(sql, 'SELECT evolution FROM catalogue_components WHERE type_id = ?', typeId);
	const products = await counts(
		sql,
		`SELECT product_slug AS slug, count(DISTINCT rid) AS maps, count(*) AS components FROM catalogue_components WHERE type_id = ? AND product_slug <> '' GROUP BY product_slug`,
		typeId
	);
	const suppliers = await counts(sql, 'SELECT slug, count(DISTINCT rid) AS maps, count(*) AS components FROM catalogue_suppliers WHERE type_id = ? GROUP BY slug', typeId);
	const maps = facets.anyOf('type', [typeId]).and(facets.live);
	const uses = await firstUses(sql, index, maps, 'c.type_id = ?', [typeId], limit);
	return {
		mapCount: maps.size,
		componentCount: positions.length,
		products: counted(products, (slug) => facets.label('product', slug)),
		suppliers: counted(suppliers, (slug) => facets.label('supplier', slug)),
		positions,
		spread: stats(positions),
		uses: uses.map((r) => toUse(r, orgs)),
		truncated: positions.length > uses.length
	};
}

async function evolutions(sql: Sql, text: string, param: string): Promise<number[]> {
	return (await sql.all<{ evolution: number }>(text, [param])).map((r) => r.evolution);
}

async function counts(sql: Sql, text: string, param: string): Promise<[string, number, number][]> {
	return (await sql.all<CountRow>(text, [param])).map((r) => [r.slug, r.maps, r.components]);
}

async function footprint(
	sql: Sql,
	orgs: OrganisationLookup,
	index: CatalogueIndex,
	vocabulary: Vocabulary,
	facet: 'supplier' | 'product',
	slug: string,
	parts: { name: string; positions: number[]; types: [string, number, number][]; related: NamedCount[] },
	limit: number
): Promise<Footprint> {
	const typeList: FootprintType[] = parts.types
		.map(([typeId, maps, components]) => ({ typeId, name: typeId ? (vocabulary.byId.get(typeId)?.name ?? typeId) : 'No type', maps, components }))
		.sort((a, b) => b.maps - a.maps || a.name.localeCompare(b.name));
	const maps = index.facets.anyOf(facet, [slug]).and(index.facets.live);
	const where =
		facet === 'product'
			? 'c.product_slug = ?'
			: 'EXISTS (SELECT 1 FROM catalogue_suppliers s WHERE s.slug = ? AND s.rid = c.rid AND s.ord = c.ord)';
	const uses = await firstUses(sql, index, maps, where, [slug], limit);
	return {
		slug,
		name: parts.name,
		mapCount: maps.size,
		componentCount: parts.positions.length,
		types: typeList,
		related: parts.related,
		positions: parts.positions,
		uses: uses.map((r) => ({ ...toUse(r, orgs), typeId: r.type_id })),
		truncated: parts.positions.length > uses.length
	};
}

/** A supplier's footprint: the types it fills, its products, the maps. Undefined when no published map names it. */
export async function supplierFootprint(
	sql: Sql,
	orgs: OrganisationLookup,
	index: CatalogueIndex,
	vocabulary: Vocabulary,
	slug: string,
	limit = USES_LIMIT
): Promise<Footprint | undefined> {
	const positions = await evolutions(sql, 'SELECT evolution FROM catalogue_suppliers WHERE slug = ?', slug);
	if (positions.length === 0) return undefined;
	const types = await counts(sql, 'SELECT type_id AS slug, count(DISTINCT rid) AS maps, count(*) AS components FROM catalogue_suppliers WHERE slug = ? GROUP BY type_id', slug);
	const products = await counts(
		sql,
		`SELECT product_slug AS slug, count(DISTINCT rid) AS maps, count(*) AS components FROM catalogue_suppliers WHERE slug = ? AND product_slug <> '' GROUP BY product_slug`,
		slug
	);
	const name =
		index.facets.label('supplier', slug) ?? (await sql.get<{ name: string }>('SELECT name FROM catalogue_suppliers WHERE slug = ? LIMIT 1', [slug]))!.name;
	const related = counted(products, (s) => index.facets.label('product', s));
	return footprint(sql, orgs, index, vocabulary, 'supplier', slug, { name, positions, types, related }, limit);
}

/** A product's footprint: the types it fills, its suppliers, the maps. Undefined when no published map names it. */
export async function productFootprint(
	sql: Sql,
	orgs: OrganisationLookup,
	index: CatalogueIndex,
	vocabulary: Vocabulary,
	slug: string,
	limit = USES_LIMIT
): Promise<Footprint | undefined> {
	if (!slug) return undefined;
	const rows = (
		await sql.all<{ rid: number; type_id: string; evolution: number; supplier: string }>(
			`SELECT rid, type_id, evolution, supplier FROM catalogue_components WHERE product_slug = ? AND product_slug <> ''`,
			[slug]
		)
	).map((r): [number, string, number, string] => [r.rid, r.type_id, r.evolution, r.supplier]);
	if (rows.length === 0) return undefined;
	const types = new Map<string, [Set<number>, number]>();
	const suppliers = new Map<string, [string, Set<number>, number]>();
	for (const [rid, typeId, , supplier] of rows) {
		const t = types.get(typeId) ?? [new Set<number>(), 0];
		t[0].add(rid);
		t[1]++;
		types.set(typeId, t);
		for (const [, display] of supplierParts(supplier)) {
			const key = slugify(display);
			const s = suppliers.get(key) ?? [display, new Set<number>(), 0];
			s[1].add(rid);
			s[2]++;
			suppliers.set(key, s);
		}
	}
	const related = counted(
		[...suppliers.entries()].map(([key, [, maps, n]]) => [key, maps.size, n]),
		(key) => suppliers.get(key)?.[0]
	);
	return footprint(
		sql,
		orgs,
		index,
		vocabulary,
		'product',
		slug,
		{ name: index.facets.label('product', slug) ?? slug, positions: rows.map((r) => r[2]), types: [...types.entries()].map(([t, [maps, n]]) => [t, maps.size, n]), related },
		limit
	);
}

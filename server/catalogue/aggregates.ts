// "Who uses what": per component type, supplier and product, across published maps only (the
// index holds nothing else, and every query re-checks `maps.visibility`). Values are as
// published, so withheld products and suppliers never reach an aggregate.
import type Database from 'better-sqlite3';
import { slugify, spreadOf, supplierParts, type Vocabulary } from '../../src/lib/catalogue/index.js';
import { splitParentheses } from '../../src/lib/catalogue/text.js';
import { orgSummary } from './entries.js';
import type { Organisations } from './organisations.js';
import type { Footprint, FootprintType, NamedCount, PositionStats, TypeUsage, TypeUse } from './types.js';

/** Most uses listed in an answer (counts and positions always cover all). */
export const USES_LIMIT = 200;

interface UseRow {
	rid: number;
	type_id: string;
	name: string;
	product: string;
	product_slug: string;
	supplier: string;
	evolution: number;
	visibility: number;
	sourcing: string;
	lifecycle: string;
	map_id: string;
	title: string;
	org_id: number | null;
	fictional: number | null;
}

const USES = `SELECT c.rid, c.type_id, c.name, c.product, c.product_slug, c.supplier, c.evolution, c.visibility, c.sourcing, c.lifecycle,
	e.map_id, e.title, e.org_id, mm.fictional
	FROM catalogue_components c
	JOIN catalogue_entries e ON e.rid = c.rid
	JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
	LEFT JOIN map_meta mm ON mm.map_id = e.map_id`;

class Tally {
	private readonly items = new Map<string, { name: string; maps: Set<number>; components: number }>();
	add(slug: string, name: string, rid: number): void {
		if (!slug) return;
		let t = this.items.get(slug);
		if (!t) this.items.set(slug, (t = { name, maps: new Set(), components: 0 }));
		t.maps.add(rid);
		t.components++;
	}
	list(): NamedCount[] {
		return [...this.items.entries()]
			.map(([slug, t]) => ({ slug, name: t.name, maps: t.maps.size, components: t.components }))
			.sort((a, b) => b.maps - a.maps || b.components - a.components || a.name.localeCompare(b.name));
	}
}

function stats(values: readonly number[]): PositionStats | null {
	if (values.length === 0) return null;
	const s = spreadOf(values);
	return { count: s.count, min: s.min, q1: s.q1, median: s.median, q3: s.q3, max: s.max };
}

function toUse(row: UseRow, orgs: Organisations): TypeUse {
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

function byTitle(a: UseRow, b: UseRow): number {
	return a.title.localeCompare(b.title) || a.rid - b.rid;
}

/** Which published maps have a component of this type, what fills it, and where they place it. */
export function typeUsage(db: Database.Database, orgs: Organisations, typeId: string, limit = USES_LIMIT): TypeUsage {
	const rows = (db.prepare(`${USES} WHERE c.type_id = ?`).all(typeId) as UseRow[]).sort(byTitle);
	const products = new Tally();
	const suppliers = new Tally();
	const maps = new Set<number>();
	for (const r of rows) {
		maps.add(r.rid);
		products.add(r.product_slug, splitParentheses(r.product)[0], r.rid);
		for (const [, display] of supplierParts(r.supplier)) suppliers.add(slugify(display), display, r.rid);
	}
	const positions = rows.map((r) => r.evolution);
	return {
		mapCount: maps.size,
		componentCount: rows.length,
		products: products.list(),
		suppliers: suppliers.list(),
		positions,
		spread: stats(positions),
		uses: rows.slice(0, limit).map((r) => toUse(r, orgs)),
		truncated: rows.length > limit
	};
}

function footprint(rows: UseRow[], orgs: Organisations, vocabulary: Vocabulary, slug: string, name: string, related: Tally, limit: number): Footprint {
	const types = new Map<string, { maps: Set<number>; components: number }>();
	const maps = new Set<number>();
	for (const r of rows) {
		maps.add(r.rid);
		const key = r.type_id;
		let t = types.get(key);
		if (!t) types.set(key, (t = { maps: new Set(), components: 0 }));
		t.maps.add(r.rid);
		t.components++;
	}
	const typeList: FootprintType[] = [...types.entries()]
		.map(([typeId, t]) => ({ typeId, name: typeId ? (vocabulary.byId.get(typeId)?.name ?? typeId) : 'No type', maps: t.maps.size, components: t.components }))
		.sort((a, b) => b.maps - a.maps || a.name.localeCompare(b.name));
	rows.sort(byTitle);
	return {
		slug,
		name,
		mapCount: maps.size,
		componentCount: rows.length,
		types: typeList,
		related: related.list(),
		positions: rows.map((r) => r.evolution),
		uses: rows.slice(0, limit).map((r) => ({ ...toUse(r, orgs), typeId: r.type_id })),
		truncated: rows.length > limit
	};
}

/** A supplier's footprint: the types it fills, its products, the maps. Undefined when no published map names it. */
export function supplierFootprint(db: Database.Database, orgs: Organisations, vocabulary: Vocabulary, slug: string, limit = USES_LIMIT): Footprint | undefined {
	const rows = db
		.prepare(
			`SELECT s.name AS supplier_name, c.rid, c.type_id, c.name, c.product, c.product_slug, c.supplier, c.evolution, c.visibility, c.sourcing, c.lifecycle,
			 e.map_id, e.title, e.org_id, mm.fictional
			 FROM catalogue_suppliers s
			 JOIN catalogue_components c ON c.rid = s.rid AND c.ord = s.ord
			 JOIN catalogue_entries e ON e.rid = c.rid
			 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
			 LEFT JOIN map_meta mm ON mm.map_id = e.map_id
			 WHERE s.slug = ?`
		)
		.all(slug) as (UseRow & { supplier_name: string })[];
	if (rows.length === 0) return undefined;
	const names = new Tally();
	const products = new Tally();
	for (const r of rows) {
		names.add(r.supplier_name, r.supplier_name, r.rid);
		products.add(r.product_slug, splitParentheses(r.product)[0], r.rid);
	}
	return footprint(rows, orgs, vocabulary, slug, names.list()[0].name, products, limit);
}

/** A product's footprint: the types it fills, its suppliers, the maps. Undefined when no published map names it. */
export function productFootprint(db: Database.Database, orgs: Organisations, vocabulary: Vocabulary, slug: string, limit = USES_LIMIT): Footprint | undefined {
	const rows = db.prepare(`${USES} WHERE c.product_slug = ?`).all(slug) as UseRow[];
	if (rows.length === 0) return undefined;
	const names = new Tally();
	const suppliers = new Tally();
	for (const r of rows) {
		names.add(slug, splitParentheses(r.product)[0], r.rid);
		for (const [, display] of supplierParts(r.supplier)) suppliers.add(slugify(display), display, r.rid);
	}
	return footprint(rows, orgs, vocabulary, slug, names.list()[0].name, suppliers, limit);
}

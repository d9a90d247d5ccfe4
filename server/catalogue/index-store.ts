// The catalogue index in SQLite (entries, components, suppliers, FTS5) and its in-memory facets,
// written together: a published map's redacted snapshot in, searchable rows out.
import type Database from 'better-sqlite3';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { orgTypeLabel, type Vocabulary } from '../../src/lib/catalogue/index.js';
import { FacetIndex, type FacetValues, type SortKeys } from './facets.js';
import type { Organisation, Organisations } from './organisations.js';
import { indexRows } from './rows.js';

/** What the index needs to know of a map besides its snapshot. */
export interface EntryMeta {
	readonly orgId: number | null;
	/** The publication's description ('' = the map's own). */
	readonly description: string;
	readonly updatedAt: number;
	readonly publishedAt: number;
	/** The storage sequence number the snapshot includes (to spot a stale index after a crash). */
	readonly seq: number;
}

function orgFacets(org: Organisation | undefined): Pick<FacetValues, 'orgType' | 'region' | 'org'> {
	return {
		orgType: new Map(org ? [[org.type, orgTypeLabel(org.type)]] : []),
		region: new Map(org?.region ? [[org.region, org.region]] : []),
		org: new Map(org ? [[org.slug, org.name]] : [])
	};
}

/** Facets stored per map (organisation facets come from the organisation itself). */
type StoredFacet = 'layer' | 'type' | 'product' | 'supplier';

export class CatalogueIndex {
	readonly facets = new FacetIndex();
	private readonly db: Database.Database;
	private readonly orgs: Organisations;
	private readonly vocabulary: Vocabulary;
	private readonly ridByMap = new Map<string, number>();
	private readonly mapByRid = new Map<number, string>();
	private readonly stmts;
	/** Told the index rows (rids) a write changed, once it is committed (the radar's table reads them). */
	onChange: ((rids: readonly number[]) => void) | null = null;

	constructor(db: Database.Database, orgs: Organisations, vocabulary: Vocabulary) {
		this.db = db;
		this.orgs = orgs;
		this.vocabulary = vocabulary;
		this.stmts = {
			upsert: db.prepare(
				`INSERT INTO catalogue_entries (map_id, title, description, org_id, component_count, type_count, untyped_count, updated_at, published_at, indexed_seq, facets)
				 VALUES (@mapId, @title, @description, @orgId, @componentCount, @typeCount, @untypedCount, @updatedAt, @publishedAt, @seq, @facets)
				 ON CONFLICT(map_id) DO UPDATE SET title = excluded.title, description = excluded.description, org_id = excluded.org_id,
				   component_count = excluded.component_count, type_count = excluded.type_count, untyped_count = excluded.untyped_count,
				   updated_at = excluded.updated_at, published_at = excluded.published_at, indexed_seq = excluded.indexed_seq, facets = excluded.facets
				 RETURNING rid`
			),
			deleteComponents: db.prepare('DELETE FROM catalogue_components WHERE rid = ?'),
			deleteSuppliers: db.prepare('DELETE FROM catalogue_suppliers WHERE rid = ?'),
			deleteContracts: db.prepare('DELETE FROM catalogue_contracts WHERE rid = ?'),
			insertContract: db.prepare(
				'INSERT INTO catalogue_contracts (rid, ord, k, contract_id, reference, start_date, end_date, notice_months, due_date, route) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
			),
			deleteFts: db.prepare('DELETE FROM catalogue_fts WHERE rowid = ?'),
			deleteEntry: db.prepare('DELETE FROM catalogue_entries WHERE rid = ?'),
			insertComponent: db.prepare(
				`INSERT INTO catalogue_components (rid, ord, type_id, layer, node, name, product, product_slug, supplier, evolution, visibility, sourcing, lifecycle)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			),
			insertSupplier: db.prepare(
				'INSERT OR IGNORE INTO catalogue_suppliers (slug, rid, ord, name, type_id, product_slug, product, evolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
			),
			insertFts: db.prepare('INSERT INTO catalogue_fts (rowid, title, description, organisation, components) VALUES (?, ?, ?, ?, ?)'),
			updateFtsOrg: db.prepare('UPDATE catalogue_fts SET organisation = ? WHERE rowid = ?'),
			entryOf: db.prepare('SELECT rid, title, org_id, component_count, updated_at, published_at, facets FROM catalogue_entries WHERE map_id = ?')
		};
	}

	/** The row id of an indexed map, or undefined when it is not in the catalogue. */
	rid(mapId: string): number | undefined {
		return this.ridByMap.get(mapId);
	}

	/** The map id of an index row id. */
	mapId(rid: number): string | undefined {
		return this.mapByRid.get(rid);
	}

	mapIds(): string[] {
		return [...this.ridByMap.keys()];
	}

	/** Rebuild the in-memory facets from the SQL tables (at start): one short JSON row per map. */
	load(): void {
		const entries = this.db
			.prepare('SELECT rid, map_id, title, org_id, component_count, updated_at, published_at, facets FROM catalogue_entries')
			.all() as { rid: number; map_id: string; title: string; org_id: number | null; component_count: number; updated_at: number; published_at: number; facets: string }[];
		for (const e of entries) {
			const f = JSON.parse(e.facets) as Record<StoredFacet, [string, string][]>;
			this.ridByMap.set(e.map_id, e.rid);
			this.mapByRid.set(e.rid, e.map_id);
			this.facets.put(
				e.rid,
				{ ...orgFacets(this.orgs.get(e.org_id)), layer: new Map(f.layer), type: new Map(f.type), product: new Map(f.product), supplier: new Map(f.supplier) },
				this.sortKeys(e.title, e.updated_at, e.published_at, e.component_count)
			);
		}
	}

	/**
	 * Read one map's entry again (another instance wrote it to the shared tables): into the facets
	 * when it is in the catalogue, out when not. Returns the row ids concerned (old and new).
	 */
	refresh(mapId: string): number[] {
		const old = this.ridByMap.get(mapId);
		const e = this.stmts.entryOf.get(mapId) as { rid: number; title: string; org_id: number | null; component_count: number; updated_at: number; published_at: number; facets: string } | undefined;
		if (old !== undefined && old !== e?.rid) {
			this.ridByMap.delete(mapId);
			this.mapByRid.delete(old);
			this.facets.remove(old);
		}
		if (!e) return old === undefined ? [] : [old];
		const f = JSON.parse(e.facets) as Record<StoredFacet, [string, string][]>;
		this.ridByMap.set(mapId, e.rid);
		this.mapByRid.set(e.rid, mapId);
		this.facets.put(
			e.rid,
			{ ...orgFacets(this.orgs.get(e.org_id)), layer: new Map(f.layer), type: new Map(f.type), product: new Map(f.product), supplier: new Map(f.supplier) },
			this.sortKeys(e.title, e.updated_at, e.published_at, e.component_count)
		);
		return old === undefined || old === e.rid ? [e.rid] : [old, e.rid];
	}

	/** Read every entry again (another instance changed organisations or publications). */
	reload(): void {
		for (const rid of this.mapByRid.keys()) this.facets.remove(rid);
		this.ridByMap.clear();
		this.mapByRid.clear();
		this.load();
	}

	private sortKeys(title: string, updatedAt: number, publishedAt: number, components: number): SortKeys {
		return { title: title.toLowerCase(), updatedAt, publishedAt, components };
	}

	/** Index (or re-index) a published map from its redacted snapshot, in one transaction. */
	put(mapId: string, map: MapSnapshot, meta: EntryMeta): number {
		const rows = indexRows(map, this.vocabulary);
		const org = this.orgs.get(meta.orgId);
		const description = meta.description || map.description;
		const rid = this.db.transaction(() => {
			const { rid } = this.stmts.upsert.get({
				mapId,
				title: map.title,
				description,
				orgId: org?.id ?? null,
				componentCount: rows.components.length,
				typeCount: rows.typeCount,
				untypedCount: rows.untypedCount,
				updatedAt: meta.updatedAt,
				publishedAt: meta.publishedAt,
				seq: meta.seq,
				facets: JSON.stringify({ layer: [...rows.layers], type: [...rows.types], product: [...rows.products], supplier: [...rows.supplierFacets] })
			}) as { rid: number };
			this.stmts.deleteComponents.run(rid);
			this.stmts.deleteSuppliers.run(rid);
			this.stmts.deleteContracts.run(rid);
			this.stmts.deleteFts.run(rid);
			for (const k of rows.contracts) this.stmts.insertContract.run(rid, k.ord, k.k, k.id, k.reference, k.start, k.end, k.noticeMonths, k.due, k.route);
			for (const c of rows.components) {
				this.stmts.insertComponent.run(rid, c.ord, c.typeId, c.layer, c.node, c.name, c.product, c.productSlug, c.supplier, c.evolution, c.visibility, c.sourcing, c.lifecycle);
			}
			for (const s of rows.suppliers) {
				const c = rows.components[s.ord];
				this.stmts.insertSupplier.run(s.slug, rid, s.ord, s.name, c.typeId, c.productSlug, c.product, c.evolution);
			}
			this.stmts.insertFts.run(rid, map.title, description, org ? `${org.name} ${org.region}` : '', rows.text);
			return rid;
		})();
		this.onChange?.([rid]);
		this.ridByMap.set(mapId, rid);
		this.mapByRid.set(rid, mapId);
		this.facets.put(
			rid,
			{ ...orgFacets(org), layer: rows.layers, type: rows.types, product: rows.products, supplier: rows.supplierFacets },
			this.sortKeys(map.title, meta.updatedAt, meta.publishedAt, rows.components.length)
		);
		return rid;
	}

	/** Take a map out of the catalogue (no-op when it is not in it). */
	remove(mapId: string): void {
		const rid = this.ridByMap.get(mapId) ?? (this.db.prepare('SELECT rid FROM catalogue_entries WHERE map_id = ?').get(mapId) as { rid: number } | undefined)?.rid;
		if (rid === undefined) return;
		this.db.transaction(() => {
			this.stmts.deleteComponents.run(rid);
			this.stmts.deleteSuppliers.run(rid);
			this.stmts.deleteContracts.run(rid);
			this.stmts.deleteFts.run(rid);
			this.stmts.deleteEntry.run(rid);
		})();
		this.onChange?.([rid]);
		this.ridByMap.delete(mapId);
		this.mapByRid.delete(rid);
		this.facets.remove(rid);
	}

	/** After an organisation's profile changed: refile its maps under its new type, region and name. */
	refreshOrganisation(orgId: number): void {
		const org = this.orgs.get(orgId);
		const rows = this.db.prepare('SELECT rid FROM catalogue_entries WHERE org_id = ?').all(orgId) as { rid: number }[];
		if (rows.length === 0) return;
		this.db.transaction(() => {
			for (const { rid } of rows) this.stmts.updateFtsOrg.run(org ? `${org.name} ${org.region}` : '', rid);
		})();
		// Facets of those maps: reload is simplest and rare (profile edits).
		this.reload();
	}
}

// The catalogue index in SQL (entries, components, suppliers, contracts, full text) and its
// in-memory facets, written together: a published map's redacted snapshot in, searchable rows out.
import { forUpdate, type Param, type Sql } from '../db/sql.js';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { orgTypeLabel, type Vocabulary } from '../../src/lib/catalogue/index.js';
import { FacetIndex, type FacetValues, type SortKeys } from './facets.js';
import type { Organisation, Organisations } from './organisations.js';
import { deleteText, putText, updateOrganisationText } from './fulltext.js';
import { InTurn } from './in-turn.js';
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

/** Organisations by id, as the index files maps under them. */
export type OrganisationLookup = Pick<Organisations, 'get'>;

interface EntryRow {
	rid: number;
	map_id: string;
	title: string;
	org_id: number | null;
	component_count: number;
	updated_at: number;
	published_at: number;
	facets: string;
}

const ENTRY_COLUMNS = 'rid, map_id, title, org_id, component_count, updated_at, published_at, facets';

const UPSERT = `INSERT INTO catalogue_entries (map_id, title, description, org_id, component_count, type_count, untyped_count, updated_at, published_at, indexed_seq, facets)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (map_id) DO UPDATE SET title = excluded.title, description = excluded.description, org_id = excluded.org_id,
	  component_count = excluded.component_count, type_count = excluded.type_count, untyped_count = excluded.untyped_count,
	  updated_at = excluded.updated_at, published_at = excluded.published_at, indexed_seq = excluded.indexed_seq, facets = excluded.facets
	RETURNING rid`;
const INSERT_COMPONENT = 'INSERT INTO catalogue_components (rid, ord, type_id, layer, node, name, product, product_slug, supplier, evolution, visibility, sourcing, lifecycle)';
const INSERT_SUPPLIER = 'INSERT INTO catalogue_suppliers (slug, rid, ord, name, type_id, product_slug, product, evolution)';
const INSERT_CONTRACT = 'INSERT INTO catalogue_contracts (rid, ord, k, contract_id, reference, start_date, end_date, notice_months, due_date, route)';

/** Rows per INSERT on PostgreSQL (a few thousand parameters, well under its limit). */
const BATCH = 200;

/**
 * `insert` (`INSERT INTO t (columns)`) of each row. SQLite runs one cached statement per row (no
 * round trip); PostgreSQL takes them BATCH at a time, since each statement is a round trip.
 */
async function insertAll(t: Sql, insert: string, rows: readonly Param[][], tail = ''): Promise<void> {
	if (rows.length === 0) return;
	const one = `(${rows[0].map(() => '?').join(', ')})`;
	if (t.dialect === 'sqlite') {
		for (const row of rows) await t.run(`${insert} VALUES ${one}${tail}`, row);
		return;
	}
	for (let i = 0; i < rows.length; i += BATCH) {
		const chunk = rows.slice(i, i + BATCH);
		await t.run(`${insert} VALUES ${chunk.map(() => one).join(', ')}${tail}`, chunk.flat());
	}
}

function organisationText(org: Organisation | undefined): string {
	return org ? `${org.name} ${org.region}` : '';
}

/** A map's rows out of every derived table (inside the caller's transaction). */
async function deleteRows(t: Sql, rid: number): Promise<void> {
	for (const table of ['catalogue_components', 'catalogue_suppliers', 'catalogue_contracts']) await t.run(`DELETE FROM ${table} WHERE rid = ?`, [rid]);
	await deleteText(t, rid);
}

export interface CatalogueIndexOptions {
	/**
	 * Called after a write to the index tables commits, with the row ids it changed (null: any).
	 * A hook for what follows the index in memory without SQLite's triggers (the radar on PostgreSQL).
	 */
	readonly onRowsChanged?: (rids: readonly number[] | null) => void;
}

export class CatalogueIndex {
	readonly facets = new FacetIndex();
	private readonly ridByMap = new Map<string, number>();
	private readonly mapByRid = new Map<number, string>();
	/** A map's writes, one after another: on PostgreSQL two transactions would otherwise race for its rows. */
	readonly #writes = new InTurn();
	/** Writes this index has finished: a reload that read the tables before one of them reads again. */
	#written = 0;

	constructor(
		private readonly sql: Sql,
		private readonly orgs: OrganisationLookup,
		private readonly vocabulary: Vocabulary,
		private readonly options: CatalogueIndexOptions = {}
	) {}

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
	async load(): Promise<void> {
		const entries = await this.sql.all<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM catalogue_entries`);
		for (const e of entries) this.#file(e);
	}

	#file(e: EntryRow): void {
		const f = JSON.parse(e.facets) as Record<StoredFacet, [string, string][]>;
		this.ridByMap.set(e.map_id, e.rid);
		this.mapByRid.set(e.rid, e.map_id);
		this.facets.put(
			e.rid,
			{ ...orgFacets(this.orgs.get(e.org_id)), layer: new Map(f.layer), type: new Map(f.type), product: new Map(f.product), supplier: new Map(f.supplier) },
			this.sortKeys(e.title, e.updated_at, e.published_at, e.component_count)
		);
	}

	#forget(mapId: string, rid: number): void {
		this.ridByMap.delete(mapId);
		this.mapByRid.delete(rid);
		this.facets.remove(rid);
	}

	/**
	 * Read one map's entry again (another instance wrote it to the shared tables): into the facets
	 * when it is in the catalogue, out when not. Returns the row ids concerned (old and new).
	 */
	refresh(mapId: string): Promise<number[]> {
		return this.#writes.run(mapId, () => this.#refresh(mapId));
	}

	async #refresh(mapId: string): Promise<number[]> {
		const e = await this.sql.get<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM catalogue_entries WHERE map_id = ?`, [mapId]);
		const old = this.ridByMap.get(mapId);
		if (old !== undefined && old !== e?.rid) this.#forget(mapId, old);
		if (!e) return old === undefined ? [] : [old];
		this.#file(e);
		return old === undefined || old === e.rid ? [e.rid] : [old, e.rid];
	}

	/** Read every entry again (another instance changed organisations or publications). */
	async reload(): Promise<void> {
		let entries: EntryRow[];
		let before: number;
		do {
			before = this.#written;
			entries = await this.sql.all<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM catalogue_entries`);
		} while (before !== this.#written);
		for (const rid of this.mapByRid.keys()) this.facets.remove(rid);
		this.ridByMap.clear();
		this.mapByRid.clear();
		for (const e of entries) this.#file(e);
	}

	private sortKeys(title: string, updatedAt: number, publishedAt: number, components: number): SortKeys {
		return { title: title.toLowerCase(), updatedAt, publishedAt, components };
	}

	/** Index (or re-index) a published map from its redacted snapshot, in one transaction, after the map's earlier writes. */
	put(mapId: string, map: MapSnapshot, meta: EntryMeta): Promise<number> {
		return this.#writes.run(mapId, () => this.#put(mapId, map, meta));
	}

	async #put(mapId: string, map: MapSnapshot, meta: EntryMeta): Promise<number> {
		const rows = indexRows(map, this.vocabulary);
		const org = this.orgs.get(meta.orgId);
		const description = meta.description || map.description;
		const facets = JSON.stringify({ layer: [...rows.layers], type: [...rows.types], product: [...rows.products], supplier: [...rows.supplierFacets] });
		const rid = await this.sql.tx(async (t) => {
			const row = await t.get<{ rid: number }>(UPSERT, [
				mapId,
				map.title,
				description,
				org?.id ?? null,
				rows.components.length,
				rows.typeCount,
				rows.untypedCount,
				meta.updatedAt,
				meta.publishedAt,
				meta.seq,
				facets
			]);
			const rid = row!.rid;
			await deleteRows(t, rid);
			await insertAll(
				t,
				INSERT_CONTRACT,
				rows.contracts.map((k) => [rid, k.ord, k.k, k.id, k.reference, k.start, k.end, k.noticeMonths, k.due, k.route])
			);
			await insertAll(
				t,
				INSERT_COMPONENT,
				rows.components.map((c) => [rid, c.ord, c.typeId, c.layer, c.node, c.name, c.product, c.productSlug, c.supplier, c.evolution, c.visibility, c.sourcing, c.lifecycle])
			);
			const suppliers = rows.suppliers.map((s) => {
				const c = rows.components[s.ord];
				return [s.slug, rid, s.ord, s.name, c.typeId, c.productSlug, c.product, c.evolution];
			});
			await insertAll(t, INSERT_SUPPLIER, suppliers, ' ON CONFLICT (slug, rid, ord) DO NOTHING');
			await putText(t, rid, { title: map.title, description, organisation: organisationText(org), components: rows.text });
			return rid;
		});
		const old = this.ridByMap.get(mapId);
		if (old !== undefined && old !== rid) this.#forget(mapId, old);
		this.ridByMap.set(mapId, rid);
		this.mapByRid.set(rid, mapId);
		this.facets.put(
			rid,
			{ ...orgFacets(org), layer: rows.layers, type: rows.types, product: rows.products, supplier: rows.supplierFacets },
			this.sortKeys(map.title, meta.updatedAt, meta.publishedAt, rows.components.length)
		);
		this.#written++;
		this.options.onRowsChanged?.([rid]);
		return rid;
	}

	/** Take a map out of the catalogue (no-op when it is not in it), after the map's earlier writes. */
	remove(mapId: string): Promise<void> {
		return this.#writes.run(mapId, () => this.#remove(mapId));
	}

	async #remove(mapId: string): Promise<void> {
		// The entry is locked first: another instance's re-index of the map (which holds that lock
		// from its upsert) ends before its rows are deleted, so none of them is left behind.
		const rid = await this.sql.tx(async (t) => {
			const row = await t.get<{ rid: number }>(`SELECT rid FROM catalogue_entries WHERE map_id = ?${forUpdate(t)}`, [mapId]);
			if (!row) return undefined;
			await deleteRows(t, row.rid);
			await t.run('DELETE FROM catalogue_entries WHERE rid = ?', [row.rid]);
			return row.rid;
		});
		const known = this.ridByMap.get(mapId);
		if (known !== undefined) this.#forget(mapId, known);
		if (rid === undefined && known === undefined) return;
		this.#written++;
		this.options.onRowsChanged?.([...new Set([known, rid])].filter((r): r is number => r !== undefined));
	}

	/** After an organisation's profile changed: refile its maps under its new type, region and name. */
	async refreshOrganisation(orgId: number): Promise<void> {
		const org = this.orgs.get(orgId);
		const rows = await this.sql.all<{ rid: number }>('SELECT rid FROM catalogue_entries WHERE org_id = ?', [orgId]);
		if (rows.length === 0) return;
		await this.sql.tx(async (t) => {
			for (const { rid } of rows) await updateOrganisationText(t, rid, organisationText(org));
		});
		// Facets of those maps: reload is simplest and rare (profile edits).
		await this.reload();
		this.options.onRowsChanged?.(rows.map((r) => r.rid));
	}
}

// The published contracts and supplier uses the renewal radar and concentration read, kept in
// memory and patched per changed map. Whoever writes what the radar's join reads tells it which
// index rows changed, or that everything did (see LiveRadarTable.changed), so no answer is stale.
import type { Param, Sql } from '../db/sql.js';

/** One published contract with its component, map and the suppliers named on the component. */
export interface ContractRow {
	readonly rid: number;
	readonly mapId: string;
	readonly title: string;
	readonly orgId: number | null;
	readonly mapFictional: boolean;
	readonly ord: number;
	readonly k: number;
	readonly contractId: string;
	readonly typeId: string;
	readonly name: string;
	readonly product: string;
	readonly productSlug: string;
	readonly supplier: string;
	readonly supplierSlugs: readonly string[];
	/** The suppliers' names as written on this component, one per slug in supplierSlugs. */
	readonly supplierNames: readonly string[];
	readonly evolution: number;
	readonly reference: string;
	readonly start: string;
	readonly end: string;
	readonly noticeMonths: number | null;
	/** The date to act by as the index holds it ('' without an end). */
	readonly due: string;
	readonly route: string;
}

/** A published map's component naming a supplier, for concentration. */
export interface SupplierRow {
	readonly rid: number;
	readonly ord: number;
	readonly council: string;
	readonly supplier: string;
	readonly name: string;
}

/** What the radar reads, as of one index generation. */
export interface RadarTable {
	/** By date to act by, then type, map title, reference (the radar's order), then index position. */
	readonly byDue: readonly ContractRow[];
	/** The same, by end date first. */
	readonly byEnd: readonly ContractRow[];
	/** Per component type, per index row: the supplier uses. */
	readonly suppliersByType: Map<string, Map<number, SupplierRow[]>>;
	/** Answers derived from this table (radar answers, concentration, top holders), dropped with it. */
	readonly memo: Map<string, unknown>;
}

// More maps changed than this since the last query: read everything again.
const PATCH_LIMIT = 200;
// Maps read per query while loading everything; the event loop runs between pages.
const PAGE = 100;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const order = (date: (r: ContractRow) => string) => (a: ContractRow, b: ContractRow) =>
	byText(date(a), date(b)) || byText(a.typeId, b.typeId) || byText(a.title, b.title) || byText(a.reference, b.reference) || a.rid - b.rid || a.ord - b.ord || a.k - b.k;
const dueOrder = order((r) => r.due);
const endOrder = order((r) => r.end);

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Two lists sorted by `cmp` as one. */
function merge<T>(a: readonly T[], b: readonly T[], cmp: (x: T, y: T) => number): T[] {
	const out: T[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) out.push(cmp(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
	while (i < a.length) out.push(a[i++]);
	while (j < b.length) out.push(b[j++]);
	return out;
}

/** Sorted lists as one, merged pairwise with a turn of the event loop between merges. */
async function mergeAll<T>(lists: T[][], cmp: (x: T, y: T) => number): Promise<T[]> {
	while (lists.length > 1) {
		const next: T[][] = [];
		for (let i = 0; i < lists.length; i += 2) {
			next.push(i + 1 < lists.length ? merge(lists[i], lists[i + 1], cmp) : lists[i]);
			await turn();
		}
		lists = next;
	}
	return lists[0] ?? [];
}

type Use = SupplierRow & { typeId: string };

interface ContractSqlRow {
	rid: number;
	map_id: string;
	title: string;
	org_id: number | null;
	fictional: number | null;
	ord: number;
	k: number;
	contract_id: string;
	type_id: string;
	name: string;
	product: string;
	product_slug: string;
	supplier: string;
	evolution: number;
	reference: string;
	start_date: string;
	end_date: string;
	notice_months: number | null;
	due_date: string;
	route: string;
}

/** The published contracts and supplier uses of the maps `where` picks (a condition on the index row column it is given). */
async function read(sql: Sql, where: (rid: string) => string, params: readonly Param[]): Promise<{ contracts: ContractRow[]; uses: Use[] }> {
	const uses = await sql.all<Use>(
		`SELECT s.rid, s.ord, s.type_id AS "typeId", coalesce('org:' || e.org_id, 'map:' || e.map_id) AS council, s.slug AS supplier, s.name AS name
		 FROM catalogue_suppliers s
		 JOIN catalogue_entries e ON e.rid = s.rid
		 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
		 WHERE ${where('s.rid')}`,
		params
	);
	const suppliers = new Map<string, { slugs: string[]; names: string[] }>();
	for (const u of uses) {
		const key = `${u.rid}:${u.ord}`;
		const entry = suppliers.get(key);
		if (entry) {
			entry.slugs.push(u.supplier);
			entry.names.push(u.name);
		} else suppliers.set(key, { slugs: [u.supplier], names: [u.name] });
	}
	const rows = await sql.all<ContractSqlRow>(
		`SELECT k.rid, e.map_id, e.title, e.org_id, mm.fictional, c.ord, k.k, k.contract_id, c.type_id, c.name, c.product, c.product_slug, c.supplier, c.evolution,
		        k.reference, k.start_date, k.end_date, k.notice_months, k.due_date, k.route
		 FROM catalogue_contracts k
		 JOIN catalogue_components c ON c.rid = k.rid AND c.ord = k.ord
		 JOIN catalogue_entries e ON e.rid = k.rid
		 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
		 LEFT JOIN map_meta mm ON mm.map_id = e.map_id
		 WHERE ${where('k.rid')}`,
		params
	);
	const contracts = rows.map((r): ContractRow => {
		const named = suppliers.get(`${r.rid}:${r.ord}`);
		return {
			rid: r.rid,
			mapId: r.map_id,
			title: r.title,
			orgId: r.org_id,
			mapFictional: r.fictional === 1,
			ord: r.ord,
			k: r.k,
			contractId: r.contract_id,
			typeId: r.type_id,
			name: r.name,
			product: r.product,
			productSlug: r.product_slug,
			supplier: r.supplier,
			supplierSlugs: named?.slugs ?? [],
			supplierNames: named?.names ?? [],
			evolution: r.evolution,
			reference: r.reference,
			start: r.start_date,
			end: r.end_date,
			noticeMonths: r.notice_months,
			due: r.due_date,
			route: r.route
		};
	});
	return { contracts, uses };
}

function addUses(byType: Map<string, Map<number, SupplierRow[]>>, uses: readonly Use[]): void {
	for (const { typeId, ...u } of uses) {
		let maps = byType.get(typeId);
		if (!maps) byType.set(typeId, (maps = new Map()));
		const list = maps.get(u.rid);
		if (list) list.push(u);
		else maps.set(u.rid, [u]);
	}
}

/** Every map's rows, read a page of maps at a time and sorted page by page, then merged. */
async function load(sql: Sql): Promise<RadarTable> {
	const rids = (await sql.all<{ rid: number }>('SELECT rid FROM catalogue_entries ORDER BY rid')).map((r) => r.rid);
	const due: ContractRow[][] = [];
	const end: ContractRow[][] = [];
	const suppliersByType = new Map<string, Map<number, SupplierRow[]>>();
	for (let i = 0; i < rids.length; i += PAGE) {
		const page = rids.slice(i, i + PAGE);
		const { contracts, uses } = await read(sql, (rid) => `${rid} >= ? AND ${rid} <= ?`, [page[0], page[page.length - 1]]);
		due.push([...contracts].sort(dueOrder));
		end.push(contracts.sort(endOrder));
		addUses(suppliersByType, uses);
		await turn();
	}
	return { byDue: await mergeAll(due, dueOrder), byEnd: await mergeAll(end, endOrder), suppliersByType, memo: new Map() };
}

/** `table` with the rows of the maps `rids` read again. */
async function patch(sql: Sql, table: RadarTable, rids: ReadonlySet<number>): Promise<RadarTable> {
	// Padded to a power of two with the last rid: a few statement texts to prepare, not one per count.
	const list = [...rids];
	const size = 2 ** Math.ceil(Math.log2(list.length));
	while (list.length < size) list.push(list[list.length - 1]);
	const { contracts, uses } = await read(sql, (rid) => `${rid} IN (${list.map(() => '?').join(', ')})`, list);
	const keep = (r: ContractRow) => !rids.has(r.rid);
	const byDue = merge(table.byDue.filter(keep), [...contracts].sort(dueOrder), dueOrder);
	const byEnd = merge(table.byEnd.filter(keep), contracts.sort(endOrder), endOrder);
	// Changed in place after the last await: no reader of the old table sees it half done.
	const suppliersByType = table.suppliersByType;
	for (const maps of suppliersByType.values()) for (const rid of rids) maps.delete(rid);
	addUses(suppliersByType, uses);
	return { byDue, byEnd, suppliersByType, memo: new Map() };
}

/**
 * The radar's table for one database, read on first use and brought up to date on the first use
 * after a change. Every write to what it reads must be told (changed) once committed: the index's
 * rows of a map, a map's visibility or publication settings, organisations; another instance's
 * writes arrive through Catalogue.changedElsewhere.
 */
export class LiveRadarTable {
	readonly #sql: Sql;
	#table: RadarTable | null = null;
	/** Changes told so far, and how many of them #table includes. */
	#told = 0;
	#at = -1;
	#dirty = new Set<number>();
	#reload = true;
	#refreshing: Promise<void> | null = null;

	constructor(sql: Sql) {
		this.#sql = sql;
	}

	/**
	 * What the radar reads changed: the index rows (rids) listed, or everything (null). An empty
	 * list changes no row but drops the remembered answers (organisations are read per answer).
	 */
	changed(rids: readonly number[] | null): void {
		this.#told++;
		if (rids === null) this.#reload = true;
		else for (const rid of rids) this.#dirty.add(rid);
	}

	/** The table including every change told before this call. */
	async current(): Promise<RadarTable> {
		const want = this.#told;
		while (!this.#table || this.#at < want) {
			this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = null));
			await this.#refreshing;
		}
		return this.#table;
	}

	async #refresh(): Promise<void> {
		const told = this.#told;
		const rids = this.#dirty;
		const reload = this.#reload || !this.#table || rids.size > PATCH_LIMIT;
		// Changes told while this reads go to the next refresh.
		this.#dirty = new Set();
		this.#reload = false;
		try {
			if (reload) this.#table = await load(this.#sql);
			else if (rids.size > 0) this.#table = await patch(this.#sql, this.#table!, rids);
			else this.#table = { ...this.#table!, memo: new Map() };
		} catch (err) {
			for (const rid of rids) this.#dirty.add(rid);
			this.#reload ||= reload;
			throw err;
		}
		this.#at = told;
	}
}

/** A type's supplier uses in the order the index lists them (supplier, map, component). */
export function supplierUses(table: RadarTable, typeId: string): SupplierRow[] {
	const out = [...(table.suppliersByType.get(typeId)?.values() ?? [])].flat();
	return out.sort((a, b) => byText(a.supplier, b.supplier) || a.rid - b.rid || a.ord - b.ord);
}

// Keys come from URLs (windows, types): bound the answers kept, forgetting all when full.
const MEMO_LIMIT = 500;

/** `compute()` once per table generation and key; the answer is shared, so callers must not change it. */
export function memoised<T>(table: RadarTable, key: string, compute: () => T): T {
	if (table.memo.has(key)) return table.memo.get(key) as T;
	const value = compute();
	if (table.memo.size >= MEMO_LIMIT) table.memo.clear();
	table.memo.set(key, value);
	return value;
}

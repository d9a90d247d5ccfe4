// The published contracts and supplier uses the renewal radar and concentration read, kept in
// memory and patched per changed map. Temporary triggers on the tables the radar's join reads
// record which index rows changed (or that everything must be reloaded), so no answer is stale.
import type Database from 'better-sqlite3';

/** One published contract with its component, map and the supplier slugs named on the component. */
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

// Writes to these concern one index row (rid): only that map's rows are read again.
const PER_MAP = ['catalogue_contracts', 'catalogue_components', 'catalogue_suppliers', 'catalogue_entries'];
// More maps changed than this since the last query: read everything again.
const PATCH_LIMIT = 200;

interface Tracker {
	readonly state: Database.Statement;
	readonly dirty: Database.Statement;
	readonly reset: Database.Statement;
	/** Mark one index row to be read again (changedElsewhere). */
	readonly mark: Database.Statement;
	schema: number;
	table?: RadarTable;
	at: number;
}

const trackers = new WeakMap<Database.Database, Tracker>();

function installTriggers(db: Database.Database): void {
	db.exec(`CREATE TEMP TABLE IF NOT EXISTS radar_state (n INTEGER NOT NULL, reload INTEGER NOT NULL);
		CREATE TEMP TABLE IF NOT EXISTS radar_dirty (rid INTEGER PRIMARY KEY);
		INSERT INTO radar_state SELECT 0, 1 WHERE NOT EXISTS (SELECT 1 FROM radar_state);
		UPDATE radar_state SET n = n + 1, reload = 1`);
	const on = (name: string, event: string, table: string, body: string) =>
		db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS radar_${name} AFTER ${event} ON main.${table} BEGIN UPDATE radar_state SET n = n + 1${body}; END`);
	// Not OR IGNORE: the outer statement's conflict policy would override it.
	const mark = (row: string) => `; INSERT INTO radar_dirty SELECT ${row}.rid WHERE NOT EXISTS (SELECT 1 FROM radar_dirty WHERE rid = ${row}.rid)`;
	for (const t of PER_MAP) {
		on(`${t}_insert`, 'INSERT', t, mark('NEW'));
		on(`${t}_delete`, 'DELETE', t, mark('OLD'));
		on(`${t}_update`, 'UPDATE', t, mark('NEW') + mark('OLD'));
	}
	// A map's visibility and fictional flag are read for every row: reload all (publishing is rare).
	for (const event of ['INSERT', 'UPDATE', 'DELETE']) on(`map_meta_${event.toLowerCase()}`, event, 'map_meta', ', reload = 1');
	// A map's row changes on every edit (updated_at); only its visibility matters here.
	on('maps_visibility', 'UPDATE OF visibility', 'maps', ', reload = 1');
	on('maps_delete', 'DELETE', 'maps', ', reload = 1');
	// Organisations are looked up per answer: only the remembered answers go.
	for (const event of ['INSERT', 'UPDATE', 'DELETE']) on(`organisations_${event.toLowerCase()}`, event, 'organisations', '');
}

function tracker(db: Database.Database): Tracker {
	const schema = db.pragma('main.schema_version', { simple: true }) as number;
	let t = trackers.get(db);
	// A dropped and re-created table loses its triggers: install them again.
	if (!t || t.schema !== schema) {
		installTriggers(db);
		t = {
			state: db.prepare('SELECT n, reload FROM temp.radar_state'),
			dirty: db.prepare('SELECT rid FROM temp.radar_dirty').pluck(),
			reset: db.prepare('UPDATE temp.radar_state SET reload = 0'),
			mark: db.prepare('INSERT INTO temp.radar_dirty SELECT ? WHERE NOT EXISTS (SELECT 1 FROM temp.radar_dirty WHERE rid = ?)'),
			schema,
			at: -1
		};
		trackers.set(db, t);
	}
	return t;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const order = (date: (r: ContractRow) => string) => (a: ContractRow, b: ContractRow) =>
	byText(date(a), date(b)) || byText(a.typeId, b.typeId) || byText(a.title, b.title) || byText(a.reference, b.reference) || a.rid - b.rid || a.ord - b.ord || a.k - b.k;
const dueOrder = order((r) => r.due);
const endOrder = order((r) => r.end);

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

/** The published contracts and supplier uses of every map, or of the maps in radar_dirty. */
function read(db: Database.Database, dirtyOnly: boolean): { contracts: ContractRow[]; uses: (SupplierRow & { typeId: string })[] } {
	const only = (column: string) => (dirtyOnly ? `WHERE ${column} IN (SELECT rid FROM temp.radar_dirty)` : '');
	const uses = db
		.prepare(
			`SELECT s.rid, s.ord, s.type_id AS typeId, coalesce('org:' || e.org_id, 'map:' || e.map_id) AS council, s.slug AS supplier, s.name AS name
			 FROM catalogue_suppliers s
			 JOIN catalogue_entries e ON e.rid = s.rid
			 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
			 ${only('s.rid')}`
		)
		.all() as (SupplierRow & { typeId: string })[];
	const slugs = new Map<string, string[]>();
	for (const u of uses) {
		const key = `${u.rid}:${u.ord}`;
		const list = slugs.get(key);
		if (list) list.push(u.supplier);
		else slugs.set(key, [u.supplier]);
	}
	const rows = db
		.prepare(
			`SELECT k.rid, e.map_id, e.title, e.org_id, mm.fictional, c.ord, k.k, k.contract_id, c.type_id, c.name, c.product, c.product_slug, c.supplier, c.evolution,
			        k.reference, k.start_date, k.end_date, k.notice_months, k.due_date, k.route
			 FROM catalogue_contracts k
			 JOIN catalogue_components c ON c.rid = k.rid AND c.ord = k.ord
			 JOIN catalogue_entries e ON e.rid = k.rid
			 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
			 LEFT JOIN map_meta mm ON mm.map_id = e.map_id
			 ${only('k.rid')}`
		)
		.all() as {
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
	}[];
	const contracts = rows.map((r) => ({
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
		supplierSlugs: slugs.get(`${r.rid}:${r.ord}`) ?? [],
		evolution: r.evolution,
		reference: r.reference,
		start: r.start_date,
		end: r.end_date,
		noticeMonths: r.notice_months,
		due: r.due_date,
		route: r.route
	}));
	return { contracts, uses };
}

function addUses(byType: Map<string, Map<number, SupplierRow[]>>, uses: readonly (SupplierRow & { typeId: string })[]): void {
	for (const { typeId, ...u } of uses) {
		let maps = byType.get(typeId);
		if (!maps) byType.set(typeId, (maps = new Map()));
		const list = maps.get(u.rid);
		if (list) list.push(u);
		else maps.set(u.rid, [u]);
	}
}

function load(db: Database.Database): RadarTable {
	const { contracts, uses } = read(db, false);
	const suppliersByType = new Map<string, Map<number, SupplierRow[]>>();
	addUses(suppliersByType, uses);
	return { byDue: [...contracts].sort(dueOrder), byEnd: contracts.sort(endOrder), suppliersByType, memo: new Map() };
}

/** `table` with the rows of the maps in radar_dirty read again. */
function patch(db: Database.Database, table: RadarTable, rids: ReadonlySet<number>): RadarTable {
	const { contracts, uses } = read(db, true);
	const keep = (r: ContractRow) => !rids.has(r.rid);
	const byDue = merge(table.byDue.filter(keep), [...contracts].sort(dueOrder), dueOrder);
	const byEnd = merge(table.byEnd.filter(keep), contracts.sort(endOrder), endOrder);
	// The old table is dropped, so its supplier map can be changed in place.
	const suppliersByType = table.suppliersByType;
	for (const maps of suppliersByType.values()) for (const rid of rids) maps.delete(rid);
	addUses(suppliersByType, uses);
	return { byDue, byEnd, suppliersByType, memo: new Map() };
}

/**
 * Another process wrote these index rows (rids), or anything at all (null): its writes fire none of
 * this connection's triggers, so the next query reads them again as if they had.
 */
export function changedElsewhere(db: Database.Database, rids: readonly number[] | null): void {
	const t = tracker(db);
	if (rids === null) {
		db.exec('UPDATE temp.radar_state SET n = n + 1, reload = 1');
		return;
	}
	db.transaction(() => {
		for (const rid of rids) t.mark.run(rid, rid);
		db.exec('UPDATE temp.radar_state SET n = n + 1');
	})();
}

/** The radar's table for `db` as it is now: brought up to date when anything it reads changed since the last call. */
export function radarTable(db: Database.Database): RadarTable {
	const t = tracker(db);
	const { n, reload } = t.state.get() as { n: number; reload: number };
	if (t.table && t.at === n) return t.table;
	const rids = new Set(t.dirty.all() as number[]);
	if (!t.table || reload || rids.size > PATCH_LIMIT) t.table = load(db);
	else if (rids.size > 0) t.table = patch(db, t.table, rids);
	else t.table = { ...t.table, memo: new Map() };
	db.exec('DELETE FROM temp.radar_dirty');
	t.reset.run();
	t.at = n;
	return t.table;
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

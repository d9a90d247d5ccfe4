// The published contracts and supplier uses the renewal radar and concentration read, loaded from
// the index once per change to it and kept in memory. A connection-local counter, bumped by
// temporary triggers on every table the radar's join reads, says when the copy is stale.
import type Database from 'better-sqlite3';

/** One published contract with its component, map and the supplier slugs named on the component. */
export interface ContractRow {
	readonly rid: number;
	readonly mapId: string;
	readonly title: string;
	readonly orgId: number | null;
	readonly mapFictional: boolean;
	readonly ord: number;
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
	readonly typeId: string;
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
	/** Per component type, its distinct (council, supplier, name) uses. */
	readonly suppliersByType: ReadonlyMap<string, readonly SupplierRow[]>;
	/** Results derived from this table (radar answers, top contract holders), dropped with it. */
	readonly memo: Map<string, unknown>;
}

// Any write to these may change what the radar shows: contracts, their components and suppliers,
// the entries (organisation, title), a map's visibility or its fictional flag, an organisation.
const WATCHED = ['catalogue_contracts', 'catalogue_components', 'catalogue_suppliers', 'catalogue_entries', 'map_meta', 'organisations'];

interface Tracker {
	readonly generation: Database.Statement;
	schema: number;
	table?: RadarTable;
	at: number;
}

const trackers = new WeakMap<Database.Database, Tracker>();

function installTriggers(db: Database.Database): void {
	db.exec('CREATE TEMP TABLE IF NOT EXISTS radar_generation (n INTEGER NOT NULL); INSERT INTO radar_generation SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM radar_generation)');
	const bump = 'BEGIN UPDATE radar_generation SET n = n + 1; END';
	const on = (name: string, event: string, table: string) => db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS radar_${name} AFTER ${event} ON main.${table} ${bump}`);
	for (const t of WATCHED) for (const event of ['INSERT', 'UPDATE', 'DELETE']) on(`${t}_${event.toLowerCase()}`, event, t);
	// A map's row changes on every edit (updated_at); only its visibility matters here.
	on('maps_insert', 'INSERT', 'maps');
	on('maps_visibility', 'UPDATE OF visibility', 'maps');
	on('maps_delete', 'DELETE', 'maps');
	db.exec('UPDATE radar_generation SET n = n + 1');
}

function tracker(db: Database.Database): Tracker {
	const schema = db.pragma('main.schema_version', { simple: true }) as number;
	let t = trackers.get(db);
	// A dropped and re-created table loses its triggers: install them again.
	if (!t || t.schema !== schema) {
		installTriggers(db);
		t = { generation: db.prepare('SELECT n FROM temp.radar_generation'), schema, at: -1 };
		trackers.set(db, t);
	}
	return t;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function load(db: Database.Database): RadarTable {
	const rows = db
		.prepare(
			`SELECT k.rid, e.map_id, e.title, e.org_id, mm.fictional, c.ord, k.contract_id, c.type_id, c.name, c.product, c.product_slug, c.supplier, c.evolution,
			        k.reference, k.start_date, k.end_date, k.notice_months, k.due_date, k.route,
			        (SELECT json_group_array(s.slug) FROM catalogue_suppliers s WHERE s.rid = c.rid AND s.ord = c.ord) AS slugs
			 FROM catalogue_contracts k
			 JOIN catalogue_components c ON c.rid = k.rid AND c.ord = k.ord
			 JOIN catalogue_entries e ON e.rid = k.rid
			 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
			 LEFT JOIN map_meta mm ON mm.map_id = e.map_id
			 ORDER BY k.rid, k.ord, k.k`
		)
		.all() as {
		rid: number;
		map_id: string;
		title: string;
		org_id: number | null;
		fictional: number | null;
		ord: number;
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
		slugs: string;
	}[];
	const contracts: ContractRow[] = rows.map((r) => ({
		rid: r.rid,
		mapId: r.map_id,
		title: r.title,
		orgId: r.org_id,
		mapFictional: r.fictional === 1,
		ord: r.ord,
		contractId: r.contract_id,
		typeId: r.type_id,
		name: r.name,
		product: r.product,
		productSlug: r.product_slug,
		supplier: r.supplier,
		supplierSlugs: JSON.parse(r.slugs) as string[],
		evolution: r.evolution,
		reference: r.reference,
		start: r.start_date,
		end: r.end_date,
		noticeMonths: r.notice_months,
		due: r.due_date,
		route: r.route
	}));
	const uses = db
		.prepare(
			`SELECT DISTINCT s.type_id AS typeId, coalesce('org:' || e.org_id, 'map:' || e.map_id) AS council, s.slug AS supplier, s.name AS name
			 FROM catalogue_suppliers s
			 JOIN catalogue_entries e ON e.rid = s.rid
			 JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'
			 ORDER BY s.type_id, s.slug, s.rid`
		)
		.all() as SupplierRow[];
	const suppliersByType = new Map<string, SupplierRow[]>();
	for (const u of uses) {
		const list = suppliersByType.get(u.typeId);
		if (list) list.push(u);
		else suppliersByType.set(u.typeId, [u]);
	}
	// Sorted once here so the radar's own sort of each answer meets rows already in order.
	const order = (date: (r: ContractRow) => string) => (a: ContractRow, b: ContractRow) =>
		byText(date(a), date(b)) || byText(a.typeId, b.typeId) || byText(a.title, b.title) || byText(a.reference, b.reference);
	const byDue = [...contracts].sort(order((r) => r.due));
	const byEnd = contracts.sort(order((r) => r.end));
	return { byDue, byEnd, suppliersByType, memo: new Map() };
}

/** The radar's table for `db` as it is now: reloaded when anything it reads changed since the last call. */
export function radarTable(db: Database.Database): RadarTable {
	const t = tracker(db);
	const at = (t.generation.get() as { n: number }).n;
	if (!t.table || t.at !== at) {
		t.table = load(db);
		t.at = at;
	}
	return t.table;
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

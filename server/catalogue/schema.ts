// The catalogue's own tables on SQLite, next to `maps` (PostgreSQL's are its migrations 2, 5, 6):
// organisations, publication settings per map, and the search index (entries, components, FTS5).
import type { Sql } from '../db/sql.js';

/**
 * `organisations` and `map_meta` are the source of truth for profiles and publication settings.
 * `catalogue_*` tables are derived from published maps' documents (redacted as published) and can
 * be rebuilt at any time; they never hold a private or unlisted map.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS organisations (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	region TEXT NOT NULL DEFAULT '',
	parent_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
	pending_parent_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
	website TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	fictional INTEGER NOT NULL DEFAULT 0,
	admin_hash BLOB NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS map_meta (
	map_id TEXT PRIMARY KEY,
	org_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
	description TEXT NOT NULL DEFAULT '',
	licence TEXT NOT NULL DEFAULT 'OGL-UK-3.0',
	published_at INTEGER,
	redact_products INTEGER NOT NULL DEFAULT 0,
	redact_suppliers INTEGER NOT NULL DEFAULT 0,
	redact_notes INTEGER NOT NULL DEFAULT 0,
	-- Each contract field group's level (ContractLevel: 'private', 'shared' or 'published'); private until chosen.
	contract_dates TEXT NOT NULL DEFAULT 'private',
	contract_costs TEXT NOT NULL DEFAULT 'private',
	contract_references TEXT NOT NULL DEFAULT 'private',
	fictional INTEGER NOT NULL DEFAULT 0,
	forked_from TEXT
);
CREATE INDEX IF NOT EXISTS map_meta_by_org ON map_meta (org_id);
-- The organisations a map is shared with (the middle publication level): their people see it.
CREATE TABLE IF NOT EXISTS map_shares (
	map_id TEXT NOT NULL,
	org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
	PRIMARY KEY (map_id, org_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS map_shares_by_org ON map_shares (org_id, map_id);
CREATE TABLE IF NOT EXISTS organisation_tokens (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	scope TEXT NOT NULL,
	token_hash BLOB NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	last_used_at INTEGER
);
CREATE INDEX IF NOT EXISTS organisation_tokens_by_org ON organisation_tokens (org_id);
CREATE TABLE IF NOT EXISTS organisation_audit (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
	at INTEGER NOT NULL,
	who TEXT NOT NULL,
	action TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS organisation_audit_by_org ON organisation_audit (org_id, id);
`;

/** The derived index tables: dropped and rebuilt (from the maps' documents) when their layout changes. */
const DERIVED = `
CREATE TABLE IF NOT EXISTS catalogue_entries (
	rid INTEGER PRIMARY KEY,
	map_id TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	org_id INTEGER,
	component_count INTEGER NOT NULL,
	type_count INTEGER NOT NULL,
	untyped_count INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	published_at INTEGER NOT NULL,
	indexed_seq INTEGER NOT NULL DEFAULT 0,
	-- The map's facet values as JSON ({layer, type, product, supplier}: [value, label] pairs),
	-- so the in-memory facets load from 10,000 short rows instead of 500,000 component rows.
	facets TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS catalogue_components (
	rid INTEGER NOT NULL,
	ord INTEGER NOT NULL,
	type_id TEXT NOT NULL,
	layer TEXT NOT NULL,
	node TEXT NOT NULL,
	name TEXT NOT NULL,
	product TEXT NOT NULL,
	product_slug TEXT NOT NULL,
	supplier TEXT NOT NULL,
	evolution REAL NOT NULL,
	visibility REAL NOT NULL,
	sourcing TEXT NOT NULL,
	lifecycle TEXT NOT NULL,
	PRIMARY KEY (rid, ord)
) WITHOUT ROWID;
-- Covering indexes: a type's or a product's aggregate reads only the index.
CREATE INDEX IF NOT EXISTS catalogue_components_by_type ON catalogue_components (type_id, rid, evolution, product_slug);
CREATE INDEX IF NOT EXISTS catalogue_components_by_product ON catalogue_components (product_slug, rid, type_id, evolution, supplier) WHERE product_slug <> '';
CREATE TABLE IF NOT EXISTS catalogue_suppliers (
	slug TEXT NOT NULL,
	rid INTEGER NOT NULL,
	ord INTEGER NOT NULL,
	name TEXT NOT NULL,
	type_id TEXT NOT NULL,
	product_slug TEXT NOT NULL,
	product TEXT NOT NULL,
	evolution REAL NOT NULL,
	PRIMARY KEY (slug, rid, ord)
) WITHOUT ROWID;
-- By map and component: also finds a contract's suppliers (rid, ord) for the radar.
CREATE INDEX IF NOT EXISTS catalogue_suppliers_by_map ON catalogue_suppliers (rid, ord);
CREATE INDEX IF NOT EXISTS catalogue_suppliers_by_type ON catalogue_suppliers (type_id, slug, rid);
-- Contracts of published components (only maps withholding nothing publish them), for the radar.
CREATE TABLE IF NOT EXISTS catalogue_contracts (
	rid INTEGER NOT NULL,
	ord INTEGER NOT NULL,
	k INTEGER NOT NULL,
	contract_id TEXT NOT NULL,
	reference TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL,
	notice_months INTEGER,
	-- The date to act by: the notice date, else the end date ('' without an end).
	due_date TEXT NOT NULL,
	route TEXT NOT NULL,
	PRIMARY KEY (rid, ord, k)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS catalogue_contracts_by_end ON catalogue_contracts (end_date);
CREATE INDEX IF NOT EXISTS catalogue_contracts_by_due ON catalogue_contracts (due_date);
CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_fts USING fts5(
	title, description, organisation, components,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
`;

/** A `catalogue_components` row read back with its map's title (COMPONENT_COLUMNS). */
export interface IndexedComponentRow {
	rid: number;
	ord: number;
	type_id: string;
	name: string;
	product: string;
	supplier: string;
	evolution: number;
	visibility: number;
	sourcing: string;
	lifecycle: string;
	title: string;
}

/** The columns of an IndexedComponentRow, from PUBLISHED_COMPONENTS. */
export const COMPONENT_COLUMNS = 'c.rid, c.ord, c.type_id, c.name, c.product, c.supplier, c.evolution, c.visibility, c.sourcing, c.lifecycle, e.title';

/** Indexed components (`c`) of maps (`m`, entry `e`) still published: `maps.visibility` is checked again, so a stale index row never surfaces. */
export const PUBLISHED_COMPONENTS = `FROM catalogue_components c
	JOIN catalogue_entries e ON e.rid = c.rid
	JOIN maps m ON m.id = e.map_id AND m.visibility = 'published'`;

/** Columns added to the source tables since they were first made: added to older databases as they open. */
const ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
	{ table: 'organisations', column: 'pending_parent_id', definition: 'INTEGER REFERENCES organisations(id) ON DELETE SET NULL' },
	// Maps published before contract groups existed take the default: every group private.
	{ table: 'map_meta', column: 'contract_dates', definition: "TEXT NOT NULL DEFAULT 'private'" },
	{ table: 'map_meta', column: 'contract_costs', definition: "TEXT NOT NULL DEFAULT 'private'" },
	{ table: 'map_meta', column: 'contract_references', definition: "TEXT NOT NULL DEFAULT 'private'" }
];

/** The source tables on SQLite, created or brought up to date (a SqliteSchemaStep; PostgreSQL's are migration 2). */
export async function createCatalogueSources(sql: Sql): Promise<void> {
	await sql.exec(SCHEMA);
	for (const { table, column, definition } of ADDED_COLUMNS) {
		const columns = await sql.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [table]);
		if (!columns.some((c) => c.name === column)) await sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
	}
}

/**
 * Bump when the derived tables change, or what goes into them; the index is then rebuilt by
 * Catalogue.reconcile(). 3: maps with details withheld are indexed from the allow-listed public
 * snapshot, so rows written before hold names it now scrubs. 4: published contracts are indexed
 * (catalogue_contracts) for the renewal radar. 5: contracts are indexed by published field group,
 * and not at all when their dates are private.
 */
export const INDEX_VERSION = 5;

/** The derived tables, children first. */
const DERIVED_TABLES = ['catalogue_contracts', 'catalogue_suppliers', 'catalogue_components', 'catalogue_entries'];

/**
 * Create the catalogue tables if they are missing (idempotent; PostgreSQL's come from its
 * migrations). An index of another INDEX_VERSION is emptied: on SQLite its tables are dropped and
 * recreated (their layout may have changed), on PostgreSQL its rows are deleted in one transaction.
 * Returns true when that happened (the caller re-indexes).
 */
export async function createCatalogueTables(sql: Sql): Promise<boolean> {
	// The source tables come first, from createCatalogueSources (a schema step).
	if (sql.dialect === 'sqlite') await sql.exec('CREATE TABLE IF NOT EXISTS catalogue_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
	const row = await sql.get<{ value: string }>(`SELECT value FROM catalogue_meta WHERE key = 'index_version'`);
	const current = row ? Number(row.value) : null;
	const hadIndex =
		sql.dialect === 'sqlite'
			? Boolean(await sql.get(`SELECT 1 FROM sqlite_master WHERE name = 'catalogue_entries'`))
			: Boolean(await sql.get('SELECT 1 FROM catalogue_entries LIMIT 1'));
	const rebuild = current !== INDEX_VERSION && (hadIndex || current !== null);
	await sql.tx(async (t) => {
		if (t.dialect === 'sqlite') {
			if (rebuild) for (const table of ['catalogue_fts', ...DERIVED_TABLES]) await t.exec(`DROP TABLE IF EXISTS ${table}`);
			await t.exec(DERIVED);
		} else if (rebuild) {
			for (const table of ['catalogue_text', ...DERIVED_TABLES]) await t.run(`DELETE FROM ${table}`);
		}
		await t.run(`INSERT INTO catalogue_meta (key, value) VALUES ('index_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [String(INDEX_VERSION)]);
	});
	return rebuild;
}

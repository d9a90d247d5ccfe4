// The one door to the metadata tables (records, catalogue, organisations, accounts, workshops):
// SQLite by default, PostgreSQL with DATABASE_URL. Modules write their SQL once, with `?`
// placeholders, and branch on `dialect` only where the two databases differ (full-text search).
// It runs on the map store's connection (SQLite handle or PostgreSQL pool), which the store closes.
export type Dialect = 'sqlite' | 'postgres';

/** What a query may take: booleans are stored as 0/1 (both databases' flag columns are integers). */
export type Param = string | number | bigint | boolean | null | Uint8Array;

export interface Sql {
	readonly dialect: Dialect;
	/** Every row the query returns. */
	all<T>(text: string, params?: readonly Param[]): Promise<T[]>;
	/** The first row, or undefined. */
	get<T>(text: string, params?: readonly Param[]): Promise<T | undefined>;
	/** A statement for its effect: how many rows it changed. */
	run(text: string, params?: readonly Param[]): Promise<{ changes: number }>;
	/** Several statements without parameters (schemas). */
	exec(text: string): Promise<void>;
	/**
	 * `fn`'s queries in one transaction, committed when it resolves and rolled back when it throws.
	 * Queries outside it wait (SQLite) or do not see it (PostgreSQL) until then; a transaction
	 * begun inside one joins it. Keep `fn` to database work: it holds the connection.
	 */
	tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
	/** Whether the database answers a query now (/readyz). */
	ready(): Promise<boolean>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`; a `?` inside a quoted string or identifier is left alone. */
export function numberedPlaceholders(text: string): string {
	let out = '';
	let n = 0;
	let quote: string | null = null;
	for (const ch of text) {
		if (quote) {
			if (ch === quote) quote = null;
			out += ch;
		} else if (ch === "'" || ch === '"') {
			quote = ch;
			out += ch;
		} else if (ch === '?') out += `$${++n}`;
		else out += ch;
	}
	return out;
}

/** A parameter as both drivers take it: flags as 0/1. */
export function bindable(p: Param): Exclude<Param, boolean> {
	return typeof p === 'boolean' ? (p ? 1 : 0) : p;
}

/**
 * ` FOR UPDATE` on PostgreSQL, where a read-then-write inside a transaction must lock the row it
 * read (another instance may write it meanwhile); nothing on SQLite, whose transactions already
 * take the write lock when they begin.
 */
export function forUpdate(sql: Sql): string {
	return sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
}

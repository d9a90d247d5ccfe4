// Sql on better-sqlite3. Its calls are synchronous, so a query never interleaves with another;
// only a transaction, whose function awaits between queries, has to keep other callers out until
// it ends. Statements are prepared once per text (hot paths run the same few thousands of times).
import type Database from 'better-sqlite3';
import { bindable, type Param, type Sql } from './sql.js';

/** Prepared statements kept per database; more distinct texts than this means they are built on the fly. */
const STATEMENTS = 500;

export class SqliteSql implements Sql {
	readonly dialect = 'sqlite' as const;
	readonly #db: Database.Database;
	readonly #statements = new Map<string, Database.Statement>();
	/** The transaction under way: queries from outside it wait for this. */
	#busy: Promise<void> | null = null;

	constructor(db: Database.Database) {
		this.#db = db;
	}

	#statement(text: string): Database.Statement {
		let s = this.#statements.get(text);
		if (!s) {
			s = this.#db.prepare(text);
			if (this.#statements.size >= STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
			this.#statements.set(text, s);
		}
		return s;
	}

	allNow<T>(text: string, params: readonly Param[] = []): T[] {
		return this.#statement(text).all(...params.map(bindable)) as T[];
	}

	getNow<T>(text: string, params: readonly Param[] = []): T | undefined {
		return this.#statement(text).get(...params.map(bindable)) as T | undefined;
	}

	runNow(text: string, params: readonly Param[] = []): { changes: number } {
		return { changes: this.#statement(text).run(...params.map(bindable)).changes };
	}

	execNow(text: string): void {
		this.#db.exec(text);
	}

	async all<T>(text: string, params?: readonly Param[]): Promise<T[]> {
		// Checked again after each wait, with no await before the query: another transaction may have begun meanwhile.
		while (this.#busy) await this.#busy;
		return this.allNow<T>(text, params);
	}

	async get<T>(text: string, params?: readonly Param[]): Promise<T | undefined> {
		while (this.#busy) await this.#busy;
		return this.getNow<T>(text, params);
	}

	async run(text: string, params?: readonly Param[]): Promise<{ changes: number }> {
		while (this.#busy) await this.#busy;
		return this.runNow(text, params);
	}

	async exec(text: string): Promise<void> {
		while (this.#busy) await this.#busy;
		this.#db.exec(text);
	}

	async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
		// Claimed in the same turn as the last check, or two transactions begun at once would both BEGIN.
		while (this.#busy) await this.#busy;
		let done!: () => void;
		this.#busy = new Promise<void>((r) => (done = r));
		const inside = new SqliteTx(this);
		try {
			this.#db.exec('BEGIN IMMEDIATE');
			try {
				const result = await fn(inside);
				this.#db.exec('COMMIT');
				return result;
			} catch (err) {
				if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
				throw err;
			}
		} finally {
			inside.ended = true;
			this.#busy = null;
			done();
		}
	}

	async ready(): Promise<boolean> {
		try {
			this.#db.prepare('SELECT 1').get();
			return true;
		} catch {
			return false;
		}
	}
}

/** The queries of one transaction: straight to the handle, past the wait for it. */
class SqliteTx implements Sql {
	readonly dialect = 'sqlite' as const;
	ended = false;
	constructor(private readonly outer: SqliteSql) {}

	#check(): void {
		if (this.ended) throw new Error('query on a transaction that has ended');
	}

	async all<T>(text: string, params?: readonly Param[]): Promise<T[]> {
		this.#check();
		return this.outer.allNow<T>(text, params);
	}

	async get<T>(text: string, params?: readonly Param[]): Promise<T | undefined> {
		this.#check();
		return this.outer.getNow<T>(text, params);
	}

	async run(text: string, params?: readonly Param[]): Promise<{ changes: number }> {
		this.#check();
		return this.outer.runNow(text, params);
	}

	async exec(text: string): Promise<void> {
		this.#check();
		this.outer.execNow(text);
	}

	tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
		this.#check();
		return fn(this);
	}

	ready(): Promise<boolean> {
		return this.outer.ready();
	}
}

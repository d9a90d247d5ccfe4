// Sql on node-postgres. bigint and numeric columns come back as numbers (times are ms since 1970,
// counts are small), not the driver's default strings, so rows read alike from both databases.
import pg from 'pg';
import { bindable, numberedPlaceholders, type Param, type Sql } from './sql.js';

const INT8 = 20;
const NUMERIC = 1700;

const TYPES = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Texts translated to numbered placeholders, kept per text. */
const numbered = new Map<string, string>();

function translate(text: string): string {
	let out = numbered.get(text);
	if (out === undefined) {
		out = numberedPlaceholders(text);
		if (numbered.size > 2000) numbered.clear();
		numbered.set(text, out);
	}
	return out;
}

async function query<T>(on: Queryable, text: string, params: readonly Param[] = []): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
	return on.query<T & pg.QueryResultRow>({ text: translate(text), values: params.map(bindable), types: TYPES });
}

class PostgresQueries implements Sql {
	readonly dialect = 'postgres' as const;
	constructor(protected readonly on: Queryable) {}

	async all<T>(text: string, params?: readonly Param[]): Promise<T[]> {
		return (await query<T>(this.on, text, params)).rows;
	}

	async get<T>(text: string, params?: readonly Param[]): Promise<T | undefined> {
		return (await query<T>(this.on, text, params)).rows[0];
	}

	async run(text: string, params?: readonly Param[]): Promise<{ changes: number }> {
		return { changes: (await query(this.on, text, params)).rowCount ?? 0 };
	}

	async exec(text: string): Promise<void> {
		await this.on.query(text);
	}

	tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
		return fn(this);
	}

	async ready(): Promise<boolean> {
		try {
			await this.on.query('SELECT 1');
			return true;
		} catch {
			return false;
		}
	}
}

export class PostgresSql extends PostgresQueries {
	constructor(readonly pool: pg.Pool) {
		super(pool);
	}

	override async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		let broken = false;
		try {
			await client.query('BEGIN');
			try {
				const result = await fn(new PostgresQueries(client));
				await client.query('COMMIT');
				return result;
			} catch (err) {
				await client.query('ROLLBACK').catch(() => (broken = true));
				throw err;
			}
		} finally {
			client.release(broken);
		}
	}
}

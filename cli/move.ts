// `stackmap move-to-postgres`: copy a data folder's SQLite store into the empty PostgreSQL database
// named by DATABASE_URL (server/store/move-to-postgres.ts), before starting servers on it.
import { join, resolve } from 'node:path';
import { moveToPostgres } from '../server/store/move-to-postgres.js';
import { describeDatabaseUrl } from '../server/store/postgres.js';
import { UsageError, type CliArgs } from './args.js';
import { InputError, type Streams } from './io.js';

export async function moveCommand(args: CliArgs, io: Streams): Promise<number> {
	if (args.operands.length > 0) throw new UsageError('move-to-postgres takes no file: it reads --data and DATABASE_URL');
	const url = process.env.DATABASE_URL;
	if (!url) throw new UsageError('move-to-postgres needs DATABASE_URL=postgres://… (the database to move into)');
	const dbFile = join(resolve(args.data ?? process.env.STACKMAP_DATA ?? './data'), 'stackmap.db');
	try {
		const r = await moveToPostgres(dbFile, url);
		if (!args.quiet) {
			const counts = Object.entries(r.rows)
				.filter(([, n]) => n > 0)
				.map(([table, n]) => `${table} ${n}`)
				.join(', ');
			io.stderr.write(`Moved ${r.rows.maps ?? 0} maps (${r.documents} documents) from ${dbFile} to ${describeDatabaseUrl(url)}${counts ? `: ${counts}` : ''}\n`);
			io.stderr.write('The search index is rebuilt when the server starts. The SQLite file is left as it was.\n');
		}
		return 0;
	} catch (e) {
		throw new InputError((e as Error).message);
	}
}

// `stackmap backup <file>` and `stackmap restore <file>`: the SQLite store of a data folder, copied
// online (with the edit journal) into one file, and put back with the server stopped.
import { join, resolve } from 'node:path';
import { backupSqlite, restoreSqlite } from '../server/store/backup.js';
import { UsageError, type CliArgs } from './args.js';
import { InputError, type Streams } from './io.js';

export async function backupCommand(args: CliArgs, io: Streams): Promise<number> {
	const [file, ...rest] = args.operands;
	if (!file || rest.length > 0) throw new UsageError(`${args.command} takes one file`);
	const dbFile = join(resolve(args.data ?? process.env.STACKMAP_DATA ?? './data'), 'stackmap.db');
	// With DATABASE_URL the SQLite file is not used: a backup of it would hold nothing current.
	if (process.env.DATABASE_URL) throw new InputError(`everything is in PostgreSQL (DATABASE_URL): back it up with pg_dump (docs/deploy.md)`);
	try {
		if (args.command === 'backup') {
			const r = await backupSqlite(dbFile, resolve(file));
			if (!args.quiet) io.stderr.write(`Backed up ${r.maps} maps (${r.bytes} bytes, ${r.journaled} edits from the journal) to ${file}\n`);
		} else {
			const r = restoreSqlite(resolve(file), dbFile);
			if (!args.quiet) io.stderr.write(`Restored ${r.maps} maps from ${file} into ${dbFile}\n`);
		}
		return 0;
	} catch (e) {
		throw new InputError((e as Error).message);
	}
}

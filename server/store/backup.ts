// Online backup and restore of the SQLite store, safe while the server runs.
//
// Consistency with the edit journal: an edit is durable in `<db>-edits` before it is committed to
// SQLite, and the journal is only emptied once everything in it is committed. So the journal is read
// FIRST, then SQLite is copied with its online backup API: every edit journaled before the read is
// either in that copy of the journal or (committed before the journal was emptied) in the database
// copy, which is taken later. The union is a prefix of the edit order: the map as it stood then.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { decodeRecords, encodeRecord } from './journal.js';
import { openSqliteStore } from './sqlite.js';

export interface BackupResult {
	/** Size of the backup file in bytes. */
	readonly bytes: number;
	/** Maps in the backup. */
	readonly maps: number;
	/** Edits that were only in the journal when the backup was taken, now inside the backup. */
	readonly journaled: number;
}

/** Copy the store at `dbFile` (and its journal) into the single self-contained SQLite file `dest`. */
export async function backupSqlite(dbFile: string, dest: string): Promise<BackupResult> {
	if (!existsSync(dbFile)) throw new Error(`no Stackmap database at ${dbFile}`);
	if (existsSync(dest)) throw new Error(`${dest} exists already: choose a new file`);
	const journalFile = `${dbFile}-edits`;
	const records = existsSync(journalFile) ? decodeRecords(readFileSync(journalFile)) : [];
	const partial = `${dest}.partial`;
	rmSync(partial, { force: true });
	const source = new Database(dbFile, { readonly: true, fileMustExist: true });
	try {
		await source.backup(partial);
	} finally {
		source.close();
	}
	// Fold the journal's edits in the way the server does on start: through the store's own replay.
	if (records.length > 0) writeFileSync(`${partial}-edits`, Buffer.concat(records.map((r) => encodeRecord(r.seq, r.mapId, r.data))));
	const store = openSqliteStore(partial, { checkpointMs: 0 });
	await store.close();
	const maps = countMaps(partial);
	for (const suffix of ['-edits', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
	renameSync(partial, dest);
	return { bytes: statSync(dest).size, maps, journaled: records.length };
}

function countMaps(file: string): number {
	const db = new Database(file, { readonly: true });
	try {
		return (db.prepare('SELECT count(*) AS n FROM maps').get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/**
 * Put the backup `src` in place of the store at `dbFile`. The server must be stopped: a database
 * with a write-ahead log beside it is in use (or was not closed cleanly; start and stop it once).
 */
export function restoreSqlite(src: string, dbFile: string): { maps: number } {
	if (!existsSync(src)) throw new Error(`no backup at ${src}`);
	if (existsSync(`${dbFile}-wal`)) throw new Error(`${dbFile} is in use (its write-ahead log is there): stop the server first`);
	// Check the backup opens and holds a Stackmap store before replacing anything.
	const maps = countMaps(src);
	const staging = `${dbFile}.restoring`;
	writeFileSync(staging, readFileSync(src));
	for (const suffix of ['-edits', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
	renameSync(staging, dbFile);
	return { maps };
}

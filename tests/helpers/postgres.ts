// A throwaway PostgreSQL for one test file: STACKMAP_TEST_DATABASE_URL when set, otherwise a fresh
// cluster (initdb into a temp dir, on 127.0.0.1 with a free port, its socket in that dir) that is
// stopped and removed afterwards. No PostgreSQL installed: the tests fail saying how to get it. The
// tests that stop PostgreSQL need the local cluster: with the URL they fail saying so.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { inject } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStore } from '../../server/store/postgres.js';
import { freePort } from './faults.js';

const run = promisify(execFile);

export interface TestPostgres {
	/** The URL of the cluster's `postgres` database, as a user who may create databases. */
	readonly adminUrl: string;
	/** Path of a PostgreSQL client tool (pg_dump, pg_restore): the cluster's own, or from PATH. */
	tool(name: string): string;
	/** The URL of a new, empty database in this cluster. */
	createDatabase(): Promise<string>;
	/** Stop the server (a local cluster only): connections are refused until start(). */
	stop(): Promise<void>;
	/** Start it again on the same port. */
	start(): Promise<void>;
	/** Drop what was created; stop and remove a local cluster. */
	close(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder (Debian's layout), or null. */
function findBin(): string | null {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

/** Start a throwaway PostgreSQL (or use STACKMAP_TEST_DATABASE_URL's). */
export async function startPostgres(): Promise<TestPostgres> {
	const external = process.env.STACKMAP_TEST_DATABASE_URL;
	if (external) return databasesIn(external, findBin());
	const bin = findBin();
	if (!bin) {
		throw new Error(
			'PostgreSQL is not installed: these tests need initdb and pg_ctl under /usr/lib/postgresql/*/bin ' +
				"(Debian: apt-get install postgresql; .ci/run does it) or STACKMAP_TEST_DATABASE_URL pointing at a server where the user may CREATE DATABASE."
		);
	}
	const dir = mkdtempSync(join(tmpdir(), 'stackmap-pg-'));
	const data = join(dir, 'data');
	// initdb refuses to run as root: as root, run the cluster as Debian's postgres user.
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
			throw new Error('running as root, PostgreSQL needs the postgres user (created by Debian\'s postgresql package) to own its cluster');
		});
		const { stdout: gid } = await run('id', ['-g', 'postgres']);
		chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
	}
	const pgRun = (tool: string, args: string[]) =>
		asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: dir }) : run(join(bin, tool), args, { cwd: dir });
	try {
		await pgRun('initdb', ['-D', data, '-U', 'stackmap', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
	} catch (err) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed: ${(err as { stderr?: string }).stderr ?? String(err)}`);
	}
	let port = 0;
	const start = async () => {
		const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=50`;
		try {
			await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
		} catch (err) {
			const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
			throw new Error(`PostgreSQL did not start: ${(err as { stderr?: string }).stderr ?? String(err)}\n${log}`);
		}
	};
	const stop = async () => {
		await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
	};
	// Another test file may take the free port first: try another.
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		try {
			await start();
			break;
		} catch (err) {
			if (attempt === 3) {
				rmSync(dir, { recursive: true, force: true });
				throw err;
			}
		}
	}
	return databasesIn(`postgres://stackmap@127.0.0.1:${port}/postgres`, bin, {
		start,
		stop,
		async remove() {
			await stop().catch(() => undefined);
			rmSync(dir, { recursive: true, force: true });
		}
	});
}

function databasesIn(
	adminUrl: string,
	bin: string | null,
	local: { start(): Promise<void>; stop(): Promise<void>; remove(): Promise<void> } | null = null
): TestPostgres {
	const created: string[] = [];
	const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			return await fn(client);
		} finally {
			await client.end();
		}
	};
	const needLocal = () => {
		if (!local) throw new Error('stopping PostgreSQL needs a local test cluster: unset STACKMAP_TEST_DATABASE_URL');
		return local;
	};
	return {
		adminUrl,
		tool: (name) => (bin ? join(bin, name) : name),
		async createDatabase() {
			const name = `stackmap_test_${process.pid}_${created.length}_${Math.random().toString(36).slice(2, 8)}`;
			await admin((c) => c.query(`CREATE DATABASE ${name}`));
			created.push(name);
			const url = new URL(adminUrl);
			url.pathname = `/${name}`;
			return url.toString();
		},
		stop: () => needLocal().stop(),
		start: () => needLocal().start(),
		async close() {
			if (local) return local.remove();
			await admin(async (c) => {
				for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			});
		}
	};
}

let suite: TestPostgres | null = null;
/** One database per data folder: a server restarted on the same folder finds its data again. */
const suiteDatabases = new Map<string, Promise<string>>();

/**
 * In the `postgres` test project (STACKMAP_TEST_STORE=postgres): the URL of a new database in the
 * run's cluster (tests/helpers/postgres-global.ts), for a server that a test starts without one.
 * Otherwise null: the server keeps everything in its SQLite file.
 */
export async function suiteDatabase(dataDir: string): Promise<string | null> {
	if (process.env.STACKMAP_TEST_STORE !== 'postgres') return null;
	suite ??= databasesIn(inject('postgresAdminUrl'), findBin());
	let url = suiteDatabases.get(dataDir);
	if (!url) suiteDatabases.set(dataDir, (url = suite.createDatabase()));
	return url;
}

/** The map as PostgreSQL at `url` holds it (read through the store, as the server would load it). */
export async function storedDocIn(url: string, id: string): Promise<Y.Doc> {
	const store = await openPostgresStore(url, { poolSize: 1 });
	try {
		const doc = new Y.Doc();
		for (const u of (await store.loadDoc(id)).updates) Y.applyUpdate(doc, u);
		return doc;
	} finally {
		await store.close();
	}
}

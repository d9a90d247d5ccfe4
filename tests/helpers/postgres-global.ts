// Vitest global setup of the `postgres` project: one throwaway PostgreSQL cluster for the whole run.
// Every server its test files start gets a fresh database in it (suiteDatabase in postgres.ts), so
// the same HTTP and websocket tests hold the PostgreSQL store to the SQLite store's promises.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const cluster = await startPostgres();
	project.provide('postgresAdminUrl', cluster.adminUrl);
	return () => cluster.close();
}

declare module 'vitest' {
	export interface ProvidedContext {
		postgresAdminUrl: string;
	}
}

import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { stackmapDev } from './server/dev-plugin';

/**
 * Server test files run a second time with the metadata and documents in PostgreSQL (the
 * `postgres` project): those that start servers through tests/helpers and read results over HTTP
 * or websockets, not from the SQLite file.
 */
const POSTGRES_SUITE = ['tests/server/store-choice.test.ts', 'tests/server/collab.test.ts'];

export default defineConfig({
	plugins: [sveltekit(), stackmapDev()],
	test: {
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		projects: [
			{ extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
			// The same server tests with everything in PostgreSQL: one cluster for the run, a database per server.
			{
				extends: true,
				test: {
					name: 'postgres',
					include: POSTGRES_SUITE,
					env: { STACKMAP_TEST_STORE: 'postgres' },
					globalSetup: ['tests/helpers/postgres-global.ts']
				}
			}
		]
	}
});

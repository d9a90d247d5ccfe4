import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { stackmapDev } from './server/dev-plugin';

/**
 * Server test files run a second time with the metadata and documents in PostgreSQL (the
 * `postgres` project): those that start servers through tests/helpers and read results over HTTP
 * or websockets, not from the SQLite file.
 */
const POSTGRES_SUITE = [
	'tests/server/store-choice.test.ts',
	'tests/server/collab.test.ts',
	'tests/server/access.test.ts',
	'tests/server/catalogue-http.test.ts',
	'tests/server/catalogue-contract-groups-http.test.ts',
	'tests/server/catalogue-organisations.test.ts',
	'tests/server/catalogue-radar.test.ts',
	'tests/server/catalogue-radar-csv.test.ts',
	'tests/server/catalogue-radar-fresh.test.ts',
	'tests/server/catalogue-seed.test.ts',
	'tests/server/catalogue-shared-http.test.ts',
	'tests/server/catalogue-withheld-http.test.ts',
	'tests/server/org-audit.test.ts',
	'tests/server/org-people.test.ts',
	'tests/server/workshop-http.test.ts',
	'tests/server/workshop-links.test.ts',
	'tests/server/workshop-permissions.test.ts',
	'tests/server/workshop-offline.test.ts',
	'tests/server/workshop-snapshots.test.ts',
	'tests/server/workshop-restore-race.test.ts',
	'tests/server/durability.test.ts',
	'tests/server/headers.test.ts',
];

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

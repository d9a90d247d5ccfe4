// Benchmarks run with Vitest as a TypeScript runner (not in `npm test`): `npm run bench`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['bench/**/*.bench.ts'],
		testTimeout: 30 * 60_000,
		hookTimeout: 120_000,
		pool: 'forks',
		fileParallelism: false
	}
});

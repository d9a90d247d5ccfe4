// Benchmarks run with Vitest as a TypeScript runner (not in `npm test`): `npm run bench` runs every
// bench/*.bench.ts; the 30-minute soak only with STACKMAP_SOAK=1 (`npm run bench:soak`).
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

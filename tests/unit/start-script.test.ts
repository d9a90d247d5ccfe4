// `npm start` runs the server with the V8 flags the tests and benchmarks spawn it with.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NODE_FLAGS } from '../../server/node-flags.js';

describe('npm start', () => {
	it('runs the built server with the flags in server/node-flags.ts', () => {
		const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
		expect(pkg.scripts.start).toBe(['node', ...NODE_FLAGS, 'dist/server/index.js'].join(' '));
	});
});

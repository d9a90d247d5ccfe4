// The install holds exactly one yjs, major version 13: two copies break `instanceof` checks and
// silently corrupt sync (yjs 14, pulled by @y/websocket-server, must never come in).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

interface NpmTree {
	version?: string;
	dependencies?: Record<string, NpmTree>;
}

function yjsVersions(tree: NpmTree, found = new Set<string>()): Set<string> {
	for (const [name, dep] of Object.entries(tree.dependencies ?? {})) {
		if (name === 'yjs' && dep.version) found.add(dep.version);
		yjsVersions(dep, found);
	}
	return found;
}

describe('dependencies', () => {
	it('resolve to exactly one yjs 13', () => {
		const out = execFileSync('npm', ['ls', 'yjs', '--all', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		const versions = [...yjsVersions(JSON.parse(out) as NpmTree)];
		expect(versions).toHaveLength(1);
		expect(versions[0]).toMatch(/^13\./);
	});

	it('keep ws at 8.21 or later', () => {
		const require = createRequire(import.meta.url);
		const { version } = require('ws/package.json') as { version: string };
		const [major, minor] = version.split('.').map(Number);
		expect(major > 8 || (major === 8 && minor >= 21)).toBe(true);
	});
});

// The install holds exactly one yjs, major version 13: two copies break `instanceof` checks and
// silently corrupt sync (yjs 14, pulled by @y/websocket-server, must never come in).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

interface NpmTree {
	version?: string;
	dependencies?: Record<string, NpmTree>;
}

function versionsOf(pkg: string, tree: NpmTree, found = new Set<string>()): Set<string> {
	for (const [name, dep] of Object.entries(tree.dependencies ?? {})) {
		if (name === pkg && dep.version) found.add(dep.version);
		versionsOf(pkg, dep, found);
	}
	return found;
}

function installed(pkg: string): string[] {
	const out = execFileSync('npm', ['ls', pkg, '--all', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	return [...versionsOf(pkg, JSON.parse(out) as NpmTree)];
}

describe('dependencies', () => {
	it('resolve to exactly one yjs 13', () => {
		const versions = installed('yjs');
		expect(versions).toHaveLength(1);
		expect(versions[0]).toMatch(/^13\./);
	});

	it('keep every ws in the install (the reference relay\'s too) at 8.21 or later', () => {
		const versions = installed('ws');
		expect(versions.length).toBeGreaterThan(0);
		for (const version of versions) {
			const [major, minor] = version.split('.').map(Number);
			expect(major > 8 || (major === 8 && minor >= 21), `ws ${version}`).toBe(true);
		}
	});

	it('keep the ws we load at 8.21 or later', () => {
		const require = createRequire(import.meta.url);
		const { version } = require('ws/package.json') as { version: string };
		const [major, minor] = version.split('.').map(Number);
		expect(major > 8 || (major === 8 && minor >= 21)).toBe(true);
	});
});

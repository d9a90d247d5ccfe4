// Install time from a clean clone: `git clone` of this repository's HEAD into a temp folder, then
// `npm install` and `npm run build` there, timed. npm's cache (~/.npm) is left as it is, so this is
// a warm install: packages come from the cache, not the network. Writes section `install`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { table, writeSection } from './report.js';

/** Run `cmd` in `cwd`, return wall seconds; throws with its output on failure. */
function timed(cmd: string, args: string[], cwd: string): number {
	const t0 = performance.now();
	const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 20 * 60_000, env: { ...process.env, CI: '1' } });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
	return (performance.now() - t0) / 1000;
}

function du(path: string): string {
	return spawnSync('du', ['-sh', path], { encoding: 'utf8' }).stdout.split('\t')[0];
}

it('times npm install and build from a clean clone', () => {
	const dir = mkdtempSync(join(tmpdir(), 'stackmap-install-'));
	const repo = join(dir, 'stackmap');
	try {
		const load0 = loadavg()[0];
		const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
		const clone = timed('git', ['clone', '--quiet', '--no-hardlinks', process.cwd(), repo], dir);
		const install = timed('npm', ['install', '--no-audit', '--no-fund'], repo);
		const packages = Object.keys((JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> }).packages).length - 1;
		const modules = du(join(repo, 'node_modules'));
		// better-sqlite3 downloads a prebuilt binary, or compiles SQLite with node-gyp when it cannot.
		const compiled = existsSync(join(repo, 'node_modules/better-sqlite3/build/Release/obj.target'));
		const build = timed('npm', ['run', 'build'], repo);
		const load1 = loadavg()[0];
		writeSection(
			'install',
			'Install from a clean clone (issue 7)',
			[
				`\`git clone\` of commit ${commit} into an empty temp folder, then \`npm install --no-audit --no-fund\` and \`npm run build\` in it (bench/install.bench.ts). **Warm cache:** npm's cache (~/.npm) already held every package, so nothing was downloaded; a first install on a new machine adds the download of the packages below. ${
					compiled
						? 'better-sqlite3 found no prebuilt binary it could download here and compiled SQLite from source (node-gyp), which takes minutes on 2 cores; where the prebuilt download works, that step takes seconds.'
						: 'better-sqlite3 used its prebuilt binary.'
				}`,
				'',
				table(
					['step', 'wall time'],
					[
						['git clone', `${clone.toFixed(1)} s`],
						[`npm install (${packages} packages, node_modules ${modules})`, `${install.toFixed(1)} s`],
						['npm run build (vite build + server and CLI tsc)', `${build.toFixed(1)} s`],
						['clone to a runnable server', `${(clone + install + build).toFixed(1)} s`]
					]
				),
				'',
				`Load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${cpus().length} cores.`
			].join('\n')
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

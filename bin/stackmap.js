#!/usr/bin/env node
// The `stackmap` command (package.json "bin"): runs the CLI compiled into dist/cli/ by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/stackmap.js', import.meta.url));
if (!existsSync(entry)) {
	console.error('stackmap: the command line is not built yet. Run `npm run build` (or `npm run cli:build`) in the Stackmap folder first.');
	process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
try {
	process.exitCode = await main(process.argv.slice(2));
} catch (err) {
	console.error('stackmap:', err instanceof Error ? err.message : err);
	process.exitCode = 1;
}

// Writes one benchmark's section of docs/benchmarks.md (between its own markers), with the
// machine and date, leaving the other sections as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const FILE = 'docs/benchmarks.md';
const HEADER = `# Benchmarks

\`npm run bench\` runs every \`bench/*.bench.ts\`, each writing its own section with the machine and
date; the soak runs only with STACKMAP_SOAK=1 (\`npm run bench:soak\`). Absolute times on shared
machines are noisy: compare ratios within a run.
`;

export function machine(): string {
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	return `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

export function writeSection(name: string, title: string, body: string): void {
	const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const section = `${start}\n## ${title}\n\n_${machine()}_\n\n${body.trim()}\n${end}`;
	const i = text.indexOf(start);
	const j = text.indexOf(end);
	const next = i >= 0 && j > i ? text.slice(0, i) + section + text.slice(j + end.length) : `${text.trimEnd()}\n\n${section}\n`;
	writeFileSync(FILE, next);
}

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function table(head: string[], rows: (string | number)[][]): string {
	return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// The `stackmap` command line as users run it (node bin/stackmap.js, built dist/cli): every corpus
// map converts to every format with valid output; stdin/stdout; bad input exits non-zero with line
// numbers; import creates a map on a running server; a clear message when dist is missing.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/formats/csv/index.js';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { parseOwm } from '../../src/lib/formats/owm/index.js';
import { parseMermaid } from '../../src/lib/formats/mermaid/index.js';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { pngSize } from '../helpers/png.js';
import { validate } from '../helpers/schema.js';
import { canon, printedOrder } from '../unit/formats/owm/helpers.js';
import { parseXml } from '../unit/render/xml.js';
import { renderSvg } from '../../src/lib/render/index.js';

interface Run {
	code: number | null;
	stdout: Buffer;
	stderr: string;
}

function run(args: string[], stdin?: string, script = 'bin/stackmap.js'): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		let err = '';
		child.stdout.on('data', (d: Buffer) => out.push(d));
		child.stderr.on('data', (d: Buffer) => (err += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
		child.stdin.end(stdin ?? '');
	});
}

const CORPUS = [
	...readdirSync('tests/fixtures/owm-examples').filter((f) => f.endsWith('.wm')).map((f) => `tests/fixtures/owm-examples/${f}`),
	'tests/fixtures/owm-golden/golden-master.owm'
];
const FORMATS = ['svg', 'png', 'owm', 'mermaid', 'json', 'csv'] as const;
const SCHEMA = JSON.parse(readFileSync('docs/map.schema.json', 'utf8'));

/** Width and height of the map's SVG export, from its viewBox. */
function svgSize(map: MapSnapshot): { width: number; height: number } {
	const [, , width, height] = parseXml(renderSvg(map)).attrs.viewBox.split(' ').map(Number);
	return { width, height };
}

/** Checks that `out` is a valid `format` rendering of the map in `path`. */
function checkOutput(format: (typeof FORMATS)[number], out: Buffer, path: string): void {
	const source = parseOwm(readFileSync(path, 'utf8')).map;
	const text = out.toString('utf8');
	switch (format) {
		case 'svg':
			expect(parseXml(text).name).toBe('svg');
			break;
		case 'png':
			// The PNG is the SVG's size (the map's, with the key's band below it when it has one).
			expect(pngSize(out)).toEqual(svgSize(source));
			break;
		case 'owm': {
			const back = parseOwm(text);
			expect(back.errors).toEqual([]);
			expect(canon(back.map)).toEqual(canon(printedOrder(source)));
			break;
		}
		case 'mermaid':
			expect(parseMermaid(text).errors).toEqual([]);
			break;
		case 'json':
			expect(validate(JSON.parse(text), SCHEMA)).toEqual([]);
			expect(canon(JSON.parse(text) as MapSnapshot)).toEqual(canon(source));
			break;
		case 'csv':
			expect(parseCsv(text).rows.length).toBe(source.components.length + 1);
			break;
	}
}

let srv: ServerProcess;
beforeAll(async () => {
	srv = await spawnServer(tempDataDir());
});
afterAll(() => {
	srv?.child.kill('SIGKILL');
});

describe('stackmap convert', () => {
	// Each corpus map to two formats (all six formats covered three times or more), a few at a time.
	it('converts every corpus map to every format, with valid output', async () => {
		const jobs = CORPUS.flatMap((path, i) => [FORMATS[i % 6], FORMATS[(i + 3) % 6]].map((format) => ({ path, format })));
		for (let i = 0; i < jobs.length; i += 4) {
			const results = await Promise.all(jobs.slice(i, i + 4).map(({ path, format }) => run(['convert', path, '--to', format, '-q'])));
			results.forEach((r, k) => {
				const { path, format } = jobs[i + k];
				expect(r.stderr, `${path} → ${format}`).toBe('');
				expect(r.code, `${path} → ${format}`).toBe(0);
				checkOutput(format, r.stdout, path);
			});
		}
	}, 120_000);

	it('reads stdin and writes stdout with -, and infers --to from -o', async () => {
		const golden = 'tests/fixtures/owm-golden/golden-master.owm';
		const piped = await run(['convert', '-', '--to', 'json', '-o', '-'], readFileSync(golden, 'utf8'));
		expect(piped.code).toBe(0);
		checkOutput('json', piped.stdout, golden);
		const dir = mkdtempSync(join(tmpdir(), 'stackmap-cli-'));
		const png = await run(['convert', golden, '-o', join(dir, 'map.png'), '--scale', '2']);
		expect(png.code).toBe(0);
		expect(png.stderr).toMatch(/map\.png: PNG image, 18 components/);
		const { width, height } = svgSize(parseOwm(readFileSync(golden, 'utf8')).map);
		expect(pngSize(readFileSync(join(dir, 'map.png')))).toEqual({ width: width * 2, height: height * 2 });
		const csv = await run(['convert', '-', '--from', 'csv', '--to', 'owm', '--column', 'name=B', '--column', 'supplier=1'], 'A,B\nAcme,CRM\n');
		expect(csv.code).toBe(0);
		expect(parseOwm(csv.stdout.toString()).map.components[0]).toMatchObject({ name: 'CRM', supplier: 'Acme' });
	});

	it('exits 1 with file:line messages on bad input, 2 on wrong usage', async () => {
		const bad = await run(['convert', '-', '--to', 'svg'], 'title T\ncomponent A [0.5, 0.5]\ncomponent B [oops]\n');
		expect(bad.code).toBe(1);
		expect(bad.stdout.length).toBe(0);
		expect(bad.stderr).toMatch(/^<stdin>:3: error: component "B"/m);
		expect(bad.stderr).toMatch(/1 error; nothing written/);
		const partial = await run(['convert', '-', '--to', 'owm', '--partial'], 'component B [oops]\n');
		expect(partial.code).toBe(0);
		const json = await run(['convert', '-', '--from', 'json', '--to', 'owm'], '{\n  "components": [\n    {"id": "a", "name": "x",}\n  ]\n}');
		expect(json.code).toBe(1);
		expect(json.stderr).toMatch(/^<stdin>:3: error: Not valid JSON/m);
		const unknown = await run(['convert', '-', '--to', 'svg'], 'hello there');
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toMatch(/<stdin>:1: error: Not a map format/);
		expect((await run(['convert', 'no-such-file.owm', '--to', 'svg'])).stderr).toMatch(/no-such-file\.owm: no such file/);
		for (const args of [['convert', 'x.owm'], ['convert', 'x.owm', '--to', 'gif'], ['frobnicate'], ['convert', 'x.owm', '--to', 'svg', '--nope'], ['convert', 'x.owm', '--to', 'png', '--scale', '9']]) {
			const r = await run(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr).toMatch(/Try: stackmap --help/);
		}
		const help = await run(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout.toString()).toMatch(/stackmap convert <in> --to <format>/);
	});

	it('says to build first when dist/ is missing', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'stackmap-bin-'));
		mkdirSync(join(dir, 'bin'));
		copyFileSync('bin/stackmap.js', join(dir, 'bin', 'stackmap.js'));
		const r = await run(['--help'], undefined, join(dir, 'bin', 'stackmap.js'));
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/npm run build/);
	});
});

describe('stackmap import', () => {
	it('creates a map on the server and prints its links', async () => {
		const r = await run(['import', 'tests/fixtures/owm-examples/Flow Example.wm', '--server', srv.base]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const out = r.stdout.toString();
		expect(out).toMatch(/Created “Tea Shop” \(10 components, from OWM\)/);
		const view = /View \(anyone you choose\): +(\S+)/.exec(out)![1];
		const url = new URL(view);
		const map: MapSnapshot = await (await fetch(`${srv.base}/api${url.pathname}?key=${url.searchParams.get('key')}`)).json();
		expect(map.components).toHaveLength(10);
		const csv = await run(['import', '-', '--from', 'csv', '--server', srv.base, '--json', '--title', 'Register'], 'System,Vendor\nCRM,Microsoft\n');
		expect(csv.code).toBe(0);
		expect(JSON.parse(csv.stdout.toString())).toMatchObject({ title: 'Register', format: 'csv', components: 1 });
	});

	it('exits 1 with the server’s line-numbered errors, or when there is no server', async () => {
		const r = await run(['import', '-', '--server', srv.base], 'title T\ncomponent A [0.5, 0.5]\nA->B->C->D->E [x]\ncomponent C [1, x]\n');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^<stdin>:4: error:/m);
		expect(r.stderr).toMatch(/stackmap import: 400:/);
		const down = await run(['import', 'tests/fixtures/owm-golden/golden-master.owm', '--server', 'http://127.0.0.1:9']);
		expect(down.code).toBe(1);
		expect(down.stderr).toMatch(/cannot reach the Stackmap server at http:\/\/127\.0\.0\.1:9/);
	});
});

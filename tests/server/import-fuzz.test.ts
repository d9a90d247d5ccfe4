// Imports of every format fuzzed against the built server (`npm run build` first; fast-check,
// fixed seed, bounded): texts up to 5.5 MB of hostile shapes — many components, links or lines,
// blank lines, one long line, JSON nested millions deep, CSVs of many rows, columns or quoted
// lines, mutated corpus maps. Every import is answered (201, 400 or 413 with a reason), edits in
// another room keep arriving, the server's own work never stalls its event loop over 100 ms, and
// its memory grows by less than 100 MB.
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { editStream, serverStats, stalled, MAX_STALL_MS, type EditStream } from '../helpers/watch.js';
import { CSV_CORPUS, JSON_CORPUS, MERMAID_CORPUS, OWM_CORPUS, applyMutations, mutation } from '../unit/fuzz/corpus.js';

const MB = 1024 * 1024;
/** Most the server's memory (RSS, after a GC) may grow over the whole run. */
const MAX_GROWTH = 100 * MB;

/** `unit(i)` for i = 0, 1, 2… joined by `sep` until the text is about `bytes` long. */
function repeat(bytes: number, unit: (i: number) => string, sep = '\n'): string {
	const parts: string[] = [];
	for (let i = 0, n = 0; n < bytes; i++) {
		const part = unit(i);
		parts.push(part);
		n += part.length + sep.length;
	}
	return parts.join(sep);
}

type Format = 'owm' | 'mermaid' | 'json' | 'csv';
/** A hostile shape: its format and a builder of about `bytes` of it (`pick` chooses from a corpus). */
type Shape = readonly [name: string, format: Format, build: (bytes: number, pick: number) => string];

const component = (i: number) => `component C${i} [0.${(i % 9) + 1}, 0.${(i % 7) + 1}]`;
const jsonComponent = (i: number) => `{"id":"c${String(i).padStart(11, '0')}","kind":"component","name":"C${i}","evolution":0.5,"visibility":0.5}`;

const SHAPES: readonly Shape[] = [
	['components', 'owm', (b) => repeat(b, component)],
	['links between two', 'owm', (b) => 'component A [0.5, 0.5]\ncomponent B [0.4, 0.4]\n' + repeat(b, () => 'A->B')],
	['a million A->B lines', 'owm', (b) => repeat(b, () => 'A->B')],
	['blank lines', 'owm', (b) => 'component A [0.5, 0.5]' + '\n'.repeat(b)],
	['one long line', 'owm', (b) => 'component ' + 'x'.repeat(b) + ' [0.5, 0.5]'],
	['open pipelines', 'owm', (b) => repeat(b, (i) => `${component(i)}\npipeline C${i}\n{`)],
	['notes and annotations', 'owm', (b) => repeat(b, (i) => `note "n${i}" [0.5, 0.5]\nannotation ${i},[0.5, 0.5] "a"`)],
	['the corpus, mutated and repeated', 'owm', (b, pick) => repeat(b, (i) => OWM_CORPUS[(pick + i) % OWM_CORPUS.length])],
	['wardley-beta components', 'mermaid', (b) => 'wardley-beta\n' + repeat(b, component)],
	['fenced links', 'mermaid', (b) => '```mermaid\nwardley-beta\ncomponent A [0.5, 0.5]\ncomponent B [0.4, 0.4]\n' + repeat(b, () => 'A -> B')],
	['the corpus, repeated', 'mermaid', (b, pick) => repeat(b, (i) => MERMAID_CORPUS[(pick + i) % MERMAID_CORPUS.length])],
	['arrays nested deep', 'json', (b) => '['.repeat(b)],
	['objects nested deep', 'json', (b) => '{"a":'.repeat(Math.floor(b / 5)) + '1' + '}'.repeat(Math.floor(b / 5))],
	['many components', 'json', (b) => `{"components":[${repeat(b, jsonComponent, ',')}]}`],
	['many links', 'json', (b) => `{"components":[${jsonComponent(1)},${jsonComponent(2)}],"links":[${repeat(b, (i) => `{"id":"l${String(i).padStart(11, '0')}","from":"c00000000001","to":"c00000000002"}`, ',')}]}`],
	['a long title', 'json', (b) => `{"title":"${'t'.repeat(b)}","components":[]}`],
	['long notes', 'json', (b) => `{"components":[${repeat(b, (i) => jsonComponent(i).replace('}', `,"notes":"${'n'.repeat(9000)}"}`), ',')}]}`],
	['whitespace', 'json', (b) => '{' + ' \n'.repeat(b / 2) + '"components":[]}'],
	['a corpus map, padded', 'json', (b, pick) => JSON_CORPUS[pick % JSON_CORPUS.length].replace('{', '{' + ' '.repeat(b))],
	['rows', 'csv', (b) => 'Name,Depends on\n' + repeat(b, (i) => `C${i},C${i + 1}`)],
	['columns', 'csv', (b) => repeat(b, (i) => `h${i}`, ',') + '\nA,B'],
	['quoted line ends', 'csv', (b) => 'Name,Notes\nA,"' + '\n'.repeat(b) + '"'],
	['one long cell', 'csv', (b) => 'Name,Notes\nA,"' + 'x'.repeat(b) + '"'],
	['depends on everything', 'csv', (b) => 'Name,Depends on\nA,' + repeat(b, (i) => `B${i}`, ';')],
	['the corpus, repeated', 'csv', (b, pick) => repeat(b, (i) => CSV_CORPUS[(pick + i) % CSV_CORPUS.length])]
];

const ANSWERS = [
	/^This text has [\d,]+ lines: an import reads at most [\d,]+\. Split it into several maps\.$/,
	/^This map has [\d,]+ components: a map holds at most 5,000\. Split it into several maps\.$/,
	/^This map has more than [\d,]+ elements \(components, links, notes and the like\): a map holds at most [\d,]+\. Split it into several maps\.$/,
	/^This map is [\d.]+ MB of data: a map holds at most 2 MB\. Split it into several maps\.$/,
	/^The file is too large: imports are limited to 5 MB$/
];

let srv: ServerProcess;

/**
 * POST `text` as an import, on a connection of its own. A body over 5 MB is refused from its
 * Content-Length before it is read and the connection closed: the client, still sending, may see
 * the 413 or only the reset.
 */
function post(text: string, query: string): Promise<{ status: number; body: { error?: string; components?: number } }> {
	const bytes = Buffer.from(text);
	return new Promise((resolve, reject) => {
		const req = request(
			`${srv.base}/api/maps/import${query}`,
			{ method: 'POST', agent: false, headers: { 'content-type': 'text/plain', accept: 'application/json', origin: srv.base, 'content-length': bytes.byteLength } },
			(res) => {
				let data = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (data += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
			}
		);
		req.on('error', (err: Error & { code?: string }) => {
			if (bytes.byteLength > 5 * MB && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) resolve({ status: 413, body: { error: 'The file is too large: imports are limited to 5 MB' } });
			else reject(err);
		});
		req.end(bytes);
	});
}

let edits: EditStream;
let rssBefore = 0;

beforeAll(async () => {
	srv = await spawnServer(tempDataDir(), { STACKMAP_DEBUG_STATS: '1' }, ['--expose-gc']);
	edits = await editStream(srv, 20);
	// Warm up, so the baseline holds what any server holds once it has imported something: each
	// format read, a large map read whole and stored (its worker replaced), a 5 MB text refused.
	for (const text of [OWM_CORPUS[0], MERMAID_CORPUS[0], JSON_CORPUS[0], CSV_CORPUS[0], repeat(400_000, component), repeat(5 * 1000 * 1000, () => 'A->B')]) await post(text, '');
	for (let i = 0; i < 100 && (await serverStats(srv)).work.running > 0; i++) await new Promise((r) => setTimeout(r, 50));
	rssBefore = (await (await fetch(`${srv.base}/api/debug/stats`)).json()).memory.rss;
	await serverStats(srv);
}, 60_000);

afterAll(() => {
	edits?.close();
	srv?.child.kill('SIGKILL');
});

describe('imports fuzzed (built server)', () => {
	it('answers every hostile import with 201, 400 or 413 and its reason; other rooms keep editing; no stall, bounded memory', async () => {
		// Every shape at a seeded size (up to a little over the 5 MB body limit), as its format or
		// detected, with up to three hostile edits; then a few shapes again.
		const draws = fc.sample(fc.tuple(fc.noBias(fc.integer({ min: 64 * 1024, max: Math.round(5.3 * MB) })), fc.boolean(), fc.nat(1000), fc.array(mutation, { maxLength: 3 })), {
			seed: 20260719,
			numRuns: SHAPES.length + 8
		});
		const statuses = new Map<number, number>();
		let worst = { wallMs: 0, cpuMs: 0 };
		for (const [k, [bytes, sayFormat, pick, mutations]] of draws.entries()) {
			const [name, format, build] = SHAPES[k % SHAPES.length];
			const text = applyMutations(build(bytes, pick), mutations);
			const query = sayFormat ? `?format=${format}` : '';
			const { status, body } = await post(text, query);
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
			const what = `${name} (${format}), ${(text.length / MB).toFixed(2)} MB: ${status} ${body.error ?? ''}`;
			expect([201, 400, 413], what).toContain(status);
			if (status === 413) expect(ANSWERS.some((a) => a.test(body.error ?? '')), what).toBe(true);
			if (status === 400) expect(body.error, what).toBeTypeOf('string');
			if (status === 201) expect(body.components, what).toBeLessThanOrEqual(5000);
			const stats = await serverStats(srv);
			if (stats.stallMs.cpuMs > worst.cpuMs) worst = stats.stallMs;
			expect(stalled(stats), what).toBeNull();
		}
		// The seed covers refusals and imports that were read.
		expect(statuses.get(413)).toBeGreaterThan(10);
		expect((statuses.get(201) ?? 0) + (statuses.get(400) ?? 0)).toBeGreaterThan(5);
		expect(worst.cpuMs).toBeLessThan(MAX_STALL_MS);
		expect(await edits.stop()).toBeGreaterThan(0);
		// Workers a big job left with a big heap are replaced: wait for that, then measure after a GC.
		for (let i = 0; i < 100 && (await serverStats(srv)).work.running > 0; i++) await new Promise((r) => setTimeout(r, 50));
		await new Promise((r) => setTimeout(r, 500));
		const rssAfter = (await (await fetch(`${srv.base}/api/debug/stats`)).json()).memory.rss;
		expect(rssAfter - rssBefore, `RSS ${(rssBefore / MB).toFixed(0)} → ${(rssAfter / MB).toFixed(0)} MB`).toBeLessThan(MAX_GROWTH);
	}, 120_000);
});

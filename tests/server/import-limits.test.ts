// Imports against the built server (`npm run build` first): a 5 MB text of a million lines is
// refused with 413 and its reason while edits in another room keep arriving and the server's own
// work never stalls its event loop; an import past the workers' time limit is stopped and answered; a full queue
// is a 503 with Retry-After. docs/limits.md describes the limits.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, tempDataDir, type ServerProcess } from '../helpers/collab.js';
import { editStream, serverStats, stalled, type EditStream } from '../helpers/watch.js';

/** The attack: one million `A->B` lines, 5,000,000 bytes (under the 5 MB body limit). */
const MILLION_LINES = 'A->B\n'.repeat(1_000_000);
const TEA = 'title Tea\ncomponent Tea [0.7, 0.5]\ncomponent Water [0.4, 0.8]\nTea->Water\n';
/** Map limits so large that the read limits never stop the attack: only the workers' limits can. */
const UNLIMITED = { STACKMAP_MAX_COMPONENTS: '100000000', STACKMAP_MAX_DOC_BYTES: '10000000000' };

const open: { close(): unknown }[] = [];
afterEach(async () => {
	for (const thing of open.splice(0).reverse()) await thing.close();
});

async function server(env: Record<string, string> = {}): Promise<ServerProcess> {
	const srv = await spawnServer(tempDataDir(), { STACKMAP_DEBUG_STATS: '1', ...env });
	open.push({ close: () => srv.child.kill('SIGKILL') });
	await serverStats(srv);
	return srv;
}

async function stream(srv: ServerProcess): Promise<EditStream> {
	const s = await editStream(srv);
	open.push(s);
	return s;
}

function post(srv: ServerProcess, text: string): Promise<Response> {
	return fetch(`${srv.base}/api/maps/import`, { method: 'POST', headers: { 'content-type': 'text/x-owm' }, body: text });
}

describe('imports under attack (built server)', () => {
	it('refuses a 5 MB import of a million lines with 413 and why, while another room keeps editing and the event loop keeps turning', async () => {
		const srv = await server();
		const edits = await stream(srv);
		const answers = await Promise.all([1, 2, 3, 4].map(() => post(srv, MILLION_LINES)));
		for (const res of answers) {
			expect(res.status).toBe(413);
			expect(await res.json()).toEqual({
				error: 'This text has 1,000,001 lines: an import reads at most 100,000. Split it into several maps.',
				format: 'owm',
				components: 0,
				line: 100_001
			});
		}
		// The form says the same, without JavaScript (its line ends become CRLF: 800,000 lines fit in 5 MB).
		const form = new FormData();
		form.set('text', 'A->B\n'.repeat(800_000));
		const page = await fetch(`${srv.base}/?/import`, { method: 'POST', headers: { origin: srv.base, accept: 'text/html' }, body: form });
		expect(page.status).toBe(413);
		expect(await page.text()).toContain('This text has 800,001 lines: an import reads at most 100,000. Split it into several maps.');
		expect((await post(srv, TEA)).status).toBe(201);
		expect(await edits.stop()).toBeGreaterThan(0);
		const stats = await serverStats(srv);
		expect(stalled(stats)).toBeNull();
	}, 60_000);

	it('stops an import past the time limit (its worker terminated) and answers it; the next import works', async () => {
		const srv = await server({ ...UNLIMITED, STACKMAP_WORK_TIMEOUT_MS: '300' });
		const edits = await stream(srv);
		const res = await post(srv, MILLION_LINES);
		expect(res.status).toBe(413);
		expect(await res.json()).toEqual({ error: 'Reading this text took more than 0.3 s, so it was stopped. Split it into several maps.' });
		const next = await post(srv, TEA);
		expect(next.status).toBe(201);
		expect(await next.json()).toMatchObject({ title: 'Tea', components: 2 });
		await edits.stop();
		const stats = await serverStats(srv);
		expect(stats.work).toEqual({ workers: 1, running: 0, waiting: 0 });
		expect(stalled(stats)).toBeNull();
	}, 60_000);

	it('answers 503 with Retry-After when every worker is busy and the queue is full', async () => {
		const srv = await server({ ...UNLIMITED, STACKMAP_WORKERS: '1', STACKMAP_WORK_QUEUE: '0', STACKMAP_WORK_TIMEOUT_MS: '5000' });
		const slow = post(srv, MILLION_LINES);
		for (let tries = 0; (await serverStats(srv)).work.running === 0; tries++) {
			if (tries > 500) throw new Error('the slow import never started');
			await new Promise((r) => setTimeout(r, 20));
		}
		const busy = await post(srv, TEA);
		expect(busy.status).toBe(503);
		expect(busy.headers.get('retry-after')).toBe('5');
		expect(await busy.json()).toEqual({ error: 'The server is busy with other imports: try again in a few seconds.' });
		expect((await slow).status).toBe(413);
		expect((await post(srv, TEA)).status).toBe(201);
	}, 60_000);
});

// The map store on SQLite (the default: the edit journal, then a group commit) and on PostgreSQL
// (a local throwaway cluster on loopback, fsync and synchronous_commit on): how long an append takes
// before a room may broadcast it, appends arriving together across rooms, and loading a map (section `store`).
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, moveComponent } from '../src/lib/map/index.js';
import { openSqliteStore } from '../server/store/sqlite.js';
import { openPostgresStore } from '../server/store/postgres.js';
import type { MapStore } from '../server/store/types.js';
import { tempDataDir } from '../tests/helpers/collab.js';
import { startPostgres } from '../tests/helpers/postgres.js';
import { percentile, table, writeSection } from './report.js';

const UPDATES = 3000;
/** Rounds per store, alternating; each figure is the median over them (the machine is shared). */
const ROUNDS = 3;
const BURST_MAPS = 20;

/** The updates of `n` real edits (drags of one component), as a room appends them. */
function edits(n: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const id = addComponent(doc, { name: 'Dragged' });
	for (let i = 0; i < n; i++) moveComponent(doc, id, { evolution: (i % 100) / 100, visibility: 0.5 });
	return updates.slice(0, n);
}

interface Figures {
	p50: number;
	p99: number;
	burstPerSecond: number;
	loadMs: number;
	compactedLoadMs: number;
}

async function measure(store: MapStore, updates: Uint8Array[], round: number): Promise<Figures> {
	const calm = `calm${round}`;
	// One calm room: each append waited for, as a room waits before it broadcasts.
	const latencies: number[] = [];
	let last = 0;
	for (const u of updates) {
		const start = performance.now();
		last = await store.appendUpdate(calm, u);
		latencies.push(performance.now() - start);
	}
	latencies.sort((a, b) => a - b);
	// Many rooms at once: every append issued together, spread over BURST_MAPS maps.
	const start = performance.now();
	await Promise.all(updates.map((u, i) => store.appendUpdate(`busy${round}-${i % BURST_MAPS}`, u)));
	const burstPerSecond = updates.length / ((performance.now() - start) / 1000);
	const load = async () => {
		const times: number[] = [];
		for (let i = 0; i < 5; i++) {
			const t = performance.now();
			const doc = new Y.Doc();
			const stored = await store.loadDoc(calm);
			doc.transact(() => stored.updates.forEach((u) => Y.applyUpdate(doc, u)));
			times.push(performance.now() - t);
		}
		return percentile(times.sort((a, b) => a - b), 50);
	};
	const loadMs = await load();
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	await store.compact(calm, Y.encodeStateAsUpdate(doc), last);
	const compactedLoadMs = await load();
	return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), burstPerSecond, loadMs, compactedLoadMs };
}

it('measures appends and loads on SQLite and PostgreSQL', async () => {
	const updates = edits(UPDATES);
	const load = loadavg()[0];
	const sqlite = openSqliteStore(join(tempDataDir('stackmap-bench-'), 'stackmap.db'));
	const cluster = await startPostgres();
	const liteRounds: Figures[] = [];
	const pgRounds: Figures[] = [];
	let version: string;
	try {
		const store = await openPostgresStore(await cluster.createDatabase());
		version = (await store.pool.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version.split(' ')[0];
		for (let round = 0; round < ROUNDS; round++) {
			liteRounds.push(await measure(sqlite, updates, round));
			pgRounds.push(await measure(store, updates, round));
		}
		await store.close();
	} finally {
		await sqlite.close();
		await cluster.close();
	}
	const median = (rounds: Figures[]): Figures => {
		const m = (k: keyof Figures) => percentile(rounds.map((r) => r[k]).sort((a, b) => a - b), 50);
		return { p50: m('p50'), p99: m('p99'), burstPerSecond: m('burstPerSecond'), loadMs: m('loadMs'), compactedLoadMs: m('compactedLoadMs') };
	};
	const lite = median(liteRounds);
	const pgFigures = median(pgRounds);

	const ms = (v: number) => `${v < 1 ? v.toFixed(3) : v.toFixed(1)} ms`;
	const row = (name: string, f: Figures) => [name, ms(f.p50), ms(f.p99), `${Math.round(f.burstPerSecond).toLocaleString('en-GB')}/s`, ms(f.loadMs), ms(f.compactedLoadMs)];
	writeSection(
		'store',
		'Map store: SQLite and PostgreSQL',
		`\`bench/store.bench.ts\`: ${UPDATES.toLocaleString('en-GB')} real edit updates (drags, ~${Math.round(updates.reduce((n, u) => n + u.byteLength, 0) / updates.length)} bytes each)
appended to one map one at a time, each awaited as a room awaits it before broadcasting; then the
same updates issued at once over ${BURST_MAPS} maps; then the map loaded into a Y.Doc (median of 5), before
and after compaction; each figure the median of ${ROUNDS} rounds, the stores taking turns. SQLite is the default store: an append is one write() to the edit journal
(it survives a killed process, not a power cut) and the SQLite commit follows. PostgreSQL ${version} runs
on the same machine over loopback with its defaults (fsync and synchronous_commit on), so each of its
appends waits for a round trip and a WAL flush to disk; appends issued together share a commit.
Load average ${load.toFixed(1)} on this shared machine when the run began: absolute times are noisy.

${table(['Store', 'Append p50', 'Append p99', 'Appends issued together', `Load ${UPDATES.toLocaleString('en-GB')} updates`, 'Load after compaction'], [row('SQLite', lite), row('PostgreSQL', pgFigures)])}
`
	);
});

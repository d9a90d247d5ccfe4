// SIGKILL of one of two instances during a 60-person workshop (issue 24; WORKSHOP_BENCH_PART=failover,
// run from workshop.bench.ts): two built servers on one PostgreSQL database and one Redis, behind
// TCP forwarders that play a sticky load balancer. Counts the edits lost and times A's clients'
// return to B. Writes section `workshop-failover`.
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addComponent, moveComponent, readSnapshot, type ComponentId } from '../src/lib/map/index.js';
import { relayOwnPresenceOnly } from '../src/lib/collab/live.js';
import { createMapHttp, spawnServer, tempDataDir, until, type ServerProcess } from '../tests/helpers/collab.js';
import { FaultProxy } from '../tests/helpers/fault-proxy.js';
import { missingFromStore, seeded, sleep } from '../tests/helpers/faults.js';
import { startPostgres, storedDocIn, type TestPostgres } from '../tests/helpers/postgres.js';
import { startRedis } from '../tests/helpers/redis.js';
import { percentile, table, writeSection } from './report.js';

const CLIENTS = 60;
const COMPONENTS = 50;
const EDIT_HZ = 2;
/** Editing before the kill and after it, s. */
const BEFORE_S = 10;
const AFTER_S = 10;
/** How long the clients may take to agree once editing stops, ms. */
const QUIET_MS = 60_000;

/** One edit a client made: its Yjs clock after it (present in a document whose state reaches it), and when. */
interface Edit {
	clock: number;
	at: number;
	/** The name of the component it added; null for a move. */
	name: string | null;
}

interface Client {
	provider: WebsocketProvider;
	doc: Y.Doc;
	/** Connected through A's forwarder (to A until A is gone, then to B). */
	onA: boolean;
	edits: Edit[];
	/** performance.now() of each status change and of each sync, from the start of editing. */
	disconnected: number[];
	connected: number[];
	synced: number[];
}

export interface FailoverRun {
	edits: { ackedBefore: number; unackedBefore: number; after: number; adds: number };
	lost: { ackedBefore: number; unackedBefore: number; after: number; addsNotStored: number };
	/** Clients whose document holds an edit the store lacks (missingFromStore), and edits not in every client's document. */
	clientsAheadOfStore: number;
	missingInClients: number;
	/** A's clients, ms after the kill: their socket closed, connected to B, synced with B. */
	noticed: number[];
	connected: number[];
	synced: number[];
	/** A's clients not back within QUIET_MS. */
	notBack: number;
	/** Disconnections of B's clients over the run. */
	bDisconnects: number;
	converged: boolean;
	/** Time from the end of editing until every client agreed, ms. */
	quietMs: number;
	/** Lines the surviving instance logged as errors. */
	errors: string[];
}

const stateVector = (doc: Y.Doc) => Y.encodeStateVector(doc).toString();

function join(port: number, map: { id: string; editKey: string }, index: number, onA: boolean): Client {
	const doc = new Y.Doc();
	// The browser client's reconnect backoff (src/lib/collab/live.ts).
	const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, map.id, doc, {
		params: { key: map.editKey, name: `Person ${index}` },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 5000
	});
	relayOwnPresenceOnly(provider);
	provider.awareness.setLocalStateField('user', { name: `Person ${index}`, colour: '#1d70b8', role: 'participant' });
	const client: Client = { provider, doc, onA, edits: [], disconnected: [], connected: [], synced: [] };
	provider.on('status', ({ status }: { status: string }) => {
		if (status === 'disconnected') client.disconnected.push(performance.now());
		if (status === 'connected') client.connected.push(performance.now());
	});
	provider.on('sync', (isSynced: boolean) => isSynced && client.synced.push(performance.now()));
	return client;
}

/** Edit at EDIT_HZ until stopped: every other edit adds a component named uniquely, the rest move one of the seeded ones. */
function edit(client: Client, index: number, seeds: ComponentId[], random: () => number): () => void {
	let n = 0;
	const tick = () => {
		n++;
		const at = performance.now();
		const place = { evolution: 0.05 + 0.9 * random(), visibility: 0.05 + 0.9 * random() };
		let name: string | null = null;
		if (n % 2 === 1) addComponent(client.doc, { name: (name = `Edit ${index}.${n}`), ...place });
		else moveComponent(client.doc, seeds[Math.floor(random() * seeds.length)], place);
		client.edits.push({ clock: Y.getState(client.doc.store, client.doc.clientID), at, name });
	};
	let timer: ReturnType<typeof setInterval> | null = null;
	const start = setTimeout(() => (timer = setInterval(tick, 1000 / EDIT_HZ)), (index * 1000) / EDIT_HZ / CLIENTS);
	return () => {
		clearTimeout(start);
		if (timer) clearInterval(timer);
	};
}

/** One run: a fresh database, two instances, 60 clients; kill A after BEFORE_S of editing. */
async function once(postgres: TestPostgres, redisUrl: string, seed: number): Promise<FailoverRun> {
	const url = await postgres.createDatabase();
	const dataDir = tempDataDir('stackmap-failover-');
	const env = { DATABASE_URL: url, REDIS_URL: redisUrl, STACKMAP_GRACE_MS: '2000' };
	const cleanup: (() => unknown)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
	try {
		// The second starts once the first has prepared the schema (and the shared SQLite file).
		const a = await spawnServer(dataDir, env);
		cleanup.push(() => a.child.exitCode === null && a.child.signalCode === null && a.child.kill('SIGKILL'));
		const b = await spawnServer(dataDir, env);
		cleanup.push(() => stop(b));
		// The load balancer: A's forwarder sends to A while it runs and to B once it is gone (before
		// its exit is seen, a connection to A is refused and the client tries again).
		const aAlive = () => a.child.exitCode === null && a.child.signalCode === null;
		const toA = await FaultProxy.start({ target: () => (aAlive() ? a.port : b.port), random: () => 0 });
		const toB = await FaultProxy.start({ target: () => b.port, random: () => 0 });
		cleanup.push(() => toA.close(), () => toB.close());

		const map = await createMapHttp(a.base, 'Failover bench');
		const seeder = join(a.port, map, -1, true);
		await until(() => seeder.provider.synced, 20_000, 'the seeder to sync');
		const seeds: ComponentId[] = [];
		seeder.doc.transact(() => {
			for (let i = 0; i < COMPONENTS; i++) seeds.push(addComponent(seeder.doc, { name: `Component ${i}`, evolution: (i % 10) / 10 + 0.05, visibility: Math.floor(i / 10) / 5 + 0.1 }));
		});

		const clients: Client[] = [];
		cleanup.push(() => clients.forEach((c) => c.provider.destroy()));
		for (let i = 0; i < CLIENTS; i++) clients.push(join(i % 2 === 0 ? toA.port : toB.port, map, i, i % 2 === 0));
		await until(() => clients.every((c) => c.provider.synced && readSnapshot(c.doc).components.length === COMPONENTS), 60_000, 'every client to sync');
		seeder.provider.destroy();
		for (const c of clients) c.disconnected.length = c.connected.length = c.synced.length = 0;

		const random = seeded(seed);
		const stops = clients.map((c, i) => edit(c, i, seeds, random));
		await sleep(BEFORE_S * 1000);
		// What was acknowledged before the kill: each client's edits that another client holds.
		const acked = clients.map((c) => Math.max(...clients.filter((o) => o !== c).map((o) => Y.getState(o.doc.store, c.doc.clientID))));
		const killed = performance.now();
		const exited = new Promise((r) => a.child.once('exit', r));
		a.child.kill('SIGKILL');
		await exited;
		await sleep(AFTER_S * 1000);
		for (const s of stops) s();
		const stopped = performance.now();

		const aClients = clients.filter((c) => c.onA);
		const agreed = () => {
			if (!clients.every((c) => c.provider.wsconnected && c.provider.synced)) return false;
			const sv = stateVector(clients[0].doc);
			return clients.every((c) => stateVector(c.doc) === sv);
		};
		const converged = await until(agreed, QUIET_MS, 'every client to agree').then(
			() => true,
			() => false
		);
		const quietMs = performance.now() - stopped;
		const stored = await storedDocIn(url, map.id);
		const storedNames = new Set(readSnapshot(stored).components.map((c) => c.name));

		const edits = { ackedBefore: 0, unackedBefore: 0, after: 0, adds: 0 };
		const lost = { ackedBefore: 0, unackedBefore: 0, after: 0, addsNotStored: 0 };
		let missingInClients = 0;
		clients.forEach((c, i) => {
			const id = c.doc.clientID;
			for (const e of c.edits) {
				const kind = e.at >= killed ? 'after' : e.clock <= acked[i] ? 'ackedBefore' : 'unackedBefore';
				edits[kind]++;
				if (e.name !== null) {
					edits.adds++;
					if (!storedNames.has(e.name)) lost.addsNotStored++;
				}
				const inClients = clients.every((o) => Y.getState(o.doc.store, id) >= e.clock);
				if (!inClients) missingInClients++;
				if (Y.getState(stored.store, id) < e.clock || !inClients) lost[kind]++;
			}
		});
		const after = (times: number[]) => times.find((t) => t >= killed);
		const since = (t: number | undefined) => (t === undefined ? [] : [t - killed]);
		const backAt = aClients.map((c) => after(c.synced));
		return {
			edits,
			lost,
			clientsAheadOfStore: clients.filter((c) => missingFromStore(stored, c.doc).length > 0).length,
			missingInClients,
			noticed: aClients.flatMap((c) => since(after(c.disconnected))),
			connected: aClients.flatMap((c) => since(after(c.connected))),
			synced: backAt.flatMap(since),
			notBack: backAt.filter((t) => t === undefined).length,
			bDisconnects: clients.filter((c) => !c.onA).reduce((s, c) => s + c.disconnected.length, 0),
			converged,
			quietMs,
			errors: b
				.output()
				.split('\n')
				.filter((line) => line.includes('[stackmap]') || /Uncaught|Unhandled/.test(line))
		};
	} finally {
		for (const fn of cleanup.splice(0).reverse()) await fn();
	}
}

async function stop(server: ServerProcess): Promise<void> {
	if (server.child.exitCode !== null || server.child.signalCode !== null) return;
	const exited = new Promise((r) => server.child.once('exit', r));
	server.child.kill('SIGTERM');
	await exited;
}

/** Run the failover `runs` times (WORKSHOP_BENCH_FAILOVER_RUNS, default 3) and write the section. */
export async function failover(runs = Number(process.env.WORKSHOP_BENCH_FAILOVER_RUNS ?? 3)): Promise<void> {
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	const results: FailoverRun[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			results.push(await once(postgres, redis.url, 24 + i));
			console.log(`failover run ${i + 1}: ${JSON.stringify({ ...results[i], noticed: undefined, connected: undefined, synced: undefined })}`);
		}
	} finally {
		await redis.close();
		await postgres.close();
	}
	const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
	const spread = (ms: number[]) => {
		const sorted = [...ms].sort((x, y) => x - y);
		return `${f0(percentile(sorted, 50))} / ${f0(sorted[sorted.length - 1] ?? NaN)}`;
	};
	const body = [
		`**SIGKILL of one of two instances during a ${CLIENTS}-person workshop.** Two instances A and B of the built server on one PostgreSQL database (same machine, loopback) and one Redis; ` +
			`${CLIENTS} y-websocket providers (the browser client's reconnect backoff, at most 5 s) in the benchmark's process, each connected through a TCP forwarder that plays a sticky load balancer: ` +
			`${CLIENTS / 2} to A, ${CLIENTS / 2} to B, and A's forwarder sends new connections to B once A is gone. One map of ${COMPONENTS} components; every client edits at ${EDIT_HZ} Hz ` +
			`(every other edit adds a component with a unique name, the others move a component) for ${BEFORE_S} s, then A gets SIGKILL, the clients edit ${AFTER_S} s more, stop, and the run waits until every client holds the same document. ` +
			`An edit acknowledged before the kill is one another client held at the kill. Lost: an edit missing from the map in PostgreSQL (state vector, and the added component by name) or from any client's document. ` +
			`Times are from the SIGKILL; "back" is the client's first sync with B. ${runs} run${runs === 1 ? '' : 's'}, each on a fresh database:`,
		'',
		table(
			['run', 'edits: acknowledged before the kill / not yet / after', 'lost (target 0)', 'clients holding what PostgreSQL lacks', 'A’s 30 clients: socket closed p50 / max ms', 'connected to B p50 / max ms', 'synced with B (back) p50 / last ms', 'B’s clients disconnected', 'converged (after editing stopped)'],
			results.map((r, i) => [
				i + 1,
				`${r.edits.ackedBefore} / ${r.edits.unackedBefore} / ${r.edits.after} (${r.edits.adds} adds)`,
				`${r.lost.ackedBefore} / ${r.lost.unackedBefore} / ${r.lost.after}` + (r.lost.addsNotStored ? ` (${r.lost.addsNotStored} adds not stored)` : ''),
				r.clientsAheadOfStore,
				spread(r.noticed),
				spread(r.connected),
				spread(r.synced) + (r.notBack ? ` (${r.notBack} not back in ${QUIET_MS / 1000} s)` : ''),
				r.bDisconnects,
				r.converged ? `yes, ${f0(r.quietMs)} ms` : 'NO'
			])
		),
		'',
		`Errors the surviving instance logged: ${results.map((r) => r.errors.length).join(', ')}.`
	];
	writeSection('workshop-failover', 'SIGKILL of one of two instances (issue 24)', body.join('\n'));
}

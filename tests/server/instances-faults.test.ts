// Two instances through faults: 6 real y-websocket clients, half sent to each instance by their own
// fault proxy (which, like a load balancer, sends a new connection to the other instance while
// theirs is down), edit one map at random while connections are cut and instance A is killed
// (SIGKILL) and later started again. Everything is stored in PostgreSQL, rooms shared through
// Redis; each instance has a data folder of its own.
// Right after the kill, PostgreSQL holds every update any client had received; at the end every
// client, a fresh client and the stored map are the same document, every component added is there
// exactly once unless someone deleted it, and nothing was refused.
//
// Seeds 1..CI_SEEDS run every time; STACKMAP_FUZZ_SEEDS=10 runs seeds 1..10.
import { afterAll, beforeAll, describe, expect, it, vi, type ExpectStatic } from 'vitest';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { createMapHttp, tempDataDir, until } from '../helpers/collab.js';
import { FaultProxy } from '../helpers/fault-proxy.js';
import { encodedSnapshot, startEditor, type Editor } from '../helpers/editors.js';
import { hasPending, liveClient, seeded, ServerRunner, sleep, stateVector, syncedClient } from '../helpers/faults.js';
import { startPostgres, storedDocIn, type TestPostgres } from '../helpers/postgres.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

const CI_SEEDS = 2;
const CLIENTS = 6;
const EDIT_MS = 3000;

function seedsToRun(): number[] {
	const n = Number(process.env.STACKMAP_FUZZ_SEEDS?.trim() || CI_SEEDS);
	return Array.from({ length: Number.isInteger(n) && n > 0 ? n : CI_SEEDS }, (_, i) => i + 1);
}

let cluster: TestPostgres;
let redis: TestRedis;
beforeAll(async () => {
	[cluster, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
	await redis?.close();
	await cluster?.close();
});

/** What y-websocket warns (a refused update, with the map's address). */
const warnings: string[] = [];


/** Clocks a client held from others (not its own edits, which it may not have sent yet) that `have` lacks. */
function missing(have: Map<number, number>, held: Map<number, number>, own: number): string[] {
	return [...held].filter(([id, clock]) => id !== own && (have.get(id) ?? 0) < clock).map(([id, clock]) => `client ${id}: held ${clock}, stored ${have.get(id) ?? 0}`);
}

async function runSeed(seed: number, expect: ExpectStatic, cleanup: (() => unknown)[]): Promise<void> {
	const random = seeded(seed);
	const context = (what: string) => `seed ${seed} (rerun: STACKMAP_FUZZ_SEEDS=${seed}): ${what}`;
	const url = await cluster.createDatabase();
	// A data folder each, as on machines of their own: they share nothing but PostgreSQL and Redis.
	const dirs = [tempDataDir('stackmap-instances-faults-'), tempDataDir('stackmap-instances-faults-')];
	cleanup.push(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
	const env = { DATABASE_URL: url, REDIS_URL: redis.url };
	const a = new ServerRunner(dirs[0], undefined, env);
	const b = new ServerRunner(dirs[1], undefined, env);
	cleanup.push(() => a.stop('SIGKILL'), () => b.stop('SIGKILL'));
	await a.start();
	const bFirst = await b.start();
	const map = await createMapHttp(bFirst.base, `Two instances ${seed}`);

	const editors: Editor[] = [];
	for (let i = 0; i < CLIENTS; i++) {
		const [mine, other] = i % 2 === 0 ? [a, b] : [b, a];
		const delayMs = random() < 0.5 ? ([0, 3] as const) : ([2, 30] as const);
		const proxy = await FaultProxy.start({ target: () => mine.port ?? other.port, random: seeded(seed * 1000 + i), delayMs });
		cleanup.push(() => proxy.close());
		const key = i === CLIENTS - 1 ? map.facilitatorKey : map.editKey;
		const provider = liveClient(`ws://127.0.0.1:${proxy.port}/collab`, map.id, key, `Client ${i}`);
		cleanup.push(() => provider.destroy());
		await until(() => provider.synced, 30_000, `client ${i} to sync`);
		const editor = startEditor(provider, proxy, i, seeded(seed * 1000 + 500 + i));
		cleanup.push(() => editor.stop());
		editors.push(editor);
	}

	const start = Date.now();
	const killAt = Math.round(600 + random() * 1200);
	const downMs = Math.round(200 + random() * 800);
	// Three connections cut at random moments, as a flaky network does, besides the kill.
	for (let n = 0; n < 3; n++) {
		const client = Math.floor(random() * CLIENTS);
		const timer = setTimeout(() => editors[client].proxy.cut('drop'), Math.round(200 + random() * (EDIT_MS - 400)));
		cleanup.push(() => clearTimeout(timer));
	}
	await sleep(killAt - (Date.now() - start));
	// What every client holds now was stored before anyone was sent it: read the store afterwards.
	const held = editors.map((e) => ({ own: e.provider.doc.clientID, clocks: Y.decodeStateVector(Y.encodeStateVector(e.provider.doc)) }));
	expect(await a.stop('SIGKILL'), context('SIGKILL exit code')).toBe(null);
	const afterKill = await storedDocIn(url, map.id);
	const have = Y.decodeStateVector(Y.encodeStateVector(afterKill));
	for (const [i, h] of held.entries()) expect(missing(have, h.clocks, h.own), context(`client ${i}: received before the kill but not stored`)).toEqual([]);
	afterKill.destroy();
	await sleep(downMs);
	await a.start();
	await sleep(EDIT_MS - (Date.now() - start));
	for (const editor of editors) editor.stop();

	// No more edits or faults: everyone catches up with a fresh client on each instance.
	const verifiers = await Promise.all([a, b].map((s) => syncedClient(`ws://127.0.0.1:${s.port}/collab`, map.id, map.viewKey)));
	cleanup.push(() => verifiers.forEach((v) => v.destroy()));
	const [verifier, other] = verifiers;
	try {
		await until(
			() =>
				Y.equalSnapshots(Y.snapshot(other.doc), Y.snapshot(verifier.doc)) &&
				editors.every((e) => e.provider.synced && Y.equalSnapshots(Y.snapshot(e.provider.doc), Y.snapshot(verifier.doc))),
			30_000,
			'every client, on either instance, to hold what a fresh client holds'
		);
	} catch (err) {
		const states = editors.map((e, i) => `client ${i} (synced ${e.provider.synced}): ${stateVector(e.provider.doc)}`).join('\n');
		throw new Error(context(`${(err as Error).message}\nfresh on A: ${stateVector(verifier.doc)}\nfresh on B: ${stateVector(other.doc)}\n${states}`));
	}

	const final = encodedSnapshot(verifier.doc);
	for (const [i, e] of editors.entries()) {
		expect(encodedSnapshot(e.provider.doc), context(`client ${i}'s map`)).toEqual(final);
		expect(hasPending(e.provider.doc), context(`client ${i} waits on updates it never got`)).toBe(false);
	}
	const deleted = new Set(editors.flatMap((e) => [...e.deleted]));
	const expected = editors.flatMap((e) => [...e.added].filter((id) => !deleted.has(id))).sort();
	expect(final.components.map((c) => c.id).sort(), context('components added and not deleted, each once')).toEqual(expected);

	for (const e of editors) e.provider.destroy();
	for (const v of verifiers) v.destroy();
	expect(await a.stop('SIGTERM'), context('A graceful exit')).toBe(0);
	expect(await b.stop('SIGTERM'), context('B graceful exit')).toBe(0);
	const end = await storedDocIn(url, map.id);
	expect(encodedSnapshot(end), context('the stored map')).toEqual(final);
	expect(hasPending(end), context('the stored map waits on updates it never got')).toBe(false);
	expect([...a.unexpectedExits, ...b.unexpectedExits], context('exits nobody asked for')).toEqual([]);
	expect([...a.errors(), ...b.errors()], context('server errors')).toEqual([]);
	expect(warnings.filter((w) => w.includes(map.id)), context('changes the server refused')).toEqual([]);
}

describe('two instances through faults', () => {
	beforeAll(() => {
		const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')));
		return () => warn.mockRestore();
	});

	it.for(seedsToRun())('converges with nothing lost when one instance is killed (seed %i)', { timeout: 240_000 }, async (seed, { expect }) => {
		const cleanup: (() => unknown)[] = [];
		try {
			await runSeed(seed, expect, cleanup);
		} finally {
			for (const fn of cleanup.reverse()) await fn();
		}
	});
});

// The server side of Stackmap in one object: store, rooms, map creation and the websocket
// upgrade. The production entry and the Vite dev plugin both create one and publish it on
// globalThis for SvelteKit's server routes (src/lib/server/context.ts).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { isMapId, newId } from '../src/lib/map/index.js';
import { hashKey, newKey, roleForKey } from './access.js';
import { Catalogue, CatalogueError, publicRoleWith } from './catalogue/catalogue.js';
import { OrganisationError } from './catalogue/organisations.js';
import { snapshotReader } from './catalogue/read.js';
import { loadConfig, type Config } from './config.js';
import { Bucket, Connection } from './collab/connection.js';
import { elementLabel } from './collab/guard.js';
import { displayName } from '../src/lib/collab/names.js';
import { createWorkshops, SnapshotLimitError, type Workshops } from './workshop/index.js';
import { BroadcastMetrics } from './collab/metrics.js';
import { OutboundBudget } from './collab/budget.js';
import { Rooms } from './collab/rooms.js';
import { RedisBus, type RoomBus } from './collab/bus.js';
import { createWork, type PreparedMap, type Work } from './convert/index.js';
import { prepareMap } from './convert/prepare.js';
import { MapTooBigError, NEW_TOO_BIG } from './collab/size.js';
import { openSqliteStore } from './store/sqlite.js';
import { describeDatabaseUrl, PostgresStore } from './store/postgres.js';
import { refuseDataLeftBehind } from './store/move-to-postgres.js';
import type { Sql } from './db/sql.js';
import { SqliteSql } from './db/sqlite-sql.js';
import { PostgresSql } from './db/postgres-sql.js';
import { prepareSqliteSchema } from './db/schema.js';
import type { MapRecord, MapStore, Role } from './store/types.js';
import { describeError, logEvent } from './log.js';
import { countBus } from './ops/counters.js';
import { createAuth, loadAuthConfig, RoleError, type Auth } from './auth/index.js';

/** The errors the server throws at SvelteKit's routes, which test them with `instanceof` (server/api.ts). */
const ERRORS = { MapTooBigError, CatalogueError, OrganisationError, SnapshotLimitError, RoleError } as const;

export interface CreatedMap {
	id: string;
	keys: Record<Role, string>;
}

export interface StackmapApp {
	readonly config: Config;
	readonly store: MapStore;
	/** The metadata tables: the catalogue, organisations, accounts and workshops read and write through it. */
	readonly sql: Sql;
	/** Where map documents are kept, for the start-up log: the SQLite file or the database (never its password). */
	readonly documentStore: { readonly kind: 'sqlite' | 'postgres'; readonly where: string };
	readonly rooms: Rooms;
	/** Organisations, publication settings and the search index of published maps. */
	readonly catalogue: Catalogue;
	/** Link rotation, named snapshots and change history (issue 4, docs/workshops.md). */
	readonly workshops: Workshops;
	/** Apply → broadcast timing, off unless enabled (benchmarks, /api/debug/stats). */
	readonly metrics: BroadcastMetrics;
	/** Imports and PNG renders on worker threads (docs/limits.md). */
	readonly work: Work;
	/** Optional sign-in, sessions and map owners (docs/accounts.md); off with no provider configured. */
	readonly auth: Auth;
	/**
	 * Create a map with fresh link keys from a document, or from one prepared by `work.readImport`
	 * (then nothing is decoded here); its initial document is stored before this resolves. Rejects
	 * with MapTooBigError (nothing created) when the document is over the map size limits.
	 */
	createMap(init?: { title?: string; doc?: Y.Doc; prepared?: PreparedMap }): Promise<CreatedMap>;
	/** Handle an HTTP upgrade. Returns false when the path is not a collaboration path. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** The strongest role a link key grants on a map, or null (server/access.ts). */
	roleForKey(record: MapRecord, key: string | null | undefined): Role | null;
	/** Open collaboration websockets. */
	connections(): number;
	/** Bytes queued to send across every connection. */
	outboundBytes(): number;
	/** Whether the stores answer a query now (/readyz): SQLite, and PostgreSQL when documents are there. */
	storeReady(): Promise<boolean>;
	/** The other instances (REDIS_URL), or null when this one is alone. */
	readonly bus: RoomBus | null;
	/** This server's error classes: the web bundle has none of its own (server/api.ts). */
	readonly errors: typeof ERRORS;
	close(): Promise<void>;
}

/** Bytes an address's byte rate must hold again before it may open another websocket. */
const ADDRESS_SPENT_BYTES = 64 * 1024;

/** How long a graceful shutdown waits for clients to take their close frames. */
const SHUTDOWN_GRACE_MS = 2000;

const COLLAB_PATH = /^\/collab\/([^/?#]*)$/;

function reject(socket: Duplex, status: number, message: string): void {
	const body = JSON.stringify({ error: message });
	socket.end(
		`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}

/** The client's address: the socket's peer, or behind a trusted proxy the address it saw. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
	const forwarded = req.headers['x-forwarded-for'];
	if (trustProxy && typeof forwarded === 'string') {
		const last = forwarded.split(',').pop()?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? 'unknown';
}

function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return true; // not a browser: keys still decide
	try {
		const url = new URL(origin);
		return url.host === req.headers.host || allowed.includes(url.origin);
	} catch {
		return false;
	}
}

/**
 * Create the app and open its stores: a database that cannot be reached or migrated rejects here,
 * saying why, and what is kept in memory (search facets, the radar) is loaded before it resolves.
 */
export async function createStackmap(overrides: Partial<Config> = {}): Promise<StackmapApp> {
	const config = loadConfig(process.env, overrides);
	const onError = (err: unknown) => logEvent('server error', { error: describeError(err) });
	// Everything in one database: the SQLite file by default; with DATABASE_URL, PostgreSQL (the file is not opened).
	const documents = config.databaseUrl ? new PostgresStore(config.databaseUrl, { poolSize: config.databasePool, sharedWriters: config.redisUrl !== null }) : null;
	const sqlite = documents ? null : openSqliteStore(config.dbFile);
	const store: MapStore = documents ?? sqlite!;
	// The metadata tables (records, catalogue, organisations, accounts, workshops) through one door.
	const sql: Sql = documents ? new PostgresSql(documents.pool) : new SqliteSql(sqlite!.db);
	try {
		// PostgreSQL's schema comes with the store's open (its migrations); SQLite's from its steps.
		await store.open?.();
		if (sql instanceof SqliteSql) await prepareSqliteSchema(sql);
		if (documents) await refuseDataLeftBehind(config.dbFile, sql);
	} catch (err) {
		await store.close().catch(() => undefined);
		throw err;
	}
	const documentStore = documents
		? ({ kind: 'postgres', where: describeDatabaseUrl(config.databaseUrl!) } as const)
		: ({ kind: 'sqlite', where: config.dbFile } as const);
	const metrics = new BroadcastMetrics();
	const busErrors = redisErrors();
	const bus = config.redisUrl ? new RedisBus(config.redisUrl, { onError: busErrors.log, onTraffic: countBus }) : null;
	bus?.onResync(busErrors.answered);
	const rooms = new Rooms(store, {
		bus: bus ?? undefined,
		broadcastMs: config.broadcastMs,
		compactEvery: config.compactEvery,
		graceMs: config.graceMs,
		onError,
		metrics,
		onChanged: (id, doc, seq) => void catalogue.docChanged(id, doc, seq).catch(onError)
	});
	const catalogue = await Catalogue.open(sql, snapshotReader(store, rooms), undefined, documents && ((id: string) => documents.lastSeq(id)), bus);
	// Catch up with edits a crash kept out of the index (normally nothing to do).
	const reconciled = catalogue.reconcile().catch(onError);
	// Then the radar's table, read a page of maps at a time while requests are served.
	const warmed = reconciled.then(() => catalogue.warmRadar()).catch(onError);
	const auth = createAuth(sql, loadAuthConfig(process.env), { onError });
	const workshops = createWorkshops(sql, store, rooms, { maxComponents: config.maxComponents, maxDocBytes: config.maxDocBytes });
	const budget = new OutboundBudget(config.maxBufferedTotalBytes);
	const hooks = {
		onApplied: (conn: Connection, changes: Parameters<Workshops['history']['record']>[2]) =>
			workshops.history.record(conn.room.id, conn.name, changes, (collection, id) => elementLabel(conn.room.doc, collection, id)),
		budget
	};
	/** Open websockets (and upgrades under way) per client address. */
	const perAddress = new Map<string, number>();
	/** Each address's byte rate, shared by its connections: reconnecting does not refill it. */
	const addressBytes = new Map<string, Bucket>();
	const work = createWork(config);
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxPayloadBytes, perMessageDeflate: false });
	const limits = {
		maxAwarenessBytes: config.maxPresenceBytes,
		messagesPerSecond: config.messagesPerSecond,
		messageBurst: config.messageBurst,
		maxBufferedBytes: config.maxBufferedBytes,
		bytesPerSecond: config.bytesPerSecond,
		byteBurst: config.byteBurst,
		maxComponents: config.maxComponents,
		maxDocBytes: config.maxDocBytes
	};

	const keepalive = setInterval(() => {
		for (const ws of wss.clients) {
			const conn = (ws as unknown as { stackmap?: Connection }).stackmap;
			if (!conn) continue;
			if (!conn.alive) {
				ws.terminate();
				continue;
			}
			conn.alive = false;
			ws.ping();
		}
	}, 30_000);
	keepalive.unref();
	const compaction = setInterval(() => void rooms.compactIdle(config.compactEvery).catch(onError), 60_000);
	// Forget the byte rates of addresses with nothing open and nothing left to pay back.
	const sweep = setInterval(() => {
		for (const [address, bucket] of addressBytes) if (!perAddress.has(address) && bucket.full()) addressBytes.delete(address);
	}, 60_000);
	sweep.unref();
	compaction.unref();

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, rawId: string): Promise<void> {
		if (!isMapId(rawId)) return reject(socket, 400, 'Bad map id');
		if (!originAllowed(req, config.allowedOrigins)) return reject(socket, 403, 'Origin not allowed');
		const record = await store.getMap(rawId);
		if (!record) return reject(socket, 404, 'Map not found');
		const params = new URL(req.url ?? '', 'http://localhost').searchParams;
		const key = params.get('key');
		// A signed-in owner joins as facilitator without a link, as if with its key.
		const owner = await auth.ownerJoin(rawId, req.headers.cookie);
		const role = roleForKey(record, key) ?? (owner ? 'facilitator' : null) ?? (await catalogue.publicRole(record));
		if (!role) return reject(socket, 403, 'Link not valid');
		const room = await rooms.open(rawId);
		if (socket.destroyed) return rooms.released(room);
		// The link may have been rotated, or the map withdrawn from the public, while the room loaded:
		// check again, the record read last, with no await between it and the socket joining.
		const pub = role === 'viewer' ? await catalogue.publication(rawId) : undefined;
		const now = await store.getMap(rawId);
		const keyed = now ? roleForKey(now, key) : null;
		if (!now || (keyed ?? (owner ? 'facilitator' : null) ?? publicRoleWith(now, pub)) !== role) {
			rooms.released(room);
			return reject(socket, 403, 'Link not valid');
		}
		const join = { name: displayName(params.get('name')), keyHash: keyed && key ? hashKey(key) : (owner?.joinHash ?? null) };
		const address = clientAddress(req, config.trustProxy);
		let bucket = addressBytes.get(address);
		if (!bucket) addressBytes.set(address, (bucket = new Bucket(config.bytesPerSecondPerIp, config.byteBurstPerIp)));
		const take = (n: number) => bucket.take(n);
		wss.handleUpgrade(req, socket, head, (ws) => {
			const conn = new Connection(ws, room, role, limits, join, { ...hooks, addressBytes: take });
			(ws as unknown as { stackmap?: Connection }).stackmap = conn;
			ws.on('close', () => rooms.released(room));
		});
	}

	return {
		config,
		store,
		sql,
		documentStore,
		rooms,
		catalogue,
		workshops,
		metrics,
		work,
		auth,
		errors: ERRORS,
		roleForKey,
		bus,
		connections: () => wss.clients.size,
		outboundBytes: () => budget.total(),
		async storeReady() {
			// With PostgreSQL the store's check is the database's (it also says whether it is migrated).
			return documents ? documents.ready() : sql.ready();
		},
		async createMap(init = {}) {
			const id = newId(12);
			const keys = { facilitator: newKey(), participant: newKey(), viewer: newKey() };
			const now = Date.now();
			const prepared = init.prepared ?? prepareMap(init.doc ?? new Y.Doc(), limits, init.title);
			// Prepared elsewhere under the same limits; checked again as it costs nothing.
			if (prepared.components > limits.maxComponents) throw new MapTooBigError(NEW_TOO_BIG.components(prepared.components, limits.maxComponents));
			if (prepared.update.byteLength > limits.maxDocBytes) throw new MapTooBigError(NEW_TOO_BIG.bytes(prepared.update.byteLength, limits.maxDocBytes));
			const { title, update } = prepared;
			await store.createMap({
				id,
				title,
				createdAt: now,
				updatedAt: now,
				visibility: 'private',
				keyHashes: { facilitator: hashKey(keys.facilitator), participant: hashKey(keys.participant), viewer: hashKey(keys.viewer) }
			});
			await store.appendUpdate(id, update);
			await workshops.links.seal(id, keys.facilitator, { participant: keys.participant, viewer: keys.viewer });
			return { id, keys };
		},
		handleUpgrade(req, socket, head) {
			const path = (req.url ?? '').split('?')[0];
			const match = COLLAB_PATH.exec(path);
			if (!match) return false;
			socket.on('error', () => socket.destroy());
			const address = clientAddress(req, config.trustProxy);
			const open = perAddress.get(address) ?? 0;
			// An address that spent its byte rate waits for it, rather than reconnecting to send more.
			if (open >= config.maxConnectionsPerIp || addressBytes.get(address)?.spent(ADDRESS_SPENT_BYTES)) {
				reject(socket, 429, 'Too many connections');
				return true;
			}
			perAddress.set(address, open + 1);
			// Counted from the upgrade request until the socket closes, whatever happens in between.
			socket.once('close', () => {
				const n = (perAddress.get(address) ?? 1) - 1;
				if (n > 0) perAddress.set(address, n);
				else {
					perAddress.delete(address);
					// Kept while it is still being paid back, so a quick reconnect does not refill it.
					const bucket = addressBytes.get(address);
					if (bucket?.full()) addressBytes.delete(address);
				}
			});
			upgrade(req, socket, head, match[1]).catch((err) => {
				onError(err);
				if (!socket.destroyed) reject(socket, 500, 'Server error');
			});
			return true;
		},
		async close() {
			clearInterval(keepalive);
			budget.close();
			clearInterval(compaction);
			clearInterval(sweep);
			await reconciled;
			await warmed;
			await work.close();
			await rooms.closeAll();
			// Going away (1001): clients reconnect, to another instance if there is one; those that do
			// not answer within the grace are cut off.
			const open = [...wss.clients];
			for (const ws of open) ws.close(1001, 'Server restarting');
			await Promise.race([
				Promise.all(open.map((ws) => (ws.readyState === ws.CLOSED ? undefined : new Promise((r) => ws.once('close', r))))),
				new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS))
			]);
			for (const ws of wss.clients) ws.terminate();
			wss.close();
			await workshops.close();
			auth.close();
			await bus?.close();
			await store.close();
		}
	};
}

/** Redis errors, each kind logged once until Redis answers again (a restart would log every retry). */
function redisErrors(): { log: (err: unknown) => void; answered: () => void } {
	let last = '';
	return {
		log(err) {
			const error = describeError(err);
			const text = `${error.name}: ${error.message ?? ''}`;
			if (text === last) return;
			last = text;
			logEvent('redis error', { error });
		},
		answered() {
			last = '';
		}
	};
}

declare global {
	// eslint-disable-next-line no-var
	var __stackmap: StackmapApp | undefined;
}

/** Make the app reachable from SvelteKit's server routes in this process. */
export function publish(app: StackmapApp): void {
	globalThis.__stackmap = app;
}

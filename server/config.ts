// Settings from the environment, with the defaults documented in README.md.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

export interface Config {
	host: string;
	port: number;
	/** Folder of the embedded SQLite database. */
	dataDir: string;
	dbFile: string;
	/** postgres://… URL of the database holding map documents (DATABASE_URL); null: they stay in the SQLite file. */
	databaseUrl: string | null;
	/** Connections to that database (STACKMAP_DATABASE_POOL). */
	databasePool: number;
	/** redis://… URL (REDIS_URL) through which several instances share rooms; null: this instance alone. */
	redisUrl: string | null;
	broadcastMs: number;
	graceMs: number;
	maxPayloadBytes: number;
	compactEvery: number;
	/** Most components a map may hold; an update that would add past it is refused. */
	maxComponents: number;
	/** Largest a map's encoded document may grow, bytes; an update that would grow it past this is refused. */
	maxDocBytes: number;
	/** Largest presence (awareness) state one client may publish, bytes of JSON. */
	maxPresenceBytes: number;
	/** Messages a second one connection may send on average, and the burst it may save up. */
	messagesPerSecond: number;
	messageBurst: number;
	/** A connection whose unsent data grows past this many bytes (it stopped reading) is dropped. */
	maxBufferedBytes: number;
	/** Unsent bytes across all connections; past it the slowest readers are dropped first. */
	maxBufferedTotalBytes: number;
	/** Bytes a second one connection may send on average, and the burst it may save up. */
	bytesPerSecond: number;
	byteBurst: number;
	/** Bytes a second all connections from one address may send on average, and their burst. */
	bytesPerSecondPerIp: number;
	byteBurstPerIp: number;
	/** Websockets open at once from one address. */
	maxConnectionsPerIp: number;
	/** Take the client's address from the last X-Forwarded-For entry (behind a reverse proxy). */
	trustProxy: boolean;
	/** Extra origins allowed to open websockets (the page's own host is always allowed). */
	allowedOrigins: string[];
	/** Seed the catalogue with the fictional demo councils when the database is empty. */
	seed: boolean;
	/** Worker threads for imports and PNG renders (0: on the main thread, as in development without a build). */
	workers: number;
	/** Jobs that may wait for a worker; past this a request is answered 503 (try again). */
	workQueue: number;
	/** A job running longer than this is stopped (its worker terminated), ms. */
	workTimeoutMs: number;
	/** Heap a worker may use, MB; past it the worker is stopped. */
	workMemoryMb: number;
}

function int(value: string | undefined, fallback: number): number {
	const n = value === undefined || value === '' ? NaN : Number(value);
	return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** DATABASE_URL if set: a postgres:// URL, or a start that fails saying so (never a silent SQLite fallback). */
function databaseUrl(value: string | undefined): string | null {
	if (!value) return null;
	if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
	return value;
}

/** REDIS_URL if set: a redis:// URL, and only with DATABASE_URL (instances must share their documents). */
function redisUrl(value: string | undefined, database: string | null): string | null {
	if (!value) return null;
	if (!/^rediss?:\/\//.test(value)) throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
	if (!database) throw new Error('REDIS_URL needs DATABASE_URL: instances that share rooms must share map documents (PostgreSQL)');
	return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
	const dataDir = resolve(env.STACKMAP_DATA || './data');
	return {
		host: env.HOST || '0.0.0.0',
		port: int(env.PORT, 3000),
		dataDir,
		dbFile: join(dataDir, 'stackmap.db'),
		databaseUrl: databaseUrl(env.DATABASE_URL),
		databasePool: Math.max(1, int(env.STACKMAP_DATABASE_POOL, 10)),
		redisUrl: redisUrl(env.REDIS_URL, env.DATABASE_URL || null),
		broadcastMs: int(env.STACKMAP_BROADCAST_MS, 15),
		graceMs: int(env.STACKMAP_GRACE_MS, 10_000),
		maxPayloadBytes: int(env.STACKMAP_MAX_PAYLOAD, 4 * 1024 * 1024),
		compactEvery: int(env.STACKMAP_COMPACT_EVERY, 500),
		maxComponents: int(env.STACKMAP_MAX_COMPONENTS, 5000),
		maxDocBytes: int(env.STACKMAP_MAX_DOC_BYTES, 2 * 1024 * 1024),
		maxPresenceBytes: int(env.STACKMAP_MAX_PRESENCE_BYTES, 16 * 1024),
		messagesPerSecond: int(env.STACKMAP_MESSAGES_PER_SECOND, 1000),
		messageBurst: int(env.STACKMAP_MESSAGE_BURST, 5000),
		maxBufferedBytes: int(env.STACKMAP_MAX_BUFFERED, 16 * 1024 * 1024),
		maxBufferedTotalBytes: int(env.STACKMAP_MAX_BUFFERED_TOTAL, 128 * 1024 * 1024),
		bytesPerSecond: int(env.STACKMAP_BYTES_PER_SECOND, 1024 * 1024),
		byteBurst: int(env.STACKMAP_BYTE_BURST, 8 * 1024 * 1024),
		bytesPerSecondPerIp: int(env.STACKMAP_BYTES_PER_SECOND_PER_IP, 4 * 1024 * 1024),
		byteBurstPerIp: int(env.STACKMAP_BYTE_BURST_PER_IP, 32 * 1024 * 1024),
		maxConnectionsPerIp: int(env.STACKMAP_MAX_CONNECTIONS_PER_IP, 200),
		trustProxy: env.STACKMAP_TRUST_PROXY === '1',
		allowedOrigins: (env.STACKMAP_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean),
		seed: env.STACKMAP_SEED !== '0',
		// One core is left to the main thread (rooms, pages); at most two workers.
		workers: int(env.STACKMAP_WORKERS, Math.min(2, Math.max(1, availableParallelism() - 1))),
		workQueue: int(env.STACKMAP_WORK_QUEUE, 8),
		workTimeoutMs: int(env.STACKMAP_WORK_TIMEOUT_MS, 10_000),
		workMemoryMb: int(env.STACKMAP_WORK_MEMORY_MB, 256),
		...overrides
	};
}

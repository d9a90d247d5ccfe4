// Rooms across instances (REDIS_URL): each instance keeps its own copy of an open map and tells the
// others, over Redis pub/sub, of every edit it stored, every presence change of its own clients, and
// every socket a revocation must close. The approach of Hocuspocus's Redis extension. The database is
// the source of truth: an edit is stored before it is published, so a message Redis drops is found
// again in the store, which every room reloads after Redis comes back (resync).
import { Redis } from 'ioredis';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { randomBytes } from 'node:crypto';

/** What one instance tells the others about one map. */
export type BusMessage =
	/** An edit, already stored. */
	| { readonly kind: 'update'; readonly data: Uint8Array }
	/** Presence of this instance's clients (an encoded awareness update). */
	| { readonly kind: 'awareness'; readonly data: Uint8Array }
	/** An instance just opened the room: the others send the presence of their clients. */
	| { readonly kind: 'hello' }
	/** Close the sockets that match on every instance (a link rotated, access taken away). */
	| { readonly kind: 'revoke'; readonly match: RevokeMatch };

/** Which sockets of a map a revocation closes; hashes are base64. */
export type RevokeMatch = { readonly keyHash: string } | { readonly public: true } | { readonly joins: readonly string[] };

/** A change to the shared catalogue tables another instance must follow: one map's entry, or everything (null). */
export type CatalogueChange = { readonly map: string | null };

export interface RoomBus {
	/** This instance, as the others see it in messages (its own messages come back and are skipped). */
	readonly instance: string;
	/** Receive other instances' messages about a map; resolves once subscribed. */
	join(map: string, handler: (message: BusMessage) => void): Promise<void>;
	leave(map: string): void;
	/** Tell the other instances (best effort: a message lost while Redis is away is made up by resync). */
	publish(map: string, message: BusMessage): void;
	/** Tell the others the catalogue tables changed. */
	catalogueChanged(change: CatalogueChange): void;
	onCatalogue(handler: (change: CatalogueChange) => void): void;
	/** Called each time the connection to Redis is (again) ready: every open room reloads from the store. */
	onResync(handler: () => void): void;
	/** Record this instance's sockets on a map, per key hash (base64), for the others to count; null: none. */
	sharePeers(map: string, byKey: Record<string, number> | null): void;
	/** The other instances' sockets on a map, per key hash, as they last recorded them (fresh records only). */
	peersElsewhere(map: string): Promise<Record<string, number>>;
	ready(): Promise<boolean>;
	close(): Promise<void>;
}

const KIND = { update: 0, awareness: 1, hello: 2, revoke: 3, catalogue: 4 } as const;
const PREFIX = 'stackmap:';
/** How long a room waits for its subscription before it opens anyway (Redis answering slowly). */
const JOIN_WAIT_MS = 2000;
const CATALOGUE = `${PREFIX}catalogue`;
const room = (map: string) => `${PREFIX}room:${map}`;
const peersKey = (map: string) => `${PREFIX}peers:${map}`;
/** An instance's record of its sockets counts for this long without being renewed (a killed instance's goes stale). */
export const PEERS_FRESH_MS = 45_000;

export function encodeBusMessage(instance: string, message: BusMessage | { kind: 'catalogue'; change: CatalogueChange }): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, instance);
	encoding.writeVarUint(e, KIND[message.kind]);
	if (message.kind === 'update' || message.kind === 'awareness') encoding.writeVarUint8Array(e, message.data);
	else if (message.kind === 'revoke') encoding.writeVarString(e, JSON.stringify(message.match));
	else if (message.kind === 'catalogue') encoding.writeVarString(e, message.change.map ?? '');
	return encoding.toUint8Array(e);
}

export function decodeBusMessage(bytes: Uint8Array): { instance: string; message: BusMessage | { kind: 'catalogue'; change: CatalogueChange } } {
	const d = decoding.createDecoder(bytes);
	const instance = decoding.readVarString(d);
	const kind = decoding.readVarUint(d);
	switch (kind) {
		case KIND.update:
			return { instance, message: { kind: 'update', data: decoding.readVarUint8Array(d) } };
		case KIND.awareness:
			return { instance, message: { kind: 'awareness', data: decoding.readVarUint8Array(d) } };
		case KIND.hello:
			return { instance, message: { kind: 'hello' } };
		case KIND.revoke:
			return { instance, message: { kind: 'revoke', match: JSON.parse(decoding.readVarString(d)) as RevokeMatch } };
		case KIND.catalogue: {
			const map = decoding.readVarString(d);
			return { instance, message: { kind: 'catalogue', change: { map: map || null } } };
		}
		default:
			throw new Error(`unknown bus message kind ${kind}`);
	}
}

/** Where a redis:// URL points, without its password (for logs). */
export function describeRedisUrl(url: string): string {
	try {
		const u = new URL(url);
		return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname === '/' ? '' : u.pathname}`;
	} catch {
		return 'redis (unparsable URL)';
	}
}

export interface RedisBusOptions {
	onError?: (err: unknown) => void;
	/** Counted per message published and received (metrics). */
	onTraffic?: (direction: 'out' | 'in', bytes: number) => void;
}

/** The bus over Redis at `url` (redis://…). Connects in the background; ready() tells whether it is connected. */
export class RedisBus implements RoomBus {
	readonly instance = randomBytes(8).toString('hex');
	private readonly pub: Redis;
	private readonly sub: Redis;
	private readonly handlers = new Map<string, (message: BusMessage) => void>();
	private readonly catalogueHandlers: ((change: CatalogueChange) => void)[] = [];
	private readonly resyncHandlers: (() => void)[] = [];
	private readonly onError: (err: unknown) => void;
	private readonly onTraffic: RedisBusOptions['onTraffic'];
	private closed = false;

	constructor(url: string, options: RedisBusOptions = {}) {
		this.onError = options.onError ?? (() => undefined);
		this.onTraffic = options.onTraffic;
		const common = {
			// Retry every half second at most: a restarted Redis is found again quickly.
			retryStrategy: (times: number) => Math.min(50 * times, 500),
			connectTimeout: 5000,
			lazyConnect: false
		};
		// Publishing while Redis is away fails at once rather than queueing without bound; resync makes up for it.
		this.pub = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
		this.sub = new Redis(url, { ...common, autoResubscribe: true });
		this.pub.on('error', (err) => this.onError(err));
		this.sub.on('error', (err) => this.onError(err));
		// Every (re)connection, the first included (rooms may have opened while Redis was away):
		// resubscribing was sent first on this connection, so once a ping is answered the rooms are
		// subscribed again, and what they reload from the store next misses nothing published since.
		this.sub.on('ready', () => {
			void this.sub
				.ping()
				.catch(() => undefined)
				.then(() => {
					for (const h of this.resyncHandlers) h();
				});
		});
		this.sub.on('messageBuffer', (channel: Buffer, body: Buffer) => this.receive(channel.toString(), body));
		this.sub.subscribe(CATALOGUE).catch((err) => this.onError(err));
	}

	private receive(channel: string, body: Buffer): void {
		let decoded: ReturnType<typeof decodeBusMessage>;
		try {
			decoded = decodeBusMessage(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
		} catch (err) {
			this.onError(err);
			return;
		}
		if (decoded.instance === this.instance) return;
		this.onTraffic?.('in', body.byteLength);
		const { message } = decoded;
		if (message.kind === 'catalogue') {
			for (const h of this.catalogueHandlers) h(message.change);
			return;
		}
		if (!channel.startsWith(`${PREFIX}room:`)) return;
		this.handlers.get(channel.slice(`${PREFIX}room:`.length))?.(message);
	}

	async join(map: string, handler: (message: BusMessage) => void): Promise<void> {
		this.handlers.set(map, handler);
		const subscribed = this.sub.subscribe(room(map)).then(
			() => undefined,
			(err) => this.onError(err)
		);
		// While Redis is away (or slow) the room still opens, from the store: the subscription is sent
		// when Redis is back, and the resync that follows catches up with what was stored meanwhile.
		if (this.sub.status !== 'ready') return;
		await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, JOIN_WAIT_MS).unref())]);
	}

	leave(map: string): void {
		this.handlers.delete(map);
		if (!this.closed) this.sub.unsubscribe(room(map)).catch((err) => this.onError(err));
	}

	publish(map: string, message: BusMessage): void {
		this.send(room(map), encodeBusMessage(this.instance, message));
	}

	catalogueChanged(change: CatalogueChange): void {
		this.send(CATALOGUE, encodeBusMessage(this.instance, { kind: 'catalogue', change }));
	}

	private send(channel: string, bytes: Uint8Array): void {
		if (this.closed) return;
		this.onTraffic?.('out', bytes.byteLength);
		this.pub.publish(channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((err) => this.onError(err));
	}

	sharePeers(map: string, byKey: Record<string, number> | null): void {
		if (this.closed) return;
		const key = peersKey(map);
		const write = byKey
			? this.pub.multi().hset(key, this.instance, JSON.stringify({ at: Date.now(), byKey })).pexpire(key, PEERS_FRESH_MS * 2).exec()
			: this.pub.hdel(key, this.instance);
		write.catch((err) => this.onError(err));
	}

	async peersElsewhere(map: string): Promise<Record<string, number>> {
		const sum: Record<string, number> = {};
		let all: Record<string, string>;
		try {
			all = await this.pub.hgetall(peersKey(map));
		} catch (err) {
			this.onError(err);
			return sum;
		}
		const now = Date.now();
		for (const [instance, json] of Object.entries(all)) {
			if (instance === this.instance) continue;
			const record = JSON.parse(json) as { at: number; byKey: Record<string, number> };
			if (now - record.at > PEERS_FRESH_MS) continue;
			for (const [hash, n] of Object.entries(record.byKey)) sum[hash] = (sum[hash] ?? 0) + n;
		}
		return sum;
	}

	onCatalogue(handler: (change: CatalogueChange) => void): void {
		this.catalogueHandlers.push(handler);
	}

	onResync(handler: () => void): void {
		this.resyncHandlers.push(handler);
	}

	async ready(): Promise<boolean> {
		if (this.pub.status !== 'ready' || this.sub.status !== 'ready') return false;
		try {
			return (await this.pub.ping()) === 'PONG';
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		this.closed = true;
		this.handlers.clear();
		this.pub.disconnect();
		this.sub.disconnect();
	}
}

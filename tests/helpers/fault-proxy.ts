// A TCP proxy that stands for one client's bad network between it and the server: it delays bytes
// (in order, split into random pieces), cuts connections, and can hold back a dead connection's
// last bytes and deliver them to the server later, after the client has reconnected.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface FaultProxyOptions {
	/** The server's port now; null while it is down (a new connection is then closed at once). */
	target(): number | null;
	/** Seeded random numbers in [0, 1): where bytes are split and how long each piece waits. */
	random(): number;
	/** Delay of each piece of bytes, ms, drawn in [min, max]. Can be changed later (`delayMs`). */
	delayMs?: readonly [number, number];
}

const END = Symbol('end');
type Piece = Buffer | typeof END;

/**
 * One direction of a connection: pieces are written in the order they came, each no sooner than
 * its due time, by one timer for the head of the queue (so a later piece never overtakes).
 */
class Lane {
	private readonly queue: { at: number; piece: Piece }[] = [];
	private timer: ReturnType<typeof setTimeout> | null = null;
	private last = 0;
	held = false;

	constructor(
		private readonly to: Socket,
		private readonly delay: () => number
	) {}

	push(piece: Piece): void {
		this.last = Math.max(this.last, Date.now() + this.delay());
		this.queue.push({ at: this.last, piece });
		this.pump();
	}

	/** Deliver everything queued now (regardless of due times), then end the socket. */
	flushAndEnd(): void {
		this.held = false;
		for (const { piece } of this.queue.splice(0)) this.write(piece);
		if (!this.to.destroyed) this.to.end();
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.queue.length = 0;
	}

	private pump(): void {
		if (this.timer || this.held) return;
		const head = this.queue[0];
		if (!head) return;
		this.timer = setTimeout(() => {
			this.timer = null;
			if (this.held) return;
			const now = Date.now();
			while (this.queue.length && this.queue[0].at <= now) this.write(this.queue.shift()!.piece);
			this.pump();
		}, Math.max(0, head.at - Date.now()));
	}

	private write(piece: Piece): void {
		if (this.to.destroyed) return;
		if (piece === END) this.to.end();
		else this.to.write(piece);
	}
}

class Pair {
	readonly up: Socket;
	readonly toServer: Lane;
	readonly toClient: Lane;
	dead = false;

	constructor(
		readonly down: Socket,
		port: number,
		private readonly proxy: FaultProxy
	) {
		this.up = connect(port, '127.0.0.1');
		this.up.setNoDelay(true);
		down.setNoDelay(true);
		this.toServer = new Lane(this.up, () => proxy.delay());
		this.toClient = new Lane(down, () => proxy.delay());
		down.on('data', (chunk: Buffer) => this.split(chunk, this.toServer));
		this.up.on('data', (chunk: Buffer) => this.split(chunk, this.toClient));
		// A clean close travels behind the bytes already on their way.
		down.on('end', () => this.toServer.push(END));
		this.up.on('end', () => this.toClient.push(END));
		down.on('error', () => this.kill());
		this.up.on('error', () => this.kill());
		down.on('close', () => this.closed());
		this.up.on('close', () => this.closed());
	}

	private split(chunk: Buffer, lane: Lane): void {
		let at = 0;
		while (at < chunk.length) {
			const n = this.proxy.random() < 0.5 ? chunk.length - at : 1 + Math.floor(this.proxy.random() * (chunk.length - at));
			lane.push(chunk.subarray(at, at + n));
			at += n;
		}
	}

	/** Cut now: both sides destroyed, whatever is on its way is lost. */
	kill(): void {
		if (this.dead) return;
		this.dead = true;
		this.toServer.stop();
		this.toClient.stop();
		this.down.destroy();
		this.up.destroy();
	}

	/**
	 * Cut the client's side now, but keep the server's side open and hold what the client had sent
	 * and is still on its way: delivered to the server after `ms`, then the server's side ends.
	 */
	holdBack(ms: number): void {
		if (this.dead) return;
		this.dead = true;
		this.toClient.stop();
		this.toServer.held = true;
		this.down.destroy();
		const timer = setTimeout(() => this.toServer.flushAndEnd(), ms);
		this.proxy.timers.add(timer);
	}

	private closed(): void {
		if (this.down.destroyed && this.up.destroyed) this.proxy.pairs.delete(this);
		else if (!this.toServer.held && (this.down.destroyed || this.up.destroyed) && !this.dead) {
			// One side went away for good: give the other a moment for bytes in flight, then cut.
			const timer = setTimeout(() => this.kill(), 2000);
			this.proxy.timers.add(timer);
		}
	}
}

export class FaultProxy {
	readonly pairs = new Set<Pair>();
	readonly timers = new Set<ReturnType<typeof setTimeout>>();
	/** Delay of each piece, ms, [min, max]; change it to slow this client down or speed it up. */
	delayMs: readonly [number, number];
	/** The delay the proxy started with. */
	readonly baseDelayMs: readonly [number, number];
	/** Connections cut so far (to check that faults really happened). */
	cuts = 0;
	private readonly server: Server;
	private readonly options: FaultProxyOptions;

	private constructor(server: Server, options: FaultProxyOptions) {
		this.server = server;
		this.options = options;
		this.delayMs = this.baseDelayMs = options.delayMs ?? [0, 0];
	}

	/** Start a proxy on a random local port. */
	static async start(options: FaultProxyOptions): Promise<FaultProxy> {
		const server = createServer();
		const proxy = new FaultProxy(server, options);
		server.on('connection', (down) => {
			const port = options.target();
			if (port === null) return void down.destroy();
			proxy.pairs.add(new Pair(down, port, proxy));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return proxy;
	}

	get port(): number {
		return (this.server.address() as { port: number }).port;
	}

	random(): number {
		return this.options.random();
	}

	delay(): number {
		const [min, max] = this.delayMs;
		return min + this.options.random() * (max - min);
	}

	/** Cut every live connection: `drop` loses bytes on their way; `holdBack` delivers the client's late. */
	cut(mode: 'drop' | 'holdBack', holdMs = 500): void {
		for (const pair of this.pairs) {
			if (pair.dead) continue;
			this.cuts++;
			if (mode === 'drop') pair.kill();
			else pair.holdBack(holdMs);
		}
	}

	async close(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		for (const pair of this.pairs) pair.kill();
		this.pairs.clear();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

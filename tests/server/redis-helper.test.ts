// The throwaway Redis the tests use: real clients store and read values, a stopped server refuses
// connections, and a restarted one answers again on the same port, empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
beforeAll(async () => {
	redis = await startRedis();
});
afterAll(() => redis?.close());

/** A client that gives up at once instead of retrying, so a refused connection fails the call. */
function client(url: string): Redis {
	return new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 2000 });
}

async function withClient<T>(fn: (c: Redis) => Promise<T>): Promise<T> {
	const c = client(redis.url);
	// ioredis rejects connect() with "Connection is closed"; the socket's own error comes as an event.
	let refused: Error | null = null;
	c.on('error', (err: Error) => (refused = err));
	try {
		await c.connect();
		return await fn(c);
	} catch (err) {
		throw refused ?? err;
	} finally {
		c.disconnect();
	}
}

describe('test Redis helper', () => {
	it('stores values, refuses connections while stopped, and answers again on the same port, empty', async () => {
		expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
		await withClient(async (c) => {
			await c.set('stackmap:test', 'hello');
			expect(await c.get('stackmap:test')).toBe('hello');
		});

		await redis.stop();
		await expect(withClient((c) => c.ping())).rejects.toThrow(/ECONNREFUSED/);

		await redis.start();
		expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
		await withClient(async (c) => {
			expect(await c.ping()).toBe('PONG');
			expect(await c.get('stackmap:test')).toBeNull();
		});
	});
});

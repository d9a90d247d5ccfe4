// The bus's own parts: messages read back as written (and a foreign one is refused, not guessed),
// and a Redis URL is logged without its password.
import { describe, expect, it } from 'vitest';
import { decodeBusMessage, describeRedisUrl, encodeBusMessage } from '../../server/collab/bus.js';

describe('bus messages', () => {
	it('read back every kind as written, with the sending instance', () => {
		const kinds = [
			{ kind: 'update', data: new Uint8Array([1, 2, 3]) },
			{ kind: 'awareness', data: new Uint8Array([9]) },
			{ kind: 'hello' },
			{ kind: 'revoke', match: { keyHash: 'q83vEjRWeJA=' } },
			{ kind: 'revoke', match: { public: true } },
			{ kind: 'revoke', match: { joins: ['a', 'b'] } },
			{ kind: 'catalogue', change: { map: 'abc123def456' } },
			{ kind: 'catalogue', change: { map: null } }
		] as const;
		for (const message of kinds) expect(decodeBusMessage(encodeBusMessage('instance-1', message))).toEqual({ instance: 'instance-1', message });
	});

	it('refuses a message of a kind it does not know', () => {
		const bytes = encodeBusMessage('i', { kind: 'hello' });
		bytes[bytes.length - 1] = 77;
		expect(() => decodeBusMessage(bytes)).toThrow(/unknown bus message kind 77/);
	});
});

describe('describeRedisUrl', () => {
	it('keeps the user, host and database but never the password', () => {
		expect(describeRedisUrl('redis://stackmap:s3cret@redis.internal:6380/2')).toBe('redis://stackmap@redis.internal:6380/2');
		expect(describeRedisUrl('rediss://:s3cret@cache:6379')).toBe('rediss://cache:6379');
		expect(describeRedisUrl('not a url')).toBe('redis (unparsable URL)');
	});
});

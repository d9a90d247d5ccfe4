// safeReturnTo: after sign-in, only a path on this site.
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../../server/auth/return-to.js';

describe('safeReturnTo', () => {
	it.each([
		['/my/maps', '/my/maps'],
		['/maps/abc?x=1#y', '/maps/abc?x=1#y'],
		['/a/../b', '/b'],
		[null, '/'],
		['', '/'],
		['my/maps', '/'],
		['//evil.example/x', '/'],
		['/\\evil.example', '/'],
		['/\tevil', '/'],
		['https://evil.example/', '/'],
		['javascript:alert(1)', '/'],
		['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
		[`/${'a'.repeat(2001)}`, '/']
	])('%s → %s', (raw, expected) => {
		expect(safeReturnTo(raw)).toBe(expected);
	});
});

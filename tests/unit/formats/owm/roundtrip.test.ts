import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseOwm, printOwm } from '../../../../src/lib/formats/owm/index.js';
import { canon, mapArb, printedOrder } from './helpers.js';

describe('printOwm → parseOwm round trip', () => {
	it('gives back any generated map (modulo ids; children listed after other components)', () => {
		fc.assert(
			fc.property(mapArb, (map) => {
				const text = printOwm(map);
				const back = parseOwm(text);
				expect(back.errors, text).toEqual([]);
				expect(canon(back.map), text).toEqual(canon(printedOrder(map)));
			}),
			{ numRuns: 300 }
		);
	});
});

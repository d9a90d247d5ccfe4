// `?focus=` on the SVG file endpoints: a filter's ids, nothing without one, 400 for one that does
// not parse (a shared link never silently shows everything).
import { describe, expect, it } from 'vitest';
import { focusParam } from '../../src/lib/server/map-files.js';
import { focusMap } from '../fixtures/focus-map.js';

describe('focusParam', () => {
	const { map, ids } = focusMap();
	const url = (q: string) => new URL(`http://localhost/maps/x.svg${q}`);

	it('gives the ids in focus', () => {
		const inFocus = focusParam(url('?focus=lifecycle%3Alive'), map)!;
		expect(inFocus.has(ids.website)).toBe(true);
		expect(inFocus.has(ids.portal)).toBe(false);
	});

	it('gives null without a focus', () => {
		expect(focusParam(url(''), map)).toBeNull();
		expect(focusParam(url('?focus='), map)).toBeNull();
	});

	it.each(['?focus=colour:red', '?focus=layer:', '?focus=nonsense'])('refuses %s with a 400', (q) => {
		expect(() => focusParam(url(q), map)).toThrow(expect.objectContaining({ status: 400 }));
	});
});

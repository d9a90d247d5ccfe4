// Focus and filter: parsing `?focus=`, which ids stay in focus for each kind of filter, the
// "Showing n of m" line and the options a map offers.
import { describe, expect, it } from 'vitest';
import { focusIds, focusOptions, focusSummary, formatFocus, parseFocus } from '../../../src/lib/catalogue/index.js';
import { focusMap } from '../../fixtures/focus-map.js';

describe('parseFocus', () => {
	it.each([
		['layer:Business Areas', { kind: 'layer', value: 'Business Areas' }],
		['chain:abc', { kind: 'chain', value: 'abc' }],
		['supplier: civica ', { kind: 'supplier', value: 'civica' }],
		['', null],
		[null, null],
		['colour:red', null],
		['layer:', null],
		[':x', null],
		['layer', null],
		[`type:${'x'.repeat(201)}`, null]
	])('%j', (text, expected) => {
		expect(parseFocus(text)).toEqual(expected);
	});

	it('round-trips through formatFocus', () => {
		expect(formatFocus(parseFocus('layer:Data and Information')!)).toBe('layer:Data and Information');
	});
});

describe('focusIds', () => {
	const { map, ids, links } = focusMap();
	const inFocus = (text: string) => focusIds(map, parseFocus(text)!);

	it.each([
		['layer:Council Interfaces', ['portal', 'website'], ['portalWebsite'], 2],
		['layer:Business Areas', ['waste'], [], 1],
		['type:cloud-hosting', ['cloud', 'cloudMove'], [], 1],
		['supplier:microsoft', ['website', 'cloud', 'cloudMove'], ['websiteCloud'], 2],
		['lifecycle:live', ['website', 'waste'], [], 2],
		['layer:Security', [], [], 0]
	] as const)('%s', (text, elements, focusLinks, shown) => {
		const r = inFocus(text);
		expect([...r.ids].sort()).toEqual([...elements.map((e) => ids[e]), ...focusLinks.map((l) => links[l])].sort());
		expect(r.shown).toBe(shown);
		expect(r.total).toBe(5);
	});

	it('keeps a chain filter to the chain, user needs included', () => {
		const r = focusIds(map, { kind: 'chain', value: ids.website });
		expect(r.ids.has(ids.resident)).toBe(true);
		expect(r.ids.has(ids.cloudMove)).toBe(true);
		expect(r.ids.has(links.websiteCloud)).toBe(true);
		expect(r.ids.has(ids.waste)).toBe(false);
		// resident → waste is a link between two chain members that is not on the chain.
		expect(r.ids.has(links.residentWaste)).toBe(false);
		expect(focusSummary(r)).toBe('Showing 3 of 5 components');
	});

	it('says "Showing 1 of 1 component" in the singular', () => {
		expect(focusSummary({ shown: 1, total: 1 })).toBe('Showing 1 of 1 component');
	});
});

describe('focusOptions', () => {
	it('offers only what the map has, layers in LGAM order, with counts', () => {
		const { map } = focusMap();
		const groups = focusOptions(map);
		expect(groups.map((g) => g.kind)).toEqual(['layer', 'type', 'supplier', 'lifecycle', 'chain']);
		expect(groups[0].options.map((o) => `${o.label} ${o.count}`)).toEqual(['Council Interfaces 2', 'Business Areas 1', 'Foundational Technology 1']);
		expect(groups[2].options.map((o) => o.value)).toEqual(['supplier:bartec', 'supplier:civica', 'supplier:granicus', 'supplier:microsoft']);
		expect(groups[3].options.map((o) => o.value)).toEqual(['lifecycle:pilot', 'lifecycle:live']);
		expect(groups[4].options).toHaveLength(6);
		// Every option parses back into a filter.
		for (const g of groups) for (const o of g.options) expect(parseFocus(o.value)?.kind).toBe(g.kind);
	});
});

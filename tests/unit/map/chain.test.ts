// chainOf: a component's whole value chain, down (what it needs) and up (what needs it), never
// sideways to siblings; evolved copies count as their component.
import { describe, expect, it } from 'vitest';
import { chainOf } from '../../../src/lib/map/index.js';
import { focusMap } from '../../fixtures/focus-map.js';

describe('chainOf', () => {
	const { map, ids, links } = focusMap();
	const sorted = (s: Set<string>) => [...s].sort();

	it.each([
		['the website', ['website'], ['resident', 'portal', 'website', 'cloud', 'cloudMove'], ['residentPortal', 'portalWebsite', 'websiteCloud']],
		['cloud (through its evolved copy)', ['cloud'], ['resident', 'portal', 'website', 'cloud', 'cloudMove', 'waste'], ['residentPortal', 'portalWebsite', 'websiteCloud', 'wasteCloud', 'residentWaste']],
		['the waste service, not its sibling the portal', ['waste'], ['resident', 'waste', 'cloud', 'cloudMove'], ['residentWaste', 'wasteCloud']],
		['an evolve id', ['cloudMove'], ['resident', 'portal', 'website', 'cloud', 'cloudMove', 'waste'], ['residentPortal', 'portalWebsite', 'websiteCloud', 'wasteCloud', 'residentWaste']],
		['a lone component', ['lone'], ['lone'], []],
		['an unknown id', ['nope'], [], []]
	] as const)('%s', (_name, start, elements, chainLinks) => {
		const chain = chainOf(map, start.map((s) => (s in ids ? ids[s as keyof typeof ids] : s)));
		expect(sorted(chain.elements)).toEqual(elements.map((e) => ids[e]).sort());
		expect(sorted(chain.links)).toEqual(chainLinks.map((l) => links[l]).sort());
	});

	it('unites several starting components', () => {
		const chain = chainOf(map, [ids.portal, ids.lone]);
		expect(chain.elements.has(ids.lone)).toBe(true);
		expect(chain.elements.has(ids.website)).toBe(true);
		expect(chain.elements.has(ids.waste)).toBe(false);
	});
});

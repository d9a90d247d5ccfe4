import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isId } from '../../../src/lib/map/ids.js';
import { FICTIONAL_NOTE, SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';

const seeded = seedCouncilMaps(SEED_COUNCILS);

describe('seedCouncilMaps', () => {
	it('gives the five fictional councils, marked as fictional', () => {
		expect(SEED_COUNCILS.meta.note).toMatch(/fictional/i);
		expect(seeded.map((s) => s.council.id)).toEqual(['kestrelford', 'calderbrook', 'port-alder', 'greystone', 'wessmoor']);
		for (const s of seeded) expect(s.map.description.startsWith(FICTIONAL_NOTE)).toBe(true);
	});

	it.each(SEED_COUNCILS.councils.map((c, i) => [c.id, c, seeded[i]] as const))('%s becomes a faithful map', (_, council, { council: info, map }) => {
		expect(info).toEqual({ id: council.id, name: council.name, type: council.type, archetype: council.archetype });
		expect(map.title).toBe(council.name);
		expect(Object.isFrozen(map) && Object.isFrozen(map.components)).toBe(true);
		const components = map.components.filter((c) => c.kind === 'component');
		const anchors = map.components.filter((c) => c.kind === 'anchor');
		expect(components).toHaveLength(council.components.length);
		expect(anchors.map((a) => a.name)).toEqual(council.anchors.map((a) => a.label));
		const anchorLinks = new Set(council.anchors.flatMap((a, i) => a.links.map((l) => `${i}>${l}`))).size;
		expect(map.links).toHaveLength(new Set(council.edges.map((e) => `${e.from}>${e.to}`)).size + anchorLinks);
		expect(map.evolves).toHaveLength(council.components.filter((c) => c.evolveTo !== null).length);
		const ids = new Set(map.components.map((c) => c.id as string));
		for (const id of ids) expect(isId(id)).toBe(true);
		for (const l of map.links) expect(ids.has(l.from) && ids.has(l.to)).toBe(true);
		expect(new Set(map.components.map((c) => c.name)).size).toBe(map.components.length);
		council.components.forEach((sc, i) => {
			const c = components[i];
			expect([c.componentType, c.product, c.supplier, c.evolution]).toEqual([sc.componentType, sc.label, sc.supplier, sc.x]);
			// Visibility is the seed's, nudged where marks would sit on one another.
			expect(Math.abs(c.visibility - sc.y)).toBeLessThanOrEqual(0.2);
			expect(c.predecessors).toEqual(sc.predecessors);
			const expected = { buy: 'buy', build: 'build', outsourced: 'outsource' }[sc.sourcing as 'buy'];
			for (const d of ['build', 'buy', 'outsource'] as const) expect(c.decorators[d]).toBe(d === expected);
		});
		for (const a of anchors) {
			expect(a.visibility).toBeGreaterThan(0.9);
			expect(a.evolution).toBeGreaterThan(0);
			expect(a.evolution).toBeLessThan(1);
		}
	});

	it('keeps what the model has no field for in the notes', () => {
		const calderbrook = seeded[1].map.components.find((c) => c.id === 'calderbrook_revs-bens_9');
		expect(calderbrook?.notes).toMatch(/shared-service agreement/);
		expect(calderbrook?.notes).toMatch(/Shared with Marlow Vale District Council/);
		const pilot = seeded[0].map.components.find((c) => c.id === 'kestrelford_webchat-chatbot_3');
		expect(pilot?.lifecycle).toBe('live');
		expect(pilot?.notes).toMatch(/Pilot/);
		const erp = seeded[0].map.components.find((c) => c.componentType === 'erp-finance');
		expect(erp?.inertia).toBe(true);
	});

	it('ships exactly the data of seed_councils.json (councils.ts is generated from it)', () => {
		expect(SEED_COUNCILS).toEqual(JSON.parse(readFileSync('src/lib/catalogue/seed-data/seed_councils.json', 'utf8')));
	});

	it('gives the same ids every time', () => {
		expect(seedCouncilMaps(SEED_COUNCILS)[0].map.components.map((c) => c.id)).toEqual(seeded[0].map.components.map((c) => c.id));
	});
});

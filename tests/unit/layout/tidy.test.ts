// tidyValueChain: table-driven maps checked for what a reader sees: links point down (but in
// cycles), evolution never changes, the same map gives the same proposal, loose parts are handled.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, addEvolve, addLink, addPipeline, initMap, readSnapshot, type ComponentId, type MapSnapshot } from '../../../src/lib/map/index.js';
import { tidyValueChain, type TidyProposal } from '../../../src/lib/layout/tidy.js';
import { seeded } from '../../helpers/seeded.js';

/** A map from `A>B` lines (A needs B); `*` before a name makes it an anchor. */
function chain(spec: string, at: (name: string, i: number) => [number, number] = (_, i) => [((i * 37) % 100) / 100, 0.5]): { map: MapSnapshot; ids: Map<string, ComponentId> } {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Tidy' });
	const ids = new Map<string, ComponentId>();
	const id = (raw: string) => {
		const name = raw.replace('*', '');
		if (!ids.has(name)) {
			const [evolution, visibility] = at(name, ids.size);
			ids.set(name, addComponent(doc, { name, kind: raw.startsWith('*') ? 'anchor' : 'component', evolution, visibility }));
		}
		return ids.get(name)!;
	};
	for (const line of spec.split(/\s+/).filter(Boolean)) {
		const [from, to] = line.split('>');
		if (to === undefined) id(from);
		else addLink(doc, { from: id(from), to: id(to) });
	}
	return { map: readSnapshot(doc), ids };
}

/** The map with the proposal applied. */
function apply(map: MapSnapshot, proposal: TidyProposal): Map<string, { evolution: number; visibility: number }> {
	const at = new Map(map.components.map((c) => [c.id as string, { evolution: c.evolution, visibility: c.visibility }]));
	for (const m of proposal.moves) at.set(m.id, { evolution: m.evolution, visibility: m.to });
	return at;
}

/** Components that reach each other through links (a cycle), by a plain reachability check. */
function reaches(map: MapSnapshot, from: string, to: string): boolean {
	const seen = new Set([from]);
	const todo = [from];
	while (todo.length) {
		const n = todo.pop()!;
		for (const l of map.links) if (l.from === n && !seen.has(l.to)) (seen.add(l.to), todo.push(l.to));
	}
	return seen.has(to);
}

function expectDownwards(map: MapSnapshot): void {
	const at = apply(map, tidyValueChain(map));
	for (const l of map.links) {
		const inCycle = l.from === l.to || reaches(map, l.to, l.from);
		if (inCycle) continue;
		expect(at.get(l.from)!.visibility, `${l.from} above ${l.to}`).toBeGreaterThan(at.get(l.to)!.visibility);
	}
}

function randomMap(seed: number, n: number, links: number): MapSnapshot {
	const random = seeded(seed);
	const doc = new Y.Doc();
	initMap(doc, { title: 'Random' });
	const ids: ComponentId[] = [];
	for (let i = 0; i < n; i++) ids.push(addComponent(doc, { name: `C${i}`, kind: i < 2 ? 'anchor' : 'component', evolution: random(), visibility: random() }));
	for (let k = 0; k < links; k++) addLink(doc, { from: ids[Math.floor(random() * n)], to: ids[Math.floor(random() * n)] });
	return readSnapshot(doc);
}

describe('tidyValueChain', () => {
	it.each([
		['a straight chain', '*User>A A>B B>C'],
		['a diamond', '*User>A *User>B A>C B>C C>D'],
		['a long link beside a short chain', '*User>A A>B B>C *User>C'],
		['two anchors', '*Resident>A *Officer>A *Officer>B A>C B>C'],
		['a cycle', '*User>A A>B B>C C>A'],
		['a self-link', '*User>A A>A A>B'],
		['two disconnected parts', '*User>A A>B X>Y Y>Z'],
		['no anchors', 'A>B B>C A>C']
	])('points every link down after %s, but for cycles', (_, spec) => {
		expectDownwards(chain(spec).map);
	});

	it('points links down on random maps with cycles', () => {
		for (let seed = 1; seed <= 20; seed++) expectDownwards(randomMap(seed, 40, 70));
	});

	it('never changes evolution', () => {
		const map = randomMap(7, 60, 90);
		const byId = new Map(map.components.map((c) => [c.id as string, c]));
		for (const m of tidyValueChain(map).moves) expect(m.evolution).toBe(byId.get(m.id)!.evolution);
	});

	it('gives the same proposal for the same map', () => {
		const map = randomMap(3, 80, 120);
		expect(tidyValueChain(map)).toEqual(tidyValueChain(map));
		expect(tidyValueChain(JSON.parse(JSON.stringify(map)))).toEqual(tidyValueChain(map));
	});

	it('puts anchors on top, alone in their layer, and proposes visibilities in 0..1', () => {
		const { map, ids } = chain('*User>A A>B X>Y');
		const at = apply(map, tidyValueChain(map));
		const user = at.get(ids.get('User')!)!.visibility;
		for (const [name, id] of ids) if (name !== 'User') expect(at.get(id)!.visibility).toBeLessThan(user);
		for (const v of at.values()) expect(v.visibility).toBeGreaterThanOrEqual(0), expect(v.visibility).toBeLessThanOrEqual(1);
		// A disconnected part starts below the anchors too, level with the chain under them.
		expect(at.get(ids.get('X')!)!.visibility).toBeCloseTo(at.get(ids.get('A')!)!.visibility, 1);
	});

	it('leaves components with no link to another where they are', () => {
		const { map, ids } = chain('*User>A Lonely A>A', (name) => [0.5, name === 'Lonely' ? 0.33 : 0.5]);
		expect(tidyValueChain(map).moves.map((m) => m.id)).not.toContain(ids.get('Lonely'));
	});

	it('keeps marks of close evolution in one layer on different rows', () => {
		const { map, ids } = chain('*User>A *User>B *User>C', (name) => [name === 'User' ? 0.5 : name === 'A' ? 0.4 : name === 'B' ? 0.42 : 0.8, 0.5]);
		const at = apply(map, tidyValueChain(map));
		const [a, b, c] = ['A', 'B', 'C'].map((n) => at.get(ids.get(n)!)!.visibility);
		expect(a).not.toBe(b);
		// Far apart in evolution: no need to drop.
		expect(c).toBe(Math.max(a, b));
	});

	it('counts an evolved copy as its component and a pipeline child as its parent', () => {
		const doc = new Y.Doc();
		initMap(doc, { title: 'Ends' });
		const user = addComponent(doc, { name: 'User', kind: 'anchor', evolution: 0.5, visibility: 0.2 });
		const a = addComponent(doc, { name: 'A', evolution: 0.3, visibility: 0.9 });
		const pipeline = addPipeline(doc, { componentId: a });
		const child = addComponent(doc, { name: 'A1', evolution: 0.6, visibility: 0.9, pipelineId: pipeline });
		const b = addComponent(doc, { name: 'B', evolution: 0.7, visibility: 0.95 });
		const evolved = addEvolve(doc, { componentId: b, evolution: 0.9 });
		addLink(doc, { from: user, to: a });
		addLink(doc, { from: child, to: evolved });
		const map = readSnapshot(doc);
		const at = apply(map, tidyValueChain(map));
		expect(at.get(user)!.visibility).toBeGreaterThan(at.get(a)!.visibility);
		expect(at.get(a)!.visibility).toBeGreaterThan(at.get(b)!.visibility);
		expect(tidyValueChain(map).moves.map((m) => m.id)).not.toContain(child);
	});

	it('proposes nothing more once applied: a tidy map is already tidy', () => {
		const map = randomMap(11, 50, 70);
		const proposal = tidyValueChain(map);
		expect(proposal.moves.length).toBeGreaterThan(0);
		const at = apply(map, proposal);
		const tidied = { ...map, components: map.components.map((c) => ({ ...c, visibility: at.get(c.id)!.visibility })) };
		expect(tidyValueChain(tidied).moves).toEqual([]);
	});

	it('proposes nothing for a map without links', () => {
		expect(tidyValueChain(chain('A B C').map)).toEqual({ moves: [], layers: 0 });
	});

	it('handles a chain of 300 without running out of stack or room', () => {
		const spec = Array.from({ length: 300 }, (_, i) => `N${i}>N${i + 1}`).join(' ');
		const { map } = chain(spec);
		const proposal = tidyValueChain(map);
		expect(proposal.layers).toBe(301);
		expectDownwards(map);
	});
});

// Turn the FICTIONAL seed councils (seed-data/) into map snapshots for demos, seeding and tests.
// Pure: ids are derived from the seed ids, so the same seed always gives the same maps.
import type { Component, ComponentId, Evolve, EvolveId, Lifecycle, Link, LinkId, MapSnapshot } from '../map/types.js';
import { SEED_CONTRACTS } from './seed-data/contracts.js';
import { spreadMarks } from './seed-spread.js';
import { buildSnapshot, decoratorsFor, makeComponent, makeEvolve, makeLink } from './snapshot.js';
import type { SeedComponent, SeedCouncil, SeedFile } from './seed-data/types.js';
import type { Sourcing } from './types.js';

export { SEED_COUNCILS } from './seed-data/councils.js';
export type { SeedAnchor, SeedComponent, SeedCouncil, SeedFile } from './seed-data/types.js';

export interface SeedCouncilInfo {
	readonly id: string;
	readonly name: string;
	readonly type: string;
	readonly region?: string;
	readonly archetype: string;
}

export interface SeedCouncilMap {
	readonly council: SeedCouncilInfo;
	readonly map: MapSnapshot;
}

/** Starts every seed map's description: the councils are invented. */
export const FICTIONAL_NOTE = 'Fictional council (demo data).';

const SOURCING: Record<string, Sourcing> = { buy: 'buy', build: 'build', outsourced: 'outsource', outsource: 'outsource' };
/** Seed sourcing values the model has no decorator for, as words for the notes. */
const SOURCING_WORDS: Record<string, string> = {
	borrow: "borrowed (open source or another council's)",
	national: 'national service',
	'shared-service': 'shared service'
};
const LIFECYCLE: Record<string, Lifecycle> = { live: 'live', planned: 'planned', retiring: 'retiring', legacy: 'legacy', retired: 'retired', pilot: 'live' };

/** A model-safe element id from a seed id ('kestrelford:crm:29' → 'kestrelford_crm_29'). */
function seedId(id: string): string {
	return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

function notesOf(c: SeedComponent): string {
	const lines = c.notes ? [c.notes] : [];
	if (c.lifecycle === 'pilot') lines.push('Pilot.');
	const words = SOURCING_WORDS[c.sourcing];
	if (words) lines.push(`Sourcing: ${words}.`);
	if (c.sharedWith.length > 0) lines.push(`Shared with ${c.sharedWith.join(', ')}.`);
	return lines.join('\n');
}

function componentsOf(council: SeedCouncil): Component[] {
	const labelCount = new Map<string, number>();
	for (const c of council.components) labelCount.set(c.label, (labelCount.get(c.label) ?? 0) + 1);
	// Contracts go on the council's first component of each type (seed-data/contracts.ts).
	const firstOfType = new Set<string>();
	return council.components.map((c, i) => {
		const contracts = firstOfType.has(c.componentType) ? undefined : SEED_CONTRACTS.get(council.id)?.get(c.componentType);
		firstOfType.add(c.componentType);
		return makeComponent(
			{
				id: seedId(c.id) as ComponentId,
				// Two components with one label (Mosaic for adults and children) get their LGAM node added.
				name: (labelCount.get(c.label) ?? 0) > 1 ? `${c.label} (${c.lgam.node})` : c.label,
				evolution: c.x,
				visibility: c.y,
				componentType: c.componentType,
				product: c.label,
				supplier: c.supplier,
				lifecycle: LIFECYCLE[c.lifecycle] ?? '',
				decorators: decoratorsFor(SOURCING[c.sourcing] ?? ''),
				inertia: /\binertia\b/i.test(c.notes),
				notes: notesOf(c),
				predecessors: [...c.predecessors],
				...(contracts ? { contracts } : {})
			},
			i + 1
		);
	});
}

/** User-need anchors along the top, ordered by the mean evolution of what they need, evenly spaced. */
function anchorsOf(council: SeedCouncil, position: ReadonlyMap<string, number>, firstOrder: number): Component[] {
	const placed = council.anchors.map((a, i) => {
		const xs = a.links.map((id) => position.get(id)).filter((x): x is number => x !== undefined);
		return { a, i, mean: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0.5 };
	});
	const sorted = [...placed].sort((p, q) => p.mean - q.mean || p.i - q.i);
	const k = sorted.length;
	return placed.map(({ a, i }) => {
		const rank = sorted.findIndex((p) => p.i === i);
		return makeComponent(
			{
				id: `${seedId(council.id)}_need_${i}` as ComponentId,
				kind: 'anchor',
				name: a.label,
				evolution: Math.round((0.05 + (0.9 * (rank + 0.5)) / k) * 1000) / 1000,
				// Two staggered rows, so neighbouring needs' labels do not run into each other.
				visibility: rank % 2 === 0 ? 0.97 : 0.92,
				notes: a.esd ? `ESD: ${a.esd}` : ''
			},
			firstOrder + i
		);
	});
}

/** One council as a map: components, dependency links, user-need anchors and evolve moves. */
export function seedCouncilMap(council: SeedCouncil): SeedCouncilMap {
	const components = componentsOf(council);
	const idOf = new Map(council.components.map((c) => [c.id, seedId(c.id) as ComponentId]));
	const position = new Map(council.components.map((c) => [c.id, c.x]));
	const anchors = anchorsOf(council, position, components.length + 1);
	const links: Link[] = [];
	const seen = new Set<string>();
	const link = (from: ComponentId | undefined, to: ComponentId | undefined) => {
		if (!from || !to || from === to || seen.has(`${from}>${to}`)) return;
		seen.add(`${from}>${to}`);
		links.push(makeLink(from, to, links.length + 1, `${seedId(council.id)}_link_${links.length}` as LinkId));
	};
	for (const e of council.edges) link(idOf.get(e.from), idOf.get(e.to));
	council.anchors.forEach((a, i) => {
		for (const id of a.links) link(anchors[i].id, idOf.get(id));
	});
	const evolves: Evolve[] = [];
	for (const c of council.components) {
		if (c.evolveTo === null || !Number.isFinite(c.evolveTo)) continue;
		const id = idOf.get(c.id)!;
		evolves.push(makeEvolve(id, c.evolveTo, evolves.length + 1, `${id}_evolve` as EvolveId));
	}
	// The seed puts some components on (nearly) one point: moved apart in visibility so every mark shows.
	const evolvesTo = new Map<string, number[]>();
	for (const e of evolves) evolvesTo.set(e.componentId, [...(evolvesTo.get(e.componentId) ?? []), e.evolution]);
	const { id, name, type, region, archetype } = council;
	return {
		council: { id, name, type, archetype, ...(region ? { region } : {}) },
		map: buildSnapshot(
			{ title: name, description: `${FICTIONAL_NOTE} ${archetype}` },
			{ components: spreadMarks([...components, ...anchors], evolvesTo), links, evolves }
		)
	};
}

/**
 * Every seed council as a map snapshot (in file order). Components keep their type, product
 * (the seed label), supplier, lifecycle ('pilot' becomes live with a note), sourcing (as build/
 * buy/outsource decorators; other sourcing, sharing and the seed notes go into notes), inertia
 * (when the notes say so) and predecessors.
 */
export function seedCouncilMaps(seed: SeedFile): SeedCouncilMap[] {
	return seed.councils.map(seedCouncilMap);
}

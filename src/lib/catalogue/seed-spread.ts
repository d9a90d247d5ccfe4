// Nudges the seed councils' components apart in visibility so no two marks sit on one another at
// the default export size: the seed data puts several components of one council on (nearly) the
// same point. Evolution never changes (it is what the catalogue compares). Pure and deterministic.
import type { Component } from '../map/types.js';

/** The default canvas's plot for a council-sized map, in px: how far apart 0..1 units are drawn. */
const PLOT_WIDTH = 1370;
const PLOT_HEIGHT = 830;
/** Mark centres closer than this (px) overlap: two build/buy/outsource markers and a gap. */
const MIN_GAP = 28;
/** Visibility steps tried, alternately down and up, before a component keeps its place. */
const STEP = 0.012;
const TRIES = 32;
const LOWEST = 0.02;
const HIGHEST = 0.9;

/** A mark: where a component, or the evolved copy of it an evolve move draws, sits. */
interface Mark {
	readonly evolution: number;
	readonly visibility: number;
}

function clash(a: Mark, b: Mark): boolean {
	const dx = (a.evolution - b.evolution) * PLOT_WIDTH;
	const dy = (a.visibility - b.visibility) * PLOT_HEIGHT;
	return dx * dx + dy * dy < MIN_GAP * MIN_GAP;
}

/**
 * `components` with overlapping marks moved apart: from the top of the map down (then by
 * evolution, then map order), each takes the nearest visibility, a step at a time, where neither
 * it nor its evolved copies (`evolvesTo`: component id → target evolutions) touch a mark already
 * placed; none free: it stays. Anchors have no mark and stay where they are.
 */
export function spreadMarks(components: readonly Component[], evolvesTo: ReadonlyMap<string, readonly number[]> = new Map()): Component[] {
	const placed: Mark[] = [];
	const moved = new Map<string, Component>();
	const order = components
		.map((c, i) => ({ c, i }))
		.filter(({ c }) => c.kind !== 'anchor')
		.sort((p, q) => q.c.visibility - p.c.visibility || p.c.evolution - q.c.evolution || p.i - q.i);
	for (const { c } of order) {
		const xs = [c.evolution, ...(evolvesTo.get(c.id) ?? [])];
		const marksAt = (visibility: number) => xs.map((evolution) => ({ evolution, visibility }));
		let visibility = c.visibility;
		for (let k = 0; k <= TRIES; k++) {
			const offset = k === 0 ? 0 : (k % 2 === 1 ? -1 : 1) * Math.ceil(k / 2) * STEP;
			const v = k === 0 ? c.visibility : Math.round(Math.min(HIGHEST, Math.max(LOWEST, c.visibility + offset)) * 1000) / 1000;
			if (!marksAt(v).some((m) => placed.some((p) => clash(p, m)))) {
				visibility = v;
				break;
			}
		}
		placed.push(...marksAt(visibility));
		if (visibility !== c.visibility) moved.set(c.id, { ...c, visibility });
	}
	return components.map((c) => moved.get(c.id) ?? c);
}

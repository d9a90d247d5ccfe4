// "What you could share" from a comparison: types both maps fill from the same supplier or
// product (candidates for a joint contract), types one map has taken further (who is ahead), and
// live services one council built itself that the other could reuse. Pure.
import type { ComparedComponent, Comparison, SharedType } from './compare.js';
import type { ComponentType } from './types.js';

/** A type both maps have, placed at least this far apart on evolution (0..1), says who is ahead. */
export const AHEAD_GAP = 0.15;

export interface AheadType {
	readonly shared: SharedType;
	readonly ahead: 'a' | 'b';
}

export interface ReusableService {
	/** The map that built it. */
	readonly from: 'a' | 'b';
	readonly typeId: string;
	readonly type: ComponentType | undefined;
	readonly component: ComparedComponent;
	/** True when the other map has its own component of the type (it could replace it), false when it has none. */
	readonly otherHas: boolean;
}

export interface CouldShare {
	/** Same type with a supplier or product in common, in vocabulary order. */
	readonly jointContracts: readonly SharedType[];
	/** Same type, different evolution: furthest apart first. */
	readonly ahead: readonly AheadType[];
	/** Built in house and live on one map, not due for replacement, for a type in the comparison (see offerable). */
	readonly reusable: readonly ReusableService[];
}

/**
 * A component one council could offer another: marked built in house (the model's only mark of
 * something a council owns and could hand on) and live, so not planned, legacy, retiring or
 * retired, nor due for replacement (an evolve move starts at it, or it carries inertia), and not
 * of a type the vocabulary calls an anti-pattern (point-to-point interfaces).
 */
export function offerable(c: ComparedComponent, type: ComponentType | undefined): boolean {
	if (c.sourcing !== 'build' || c.lifecycle !== 'live' || c.evolving || c.inertia) return false;
	return !(type && /anti-pattern/i.test(`${type.node} ${type.notes}`));
}

export function couldShare(c: Comparison, gap = AHEAD_GAP): CouldShare {
	const built = (from: 'a' | 'b', typeId: string, type: ComponentType | undefined, list: readonly ComparedComponent[], otherHas: boolean) =>
		list.filter((x) => offerable(x, type)).map((component) => ({ from, typeId, type, component, otherHas }));
	return {
		jointContracts: c.both.filter((s) => s.sameSupplier || s.sameProduct),
		ahead: c.both
			.filter((s) => Math.abs(s.evolutionDelta) >= gap)
			.sort((x, y) => Math.abs(y.evolutionDelta) - Math.abs(x.evolutionDelta))
			.map((shared) => ({ shared, ahead: shared.evolutionDelta > 0 ? ('b' as const) : ('a' as const) })),
		reusable: [
			...c.both.flatMap((s) => [...built('a', s.typeId, s.type, s.a, true), ...built('b', s.typeId, s.type, s.b, true)]),
			...c.onlyA.flatMap((t) => built('a', t.typeId, t.type, t.components, false)),
			...c.onlyB.flatMap((t) => built('b', t.typeId, t.type, t.components, false))
		]
	};
}

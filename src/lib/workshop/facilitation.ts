// The facilitator's verbs on a live map: locks, allowed tools, the shared timer, "bring everyone
// here". One place decides how they are written: in one transaction each, with the workshop's
// own origin, so they never join anyone's undo history (undo covers the map, not its settings).
import type * as Y from 'yjs';
import {
	addTime,
	bringEveryoneToMe,
	lockElements,
	lockMap,
	pauseTimer,
	restrictTools,
	resumeTimer,
	startTimer,
	stopTimer,
	unlockElements,
	type ToolKind,
	type Viewport
} from '../map/index.js';

/** The origin of workshop settings written from this page: outside every undo manager's scope. */
export const FACILITATION_ORIGIN = Object.freeze({ user: 'workshop-panel' });

export interface Facilitation {
	lockMap(locked: boolean): void;
	/** Lock elements; `by` is the facilitator's display name ("Locked by Sam (facilitator)"). */
	lockElements(ids: readonly string[], by: string): void;
	unlockElements(ids: readonly string[]): void;
	/** Allow only `kinds` to participants; null allows everything. */
	restrictTools(kinds: readonly ToolKind[] | null): void;
	startTimer(ms: number): void;
	pauseTimer(): void;
	resumeTimer(): void;
	addTime(ms: number): void;
	stopTimer(): void;
	bringEveryoneTo(view: Viewport, by: string): void;
}

/** The facilitator's verbs on `doc`. */
export function facilitation(doc: Y.Doc): Facilitation {
	const origin = FACILITATION_ORIGIN;
	return {
		lockMap: (locked) => lockMap(doc, locked, origin),
		lockElements: (ids, by) => lockElements(doc, ids, origin, by),
		unlockElements: (ids) => unlockElements(doc, ids, origin),
		restrictTools: (kinds) => restrictTools(doc, kinds, origin),
		startTimer: (ms) => startTimer(doc, ms, origin),
		pauseTimer: () => pauseTimer(doc, origin),
		resumeTimer: () => resumeTimer(doc, origin),
		addTime: (ms) => addTime(doc, ms, origin),
		stopTimer: () => stopTimer(doc, origin),
		bringEveryoneTo: (view, by) => void bringEveryoneToMe(doc, view, by, origin)
	};
}

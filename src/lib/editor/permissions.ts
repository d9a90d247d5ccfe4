// What the facilitator lets this person do now (locks, allowed tools), asked by a gesture or a
// panel before it changes the map. Pure; the server enforces the same rules on every update.
import { lockedBy, toolAllowed, type ToolKind, type WorkshopState } from '../map/index.js';
import type { UnsavedText, WrittenText } from '../workshop/unsaved.js';

export type { UnsavedText } from '../workshop/unsaved.js';

/** The workshop as the editor sees it: this person's role and the settings now. */
export interface Facilitation {
	readonly role: 'facilitator' | 'participant' | 'viewer';
	workshop(): WorkshopState;
	/** Show text that was refused (typed into a field that is locked now), with a way to copy it. */
	keepUnsaved?(unsaved: UnsavedText): void;
	/** This person wrote `text` to the map; kept until the server has it, in case it is refused. */
	wroteText?(written: WrittenText): void;
}

/** "Locked by Sam (facilitator)" for a lock set by `by` ('' when not recorded). */
export function lockNote(by: string): string {
	return by ? `Locked by ${by} (facilitator)` : 'Locked by the facilitator';
}

/**
 * Why this person may not do `kind` (to element `id`) now, as a sentence to announce; null when
 * they may. Outside a workshop, and for facilitators, everything is allowed.
 */
export function refusal(f: Facilitation | null | undefined, kind: ToolKind, id?: string): string | null {
	if (!f || f.role === 'facilitator') return null;
	const w = f.workshop();
	if (w.mapLocked) return 'The facilitator has locked the map.';
	const by = id ? lockedBy(w, id) : null;
	if (by !== null) return `${lockNote(by)}.`;
	if (!toolAllowed(w, kind)) return `The facilitator has not allowed “${kind}” for now.`;
	return null;
}

// What the facilitator lets this person do now (locks, allowed tools), asked by a gesture before
// it changes the map. Pure; the server enforces the same rules on every update it receives.
import { toolAllowed, type ToolKind, type WorkshopState } from '../map/index.js';

/** The workshop as the editor sees it: this person's role and the settings now. */
export interface Facilitation {
	readonly role: 'facilitator' | 'participant' | 'viewer';
	workshop(): WorkshopState;
}

/**
 * Why this person may not do `kind` (to element `id`) now, as a sentence to announce; null when
 * they may. Outside a workshop, and for facilitators, everything is allowed.
 */
export function refusal(f: Facilitation | null | undefined, kind: ToolKind, id?: string): string | null {
	if (!f || f.role === 'facilitator') return null;
	const w = f.workshop();
	if (id && (w.mapLocked || w.locked.includes(id))) return 'Locked by the facilitator.';
	if (w.mapLocked) return 'The facilitator has locked the map.';
	if (!toolAllowed(w, kind)) return `The facilitator has not allowed “${kind}” for now.`;
	return null;
}

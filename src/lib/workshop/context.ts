// What the live page shares with the editor inside it: presence, workshop settings, the role, and
// a way to move the canvas's view (follow, "bring everyone to me"). A typed Svelte context pair.
import { getContext, setContext } from 'svelte';
import type { Presence } from '../collab/presence.js';
import type { Role, Viewport, WorkshopState } from '../map/index.js';
import type { UnsavedText, WrittenText } from './unsaved.js';

export interface CanvasView {
	/** Move and zoom the canvas so it shows `v`. */
	show(v: Viewport): void;
	/** What the canvas shows now, or null before it is measured. */
	current(): Viewport | null;
}

export interface LiveContext {
	readonly presence: Presence | null;
	readonly role: Role;
	/** The workshop settings now (locks, tools, timer). */
	workshop(): WorkshopState;
	/** Filled in by the canvas when it mounts. */
	canvas: CanvasView | null;
	/**
	 * A gesture that writes as it goes (a drag) starts (true) or ends (false): the page holds its
	 * saved/saving line meanwhile (SyncTracker.hold).
	 */
	gesture?(active: boolean): void;
	/** Show typed text the map did not take, where the person can copy it. */
	keepUnsaved?(unsaved: UnsavedText): void;
	/** This person wrote text to the map: kept until the server confirms it, in case it is refused. */
	wroteText?(written: WrittenText): void;
}

const KEY = Symbol('stackmap-live');

export function setLiveContext(ctx: LiveContext): LiveContext {
	return setContext(KEY, ctx);
}

export function getLiveContext(): LiveContext | undefined {
	return getContext<LiveContext | undefined>(KEY);
}

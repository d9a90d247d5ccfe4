// What the canvas's gesture modules share: the host a Svelte component implements (the editor, the
// scene drawn now, the state the overlay shows, and what only the DOM can do). Imports no Svelte.
import type { ElementRef, MapSnapshot, Point } from '../../map/index.js';
import type { Scene } from '../../render/index.js';
import type { Presence } from '../../collab/presence.js';
import type { Action } from '../actions.js';
import type { EditorController } from '../controller.js';
import type { Tool } from '../tools.js';
import type { PresenceKind } from './presence.js';
import type { PointMapping } from './viewport.js';

/** A rubber band (selecting) or an area being drawn, in scene px. */
export interface Band {
	readonly x1: number;
	readonly y1: number;
	readonly x2: number;
	readonly y2: number;
	readonly kind: 'select' | 'area';
}

/** The link being drawn from a component's handle, in scene px. */
export interface LinkLine {
	readonly from: ElementRef;
	readonly x1: number;
	readonly y1: number;
	readonly x2: number;
	readonly y2: number;
}

/** The rename field over an element, in px inside the canvas's box. */
export interface Renaming {
	readonly ref: ElementRef;
	readonly left: number;
	readonly top: number;
	value: string;
	/** Naming an element just placed: the name joins its undo step. */
	readonly fresh: boolean;
}

/** An element's actions menu, in px inside the canvas's box. */
export interface Menu {
	readonly ref: ElementRef;
	readonly left: number;
	readonly top: number;
	readonly actions: Action[];
}

/** What the gestures change on the canvas and its overlay shows (the component's state). */
export interface CanvasUi {
	/** `collection/id` of the element with keyboard focus. */
	focusKey: string | null;
	/** The component under the pointer (its value chain is lit). */
	hoverId: string | null;
	/** The pointer is over a component's label: a press there drags the label (a move cursor). */
	hoverLabel: boolean;
	/** Where the dragged elements are now (the drag layer draws them), or null. */
	dragMoves: ReadonlyMap<string, Point> | null;
	band: Band | null;
	linkLine: LinkLine | null;
	/** The element a link is being made from (keyboard L, the link tool). */
	linkFrom: ElementRef | null;
	renaming: Renaming | null;
	menu: Menu | null;
}

export interface GestureHost {
	readonly ed: EditorController;
	readonly snapshot: MapSnapshot;
	readonly scene: Scene;
	/** Nothing may change the map (a viewer, projector mode). */
	readonly readonly: boolean;
	tool: Tool;
	readonly selection: readonly ElementRef[];
	readonly ui: CanvasUi;
	/** Space is held: a left-button drag pans. */
	readonly panning: boolean;
	readonly points: PointMapping;
	/** Say `message` to screen readers; `visible` (a refusal): on screen too. */
	announce(message: string, visible?: boolean): void;
	/** What this person shows the others (cursor, selection, drag), sent a little later. */
	publish(kind: PresenceKind, send: (me: Presence) => void): void;
	/** A gesture that writes as it goes starts or ends (the page holds its saved line). */
	gesture(active: boolean): void;
	capture(pointerId: number): void;
	release(pointerId: number): void;
	/** Give keyboard focus to an element (null: the canvas itself). */
	focusRef(ref: ElementRef | null): Promise<void>;
	/** Focus the canvas without scrolling. */
	focusCanvas(): void;
	/** The centre of what is visible, in map coordinates (where keyboard-placed elements go). */
	viewCentre(): Point;
	/** Run after the next render (the rename field exists then). */
	afterRender(run: () => void): void;
	/** Focus the rename field and select its text. */
	focusRenameField(): void;
}


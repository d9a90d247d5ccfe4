// The editor's verbs, free of DOM: what a gesture, a shortcut or a menu item does to the map.
// Every change goes through the model's named commands with this user's origin (per-user undo);
// a drag writes at most ~10 times a second and commits on drop as one undo step.
import type * as Y from 'yjs';
import {
	addAccelerator,
	addAnnotation,
	addComponent,
	addEvolve,
	addLink,
	addNote,
	addPipeline,
	createUndoManager,
	deleteElements,
	moveComponent,
	readSnapshot,
	updateAccelerator,
	updateAnnotation,
	updateComponent,
	updateEvolve,
	updateLink,
	updateNote,
	type AcceleratorId,
	type AnnotationId,
	type ComponentId,
	type ComponentInput,
	type ElementRef,
	type EndpointId,
	type LinkId,
	type MapSnapshot,
	type NoteId,
	type Point,
	type UndoManager
} from '../map/index.js';
import { nudge } from './geometry.js';
import { parseRefKey, refKey } from './refs.js';

const parseKey = (key: string): ElementRef => parseRefKey(key)!;

/** Milliseconds between document writes while dragging (10 per second). */
export const DRAG_WRITE_INTERVAL = 100;

export type Listener = () => void;

interface Drag {
	/** Where each dragged element started, to cancel. */
	readonly start: Map<string, Point>;
	/** Where each dragged element is now (drawn from here during the drag). */
	readonly current: Map<string, Point>;
	lastWrite: number;
	dirty: boolean;
}

export class EditorController {
	readonly doc: Y.Doc;
	/** This user's origin on every transaction: what the undo manager tracks. */
	readonly origin: object;
	readonly undo: UndoManager;
	private selected: ElementRef[] = [];
	private drag: Drag | null = null;
	private pressed = false;
	private readonly listeners = new Set<Listener>();
	private now: () => number;

	constructor(doc: Y.Doc, options: { origin?: object; now?: () => number } = {}) {
		this.doc = doc;
		this.origin = options.origin ?? { user: 'local' };
		this.undo = createUndoManager(doc, this.origin);
		this.now = options.now ?? (() => Date.now());
	}

	get map(): MapSnapshot {
		return readSnapshot(this.doc);
	}

	// ---- selection -------------------------------------------------------------------------

	get selection(): readonly ElementRef[] {
		return this.selected;
	}

	onChange(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private emit(): void {
		for (const l of this.listeners) l();
	}

	/**
	 * True while a pointer is down on the canvas (a click or a drag under way): panels that follow
	 * the selection (the inspector) wait for it to lift, so the press and the first frames of a drag
	 * draw only the map.
	 */
	get pressing(): boolean {
		return this.pressed;
	}

	press(down: boolean): void {
		if (this.pressed === down) return;
		this.pressed = down;
		if (!down) this.emit();
	}

	select(refs: readonly ElementRef[]): void {
		const seen = new Set<string>();
		this.selected = refs.filter((r) => !seen.has(refKey(r)) && seen.add(refKey(r)));
		this.emit();
	}

	/** Shift-click: add an element to the selection, or take it out. */
	toggle(ref: ElementRef): void {
		const key = refKey(ref);
		this.select(this.selected.some((r) => refKey(r) === key) ? this.selected.filter((r) => refKey(r) !== key) : [...this.selected, ref]);
	}

	isSelected(ref: ElementRef): boolean {
		const key = refKey(ref);
		return this.selected.some((r) => refKey(r) === key);
	}

	/** Drop selected elements that no longer exist (a collaborator deleted them). */
	pruneSelection(): void {
		const map = this.map;
		const exists = (r: ElementRef) => (map[r.collection] as readonly { id: string }[]).some((e) => e.id === r.id);
		if (this.selected.some((r) => !exists(r))) this.select(this.selected.filter(exists));
	}

	// ---- writing ---------------------------------------------------------------------------

	/** Run one command as its own undo step. */
	private step<T>(fn: () => T): T {
		this.undo.stopCapturing();
		return fn();
	}

	addComponentAt(point: Point, input: Partial<ComponentInput> & { name: string }): ComponentId {
		const id = this.step(() => addComponent(this.doc, { ...point, ...input }, this.origin));
		this.select([{ collection: 'components', id }]);
		return id;
	}

	addNoteAt(point: Point, text: string): NoteId {
		const id = this.step(() => addNote(this.doc, { ...point, text }, this.origin));
		this.select([{ collection: 'notes', id }]);
		return id;
	}

	addAnnotationAt(point: Point, text: string): AnnotationId {
		const number = Math.max(0, ...this.map.annotations.map((a) => a.number)) + 1;
		const id = this.step(() => addAnnotation(this.doc, { number, text, positions: [point] }, this.origin));
		this.select([{ collection: 'annotations', id }]);
		return id;
	}

	addAcceleratorAt(point: Point, kind: 'accelerator' | 'deaccelerator', name: string): AcceleratorId {
		const id = this.step(() => addAccelerator(this.doc, { ...point, kind, name }, this.origin));
		this.select([{ collection: 'accelerators', id }]);
		return id;
	}

	/** Link `from` (the higher element, which needs) to `to`. Returns null for a link to itself. */
	link(from: EndpointId, to: EndpointId): LinkId | null {
		if (from === to) return null;
		const existing = this.map.links.find((l) => l.from === from && l.to === to);
		if (existing) return existing.id;
		return this.step(() => addLink(this.doc, { from, to }, this.origin));
	}

	/**
	 * Rename whatever element carries a name or a text. With `sameStep`, the rename joins the
	 * previous undo step (naming an element just placed: one Ctrl+Z removes it).
	 */
	rename(ref: ElementRef, name: string, sameStep = false): void {
		if (sameStep) {
			this.undo.captureTimeout = Number.MAX_SAFE_INTEGER;
			try {
				this.renameNow(ref, name);
			} finally {
				this.mergeLastSteps();
			}
			return;
		}
		this.step(() => this.renameNow(ref, name));
	}

	private renameNow(ref: ElementRef, name: string): void {
		(() => {
			switch (ref.collection) {
				case 'components':
					return updateComponent(this.doc, ref.id, { name }, this.origin);
				case 'evolves':
					return updateEvolve(this.doc, ref.id, { name }, this.origin);
				case 'notes':
					return updateNote(this.doc, ref.id, { text: name }, this.origin);
				case 'annotations':
					return updateAnnotation(this.doc, ref.id, { text: name }, this.origin);
				case 'accelerators':
					return updateAccelerator(this.doc, ref.id, { name }, this.origin);
				case 'links':
					return updateLink(this.doc, ref.id, { context: name }, this.origin);
				default:
					return undefined;
			}
		})();
	}

	/** The editable text of an element (what rename edits). */
	nameOf(ref: ElementRef): string {
		const map = this.map;
		const find = <T extends { id: string }>(xs: readonly T[]) => xs.find((x) => x.id === ref.id);
		switch (ref.collection) {
			case 'components':
				return find(map.components)?.name ?? '';
			case 'evolves': {
				const e = find(map.evolves);
				return e ? e.name || (map.components.find((c) => c.id === e.componentId)?.name ?? '') : '';
			}
			case 'notes':
				return find(map.notes)?.text ?? '';
			case 'annotations':
				return find(map.annotations)?.text ?? '';
			case 'accelerators':
				return find(map.accelerators)?.name ?? '';
			case 'links':
				return find(map.links)?.context ?? '';
			default:
				return '';
		}
	}

	deleteSelection(): void {
		if (this.selected.length === 0) return;
		const refs = this.selected;
		this.step(() => deleteElements(this.doc, refs, this.origin));
		this.select([]);
	}

	/** Where a movable element is: components, evolved copies (their evolution), notes, accelerators, annotations' first position. */
	positionOf(ref: ElementRef): Point | null {
		const map = this.map;
		switch (ref.collection) {
			case 'components': {
				const c = map.components.find((x) => x.id === ref.id);
				return c ? { evolution: c.evolution, visibility: c.visibility } : null;
			}
			case 'evolves': {
				const e = map.evolves.find((x) => x.id === ref.id);
				const c = e && map.components.find((x) => x.id === e.componentId);
				return e && c ? { evolution: e.evolution, visibility: c.visibility } : null;
			}
			case 'notes':
			case 'accelerators': {
				const n = (map[ref.collection] as readonly (Point & { id: string })[]).find((x) => x.id === ref.id);
				return n ? { evolution: n.evolution, visibility: n.visibility } : null;
			}
			case 'annotations': {
				const a = map.annotations.find((x) => x.id === ref.id);
				return a?.positions[0] ?? null;
			}
			default:
				return null;
		}
	}

	private write(ref: ElementRef, p: Point): void {
		switch (ref.collection) {
			case 'components':
				return moveComponent(this.doc, ref.id, p, this.origin);
			case 'evolves':
				return updateEvolve(this.doc, ref.id, { evolution: p.evolution }, this.origin);
			case 'notes':
				return updateNote(this.doc, ref.id, p, this.origin);
			case 'accelerators':
				return updateAccelerator(this.doc, ref.id, p, this.origin);
			case 'annotations': {
				const a = this.map.annotations.find((x) => x.id === ref.id);
				if (a) updateAnnotation(this.doc, a.id, { positions: [p, ...a.positions.slice(1)] }, this.origin);
				return;
			}
		}
	}

	/** Move elements to points, as one undo step. */
	moveTo(moves: ReadonlyMap<string, Point>): void {
		this.step(() =>
			this.doc.transact(() => {
				for (const [key, p] of moves) this.write(parseKey(key), p);
			}, this.origin)
		);
	}

	/** Arrow keys: nudge the selection by 0.01 (0.05 with Shift). */
	nudgeSelection(dx: -1 | 0 | 1, dy: -1 | 0 | 1, big = false): void {
		const moves = new Map<string, Point>();
		for (const ref of this.selected) {
			const p = this.positionOf(ref);
			if (p) moves.set(refKey(ref), nudge(p, dx, dy, big));
		}
		if (moves.size) this.moveTo(moves);
	}

	// ---- dragging --------------------------------------------------------------------------

	/** Start dragging the selection (or `ref`, which becomes the selection if it was not in it). */
	beginDrag(ref: ElementRef): void {
		if (!this.isSelected(ref)) this.select([ref]);
		const start = new Map<string, Point>();
		for (const r of this.selected) {
			const p = this.positionOf(r);
			if (p) start.set(refKey(r), p);
		}
		// Every write of this drag merges into one undo step (until endDrag/cancelDrag).
		this.undo.stopCapturing();
		this.undo.captureTimeout = Number.MAX_SAFE_INTEGER;
		this.drag = { start, current: new Map(start), lastWrite: this.now(), dirty: false };
	}

	get dragging(): ReadonlyMap<string, Point> | null {
		return this.drag?.current ?? null;
	}

	/** Move the dragged elements by (de, dv) in map units from where the drag started. */
	dragBy(de: number, dv: number): void {
		const drag = this.drag;
		if (!drag) return;
		for (const [key, p] of drag.start) {
			const evolution = Math.round(Math.min(1, Math.max(0, p.evolution + de)) * 1000) / 1000;
			const visibility = key.startsWith('evolves/') ? p.visibility : Math.round(Math.min(1, Math.max(0, p.visibility + dv)) * 1000) / 1000;
			drag.current.set(key, { evolution, visibility });
		}
		drag.dirty = true;
		if (this.now() - drag.lastWrite >= DRAG_WRITE_INTERVAL) this.flushDrag();
	}

	/** Write the drag's current positions (throttled by dragBy; call on a timer to keep peers up to date). */
	flushDrag(): void {
		const drag = this.drag;
		if (!drag || !drag.dirty) return;
		drag.dirty = false;
		drag.lastWrite = this.now();
		this.doc.transact(() => {
			for (const [key, p] of drag.current) this.write(parseKey(key), p);
		}, this.origin);
	}

	/**
	 * For a timer while a drag is under way: write the positions if the last write (or the drag's
	 * start) is at least DRAG_WRITE_INTERVAL old, so peers see a pointer that stopped moving. A
	 * drag's first write thus comes a full interval after it starts, not in its first frames.
	 */
	flushDragIfDue(): void {
		const drag = this.drag;
		if (drag && this.now() - drag.lastWrite >= DRAG_WRITE_INTERVAL) this.flushDrag();
	}

	/** Drop: commit the final positions. The whole drag is one undo step. */
	endDrag(): void {
		if (!this.drag) return;
		this.flushDrag();
		this.drag = null;
		this.mergeLastSteps();
		this.emit();
	}

	/** Esc: put everything back where the drag started. */
	cancelDrag(): void {
		const drag = this.drag;
		if (!drag) return;
		// Only write back if a throttled write already reached the document.
		const moved = [...drag.start].some(([key, p]) => {
			const now = this.positionOf(parseKey(key));
			return now && (now.evolution !== p.evolution || now.visibility !== p.visibility);
		});
		drag.current.clear();
		for (const [k, p] of drag.start) drag.current.set(k, p);
		drag.dirty = moved;
		this.flushDrag();
		this.drag = null;
		this.mergeLastSteps();
		this.emit();
	}

	/** After a drag: the next command starts a new undo step again. */
	private mergeLastSteps(): void {
		this.undo.captureTimeout = 0;
		this.undo.stopCapturing();
	}
}

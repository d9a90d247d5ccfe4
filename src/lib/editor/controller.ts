// The editor's verbs, free of DOM: what a gesture, a shortcut, a menu item or a panel does to the
// map. Every write goes through here: the model's named commands with this user's origin (per-user
// undo), one undo step each unless said otherwise; a drag writes at most ~10 times a second and
// commits on drop as one undo step. Gestures ask `refusal` before they change the map.
import type * as Y from 'yjs';
import {
	addAccelerator,
	addAnnotation,
	addArea,
	addComponent,
	addContract,
	addEvolve,
	addLink,
	addNote,
	addPipeline,
	createUndoManager,
	deleteElements,
	importContracts,
	lockedBy,
	moveComponent,
	readSnapshot,
	resetLabel,
	setLabelOffset,
	removeContract,
	setMeta,
	updateAccelerator,
	updateAnnotation,
	updateComponent,
	updateContract,
	updateEvolve,
	updateLink,
	updateNote,
	type AcceleratorId,
	type AnnotationId,
	type AreaId,
	type ComponentId,
	type ComponentInput,
	type ContractImport,
	type ContractImportResult,
	type ContractInput,
	type ElementRef,
	type EndpointId,
	type EvolveId,
	type LinkId,
	type LinkInput,
	type MapMeta,
	type MapSnapshot,
	type NoteId,
	type Offset,
	type PipelineId,
	type Point,
	type ToolKind,
	type UndoManager
} from '../map/index.js';
import { reconcile } from '../formats/owm/index.js';
import { tidyValueChain, type TidyProposal } from '../layout/tidy.js';
import { nudge } from './geometry.js';
import { nameOf, positionOf } from './lookup.js';
import { lockNote, refusal, type Facilitation, type UnsavedText } from './permissions.js';
import { parseRefKey, refKey } from './refs.js';

const parseKey = (key: string): ElementRef => parseRefKey(key)!;

/** Milliseconds between document writes while dragging (10 per second). */
export const DRAG_WRITE_INTERVAL = 100;

export type Listener = () => void;

/** Fields as a person names them ("the supplier of “Payments”"). */
const FIELD_WORDS: Readonly<Record<string, string>> = { submapUrl: 'submap link', flowLabel: 'flow label', context: 'context label' };

interface Drag {
	/** Where each dragged element started, to cancel. */
	readonly start: Map<string, Point>;
	/** Where each dragged element is now (drawn from here during the drag). */
	readonly current: Map<string, Point>;
	lastWrite: number;
	dirty: boolean;
}

/** A label being dragged: its component, the label as it was (to cancel) and where the drag began. */
interface LabelDrag {
	readonly id: ComponentId;
	readonly before: { readonly label: Offset | null; readonly pinned: boolean };
	readonly from: Offset;
}

export class EditorController {
	private readonly doc: Y.Doc;
	/** This user's origin on every transaction: what the undo manager tracks. */
	private readonly origin: object;
	/** The workshop this editor is in (locks, allowed tools), if any. */
	private readonly facilitation: Facilitation | null;
	readonly undo: UndoManager;
	private selected: ElementRef[] = [];
	private drag: Drag | null = null;
	private labelDrag: LabelDrag | null = null;
	private pressed = false;
	private readonly listeners = new Set<Listener>();
	private now: () => number;

	constructor(doc: Y.Doc, options: { origin?: object; now?: () => number; facilitation?: Facilitation | null } = {}) {
		this.doc = doc;
		this.origin = options.origin ?? { user: 'local' };
		this.facilitation = options.facilitation ?? null;
		this.undo = createUndoManager(doc, this.origin);
		this.now = options.now ?? (() => Date.now());
	}

	get map(): MapSnapshot {
		return readSnapshot(this.doc);
	}

	/**
	 * Why the facilitator does not let this person do `kind` (to element `id`) now, as a sentence to
	 * announce; null when they may. Gestures ask before they start; the server checks every update.
	 */
	refusal(kind: ToolKind, id?: string): string | null {
		return refusal(this.facilitation, kind, id);
	}

	/**
	 * Text this person typed for `field` of `ref` ("name", "notes"…) that was not written because
	 * `why`: shown where they can copy it (a refused edit never just loses their typing).
	 */
	keepUnsaved(ref: ElementRef, field: string, text: string, why: string): void {
		this.keepUnsavedText(this.fieldName(ref, field), text, why);
	}

	/** As keepUnsaved, for text that is not one element's field (`what`: "the map text"). */
	keepUnsavedText(what: string, text: string, why: string): void {
		this.facilitation?.keepUnsaved?.({ what, why, text } satisfies UnsavedText);
	}

	/** "the name of “Payments”": a field of an element, as a person would say it. */
	fieldName(ref: ElementRef, field: string): string {
		const name = this.nameOf(ref);
		return name ? `the ${field} of “${name}”` : `the ${field}`;
	}

	/** Tell the page about text this person wrote, kept until the server confirms it. */
	private wroteText(ref: ElementRef, patch: Readonly<Record<string, unknown>>): void {
		const f = this.facilitation?.wroteText;
		if (!f) return;
		// A type is picked from a list, not typed: nothing to keep.
		for (const [field, v] of Object.entries(patch)) if (field !== 'componentType' && typeof v === 'string' && v) f({ what: this.fieldName(ref, FIELD_WORDS[field] ?? field), text: v });
	}

	/** "Locked by Sam (facilitator)" when element `id` is locked (whoever asks), else null. */
	lockNote(id: string): string | null {
		const w = this.facilitation?.workshop();
		const by = w ? lockedBy(w, id) : null;
		return by === null ? null : lockNote(by);
	}

	/** True for a write of this user's drag under way (the drag layer already shows it). */
	isDragWrite(origin: unknown): boolean {
		return origin === this.origin && this.drag !== null;
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

	/** A pioneers area 0.2 wide and high around a point (clicking with the area tool). */
	addAreaAt(at: Point): AreaId {
		const from = { evolution: Math.max(0, at.evolution - 0.1), visibility: Math.min(1, at.visibility + 0.1) };
		const to = { evolution: Math.min(1, at.evolution + 0.1), visibility: Math.max(0, at.visibility - 0.1) };
		return this.addAreaBetween(from, to);
	}

	/** A pioneers area from its top-left `from` to its bottom-right `to` (dragging with the area tool). */
	addAreaBetween(from: Point, to: Point): AreaId {
		const id = this.step(() => addArea(this.doc, { kind: 'pioneers', from, to }, this.origin));
		this.select([{ collection: 'areas', id }]);
		return id;
	}

	/** Add an evolve move to a component: 0.2 further along evolution (at most 1). */
	addEvolveMove(componentId: ComponentId): EvolveId | null {
		const c = this.map.components.find((x) => x.id === componentId);
		if (!c) return null;
		return this.step(() => addEvolve(this.doc, { componentId, evolution: Math.min(1, Math.round((c.evolution + 0.2) * 100) / 100) }, this.origin));
	}

	/** Add a pipeline to a component, spanning 0.15 either side of it. */
	addPipelineTo(componentId: ComponentId): PipelineId | null {
		const c = this.map.components.find((x) => x.id === componentId);
		if (!c) return null;
		return this.step(() => addPipeline(this.doc, { componentId, start: Math.max(0, c.evolution - 0.15), end: Math.min(1, c.evolution + 0.15) }, this.origin));
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
		const field = ref.collection === 'notes' || ref.collection === 'annotations' ? 'text' : ref.collection === 'links' ? 'context' : 'name';
		this.wroteText(ref, { [field]: name });
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
		return nameOf(this.map, ref);
	}

	/** Change fields of a component (the inspector, the table, the actions menu). */
	setComponentFields(id: ComponentId, patch: Partial<ComponentInput>): void {
		this.wroteText({ collection: 'components', id }, patch);
		this.step(() => updateComponent(this.doc, id, patch, this.origin));
	}

	/** Add a contract to a component (the inspector); returns its id. Throws ModelError on a bad field. */
	addContract(id: ComponentId, input: ContractInput = {}): string {
		return this.step(() => addContract(this.doc, id, input, this.origin));
	}

	/** Change fields of one contract of a component. Throws ModelError (a bad date, an end before the start). */
	setContractFields(id: ComponentId, contractId: string, patch: ContractInput): void {
		this.step(() => updateContract(this.doc, id, contractId, patch, this.origin));
	}

	/** Write a reviewed contract register: every contract and new component in one undo step. Throws ModelError. */
	importContracts(entries: readonly ContractImport[]): ContractImportResult {
		return this.step(() => importContracts(this.doc, entries, this.origin));
	}

	removeContract(id: ComponentId, contractId: string): void {
		this.step(() => removeContract(this.doc, id, contractId, this.origin));
	}

	/** Change fields of a link: its flow, its flow's value label. */
	setLinkFields(id: LinkId, patch: Partial<LinkInput>): void {
		this.wroteText({ collection: 'links', id }, patch);
		this.step(() => updateLink(this.doc, id, patch, this.origin));
	}

	/** Where an evolve move goes: evolution 0..1. */
	setEvolveTarget(id: EvolveId, evolution: number): void {
		this.step(() => updateEvolve(this.doc, id, { evolution }, this.origin));
	}

	renumberAnnotation(id: AnnotationId, number: number): void {
		this.step(() => updateAnnotation(this.doc, id, { number }, this.origin));
	}

	/** The map's settings: title, description, stage and axis labels, hidden axes. */
	setMapSettings(patch: Partial<MapMeta>): void {
		const f = this.facilitation?.wroteText;
		for (const [field, v] of Object.entries(patch)) if (f && typeof v === 'string' && v) f({ what: `the map's ${field}`, text: v });
		this.step(() => setMeta(this.doc, patch, this.origin));
	}

	/**
	 * What a component needs, as the table's dependency cell edits it: remove these links and link
	 * it to these elements, in one transaction.
	 */
	setNeeds(id: ComponentId, edit: { readonly add: readonly EndpointId[]; readonly remove: readonly LinkId[] }): void {
		this.step(() =>
			this.doc.transact(() => {
				deleteElements(this.doc, edit.remove.map((l) => ({ collection: 'links' as const, id: l })), this.origin);
				for (const to of edit.add) addLink(this.doc, { from: id, to }, this.origin);
			}, this.origin)
		);
	}

	/** Make the map match `map` with the fewest commands (the text view's edits). */
	reconcile(map: MapSnapshot): void {
		this.step(() => reconcile(this.doc, map, this.origin));
	}

	/** Delete elements with everything that depends on them (their links, evolves, pipelines). */
	remove(refs: readonly ElementRef[]): void {
		this.step(() => deleteElements(this.doc, refs, this.origin));
	}

	deleteSelection(): void {
		if (this.selected.length === 0) return;
		this.remove(this.selected);
		this.select([]);
	}

	/** Where a movable element is: components, evolved copies (their evolution), notes, accelerators, annotations' first position. */
	positionOf(ref: ElementRef): Point | null {
		return positionOf(this.map, ref);
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

	// ---- labels ----------------------------------------------------------------------------

	/** Place a component's label `offset` px from its point, pinned (the keyboard's Alt+arrows). */
	placeLabel(id: ComponentId, offset: Offset): void {
		this.step(() => setLabelOffset(this.doc, id, roundOffset(offset), this.origin));
	}

	/** Give a component's label back to automatic placement. */
	resetLabel(id: ComponentId): void {
		this.step(() => resetLabel(this.doc, id, this.origin));
	}

	/**
	 * Start dragging a component's label from `from`, the offset (px) it is drawn at now. Each
	 * write is a document edit the others see at once; the whole drag is one undo step.
	 */
	beginLabelDrag(id: ComponentId, from: Offset): void {
		const c = this.map.components.find((x) => x.id === id);
		if (!c) return;
		this.undo.stopCapturing();
		this.undo.captureTimeout = Number.MAX_SAFE_INTEGER;
		this.labelDrag = { id, before: { label: c.label, pinned: c.labelPinned === true }, from };
	}

	/** The component whose label is being dragged, or null. */
	get draggingLabel(): ComponentId | null {
		return this.labelDrag?.id ?? null;
	}

	/** Move the dragged label by (dx, dy) px from where the drag began. */
	dragLabelBy(dx: number, dy: number): void {
		const drag = this.labelDrag;
		if (!drag) return;
		setLabelOffset(this.doc, drag.id, roundOffset({ x: drag.from.x + dx, y: drag.from.y + dy }), this.origin);
	}

	/** Drop the label where it is: the drag was one undo step. */
	endLabelDrag(): void {
		if (!this.labelDrag) return;
		this.labelDrag = null;
		this.mergeLastSteps();
		this.emit();
	}

	/** Esc: the label as it was before the drag (automatic again if it was). */
	cancelLabelDrag(): void {
		const drag = this.labelDrag;
		if (!drag) return;
		const now = this.map.components.find((x) => x.id === drag.id);
		const same = now && (now.labelPinned === true) === drag.before.pinned && now.label?.x === drag.before.label?.x && now.label?.y === drag.before.label?.y;
		if (now && !same) {
			if (drag.before.pinned && drag.before.label) setLabelOffset(this.doc, drag.id, drag.before.label, this.origin);
			else updateComponent(this.doc, drag.id, { label: drag.before.label, labelPinned: false }, this.origin);
		}
		this.labelDrag = null;
		this.mergeLastSteps();
		this.emit();
	}

	// ---- tidying ---------------------------------------------------------------------------

	/** What tidying the value chain would change (visibility only), without writing anything. */
	tidyProposal(): TidyProposal {
		return tidyValueChain(this.map);
	}

	/** Apply a tidy proposal: every move in one transaction, one undo step. */
	applyTidy(proposal: TidyProposal): void {
		const moves = new Map<string, Point>();
		for (const m of proposal.moves) moves.set(refKey({ collection: 'components', id: m.id }), { evolution: m.evolution, visibility: m.to });
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

/** Label offsets are whole pixels: finer is invisible and only bloats the OWM text. */
function roundOffset(o: Offset): Offset {
	return { x: Math.round(o.x), y: Math.round(o.y) };
}

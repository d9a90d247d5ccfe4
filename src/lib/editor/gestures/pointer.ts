// The canvas's pointer gestures as a mode machine: a press on an element is pending until it moves
// 3 px, then drags; on empty space it draws a rubber band (or, with the area tool, an area); on a
// selected component's handle it draws a link; on a component's label it drags the label alone.
// Double-click renames or adds; right-click opens actions.
import type { ComponentId, ElementRef } from '../../map/index.js';
import { hitTest, inRubberBand, insidePlot, toMapPoint } from '../geometry.js';
import { drawnOffset, labelAt } from '../labels.js';
import { can, finishLink, itemPoint, openMenu, place, startLink, startRename } from './edits.js';
import type { GestureHost } from './host.js';

export type PointerMode = 'pending' | 'move' | 'label' | 'band' | 'link' | 'area';

const OUTSIDE = 'Outside the map: add inside its axes.';

/** How far (scene px) a press moves before it is a drag or a band rather than a click. */
const SLOP = 3;

interface Press {
	readonly id: number;
	readonly x: number;
	readonly y: number;
	readonly ref: ElementRef | null;
	/** The press is on this component's label: a drag moves the label, not the component. */
	readonly label: ComponentId | null;
	mode: PointerMode;
}

/** Where a pointer or mouse event happened on the screen. */
export interface ClientPoint {
	readonly clientX: number;
	readonly clientY: number;
}

/** What the machine reads of a pointer event. */
export interface PointerInput extends ClientPoint {
	readonly pointerId: number;
	readonly button: number;
	readonly shiftKey: boolean;
	readonly target: EventTarget | null;
}

export class PointerGestures {
	private press: Press | null = null;

	constructor(private readonly h: GestureHost) {}

	/** True from a press on the canvas until it lifts (or Esc cancels its drag). */
	get active(): boolean {
		return this.press !== null;
	}

	get mode(): PointerMode | null {
		return this.press?.mode ?? null;
	}

	down(e: PointerInput): void {
		const { h } = this;
		if (e.button !== 0 || h.panning) return;
		h.ui.menu = null;
		h.points.hold();
		h.ed.press(true);
		const scene = h.scene;
		const p = h.points.toScene(e, true);
		const handle = (e.target as Element | null)?.closest?.('[data-handle="link"]');
		const ref = hitTest(scene, p.x, p.y);
		h.capture(e.pointerId);
		const selection = h.selection;
		if (handle && selection.length === 1 && !h.readonly) {
			this.press = { id: e.pointerId, x: p.x, y: p.y, ref: selection[0], label: null, mode: 'link' };
			const from = itemPoint(scene, h.ed, selection[0]);
			h.ui.linkLine = { from: selection[0], x1: from.x, y1: from.y, x2: p.x, y2: p.y };
			return;
		}
		if ((h.ui.linkFrom || h.tool === 'link') && !h.readonly) {
			if (ref && (ref.collection === 'components' || ref.collection === 'evolves')) {
				if (h.ui.linkFrom) finishLink(h, ref);
				else startLink(h, ref);
			}
			this.press = null;
			return;
		}
		if (!ref && !h.readonly && h.tool !== 'select') {
			if (h.tool === 'area') {
				this.press = { id: e.pointerId, x: p.x, y: p.y, ref: null, label: null, mode: 'area' };
				h.ui.band = { x1: p.x, y1: p.y, x2: p.x, y2: p.y, kind: 'area' };
				return;
			}
			// The margin holds the axes' labels: a click there places nothing (nor drops the tool).
			if (insidePlot(scene.plot, p.x, p.y)) {
				place(h, h.tool, toMapPoint(scene.plot, p.x, p.y));
				h.tool = 'select';
			} else h.announce(OUTSIDE);
			this.press = null;
			return;
		}
		if (ref) {
			if (e.shiftKey) h.ed.toggle(ref);
			else if (!h.ed.isSelected(ref)) h.ed.select([ref]);
			const label = !e.shiftKey && ref.collection === 'components' ? labelAt(scene, ref.id, p.x, p.y) : null;
			this.press = { id: e.pointerId, x: p.x, y: p.y, ref, label: label ? (label.id as ComponentId) : null, mode: 'pending' };
			// Keyboard follows the pointer: Esc, Delete and the shortcuts now apply here.
			void h.focusRef(ref);
		} else {
			if (!e.shiftKey) h.ed.select([]);
			this.press = { id: e.pointerId, x: p.x, y: p.y, ref: null, label: null, mode: 'band' };
			h.focusCanvas();
		}
	}

	move(e: PointerInput): void {
		const { h } = this;
		const scene = h.scene;
		const pointer = this.press;
		const p = h.points.toScene(e, pointer !== null);
		const at = toMapPoint(scene.plot, p.x, p.y);
		h.publish('cursor', (me) => me.moveCursor(at));
		if (!pointer) {
			const ref = hitTest(scene, p.x, p.y);
			h.ui.hoverId = ref && ref.collection === 'components' ? ref.id : null;
			h.ui.hoverLabel = !h.readonly && h.tool === 'select' && ref?.collection === 'components' && labelAt(scene, ref.id, p.x, p.y) !== null;
			return;
		}
		const far = Math.hypot(p.x - pointer.x, p.y - pointer.y) > SLOP;
		if (pointer.mode === 'pending' && far && pointer.label && !h.readonly) {
			const item = scene.components.find((c) => c.collection === 'components' && c.id === pointer.label);
			if (!item || !can(h, 'move', pointer.label)) {
				this.press = null;
				return;
			}
			pointer.mode = 'label';
			h.ed.beginLabelDrag(pointer.label, drawnOffset(item));
			h.gesture(true);
			h.ui.hoverId = null;
		}
		if (pointer.mode === 'pending' && far && pointer.ref && !h.readonly && h.ed.positionOf(pointer.ref)) {
			const ids = h.ed.isSelected(pointer.ref) ? h.ed.selection : [pointer.ref];
			if (!ids.every((r) => can(h, 'move', r.id))) {
				this.press = null;
				return;
			}
			pointer.mode = 'move';
			h.ed.beginDrag(pointer.ref);
			h.gesture(true);
			const moving = h.ed.selection.map((r) => r.id);
			h.publish('dragging', (me) => me.drag(moving));
			h.ui.hoverId = null;
		}
		if (pointer.mode === 'label') {
			h.ed.dragLabelBy(p.x - pointer.x, p.y - pointer.y);
		} else if (pointer.mode === 'move') {
			h.ed.dragBy((p.x - pointer.x) / scene.plot.width, -(p.y - pointer.y) / scene.plot.height);
			h.ui.dragMoves = new Map(h.ed.dragging ?? []);
		} else if (pointer.mode === 'band' && far) {
			h.ui.band = { x1: pointer.x, y1: pointer.y, x2: p.x, y2: p.y, kind: 'select' };
		} else if (pointer.mode === 'area' && h.ui.band) {
			h.ui.band = { ...h.ui.band, x2: p.x, y2: p.y };
		} else if (pointer.mode === 'link' && h.ui.linkLine) {
			h.ui.linkLine = { ...h.ui.linkLine, x2: p.x, y2: p.y };
		}
	}

	up(e: PointerInput): void {
		const { h } = this;
		const pointer = this.press;
		if (!pointer || e.pointerId !== pointer.id) return;
		const scene = h.scene;
		const p = h.points.toScene(e, true);
		const mode = pointer.mode;
		this.press = null;
		h.release(e.pointerId);
		const band = h.ui.band;
		const linkLine = h.ui.linkLine;
		if (mode === 'move') {
			h.ed.endDrag();
			h.gesture(false);
			h.publish('dragging', (me) => me.drag([]));
			h.ui.dragMoves = null;
			h.announce('Moved');
		} else if (mode === 'label') {
			h.ed.endLabelDrag();
			h.gesture(false);
			h.announce(`Label of ${h.ed.nameOf(pointer.ref!)} moved`);
		} else if (mode === 'band' && band) {
			const refs = inRubberBand(scene, band.x1, band.y1, band.x2, band.y2);
			h.ed.select(e.shiftKey ? [...h.selection, ...refs] : refs);
			h.announce(`${refs.length} selected`);
		} else if (mode === 'area' && band) {
			const a = toMapPoint(scene.plot, Math.min(band.x1, band.x2), Math.min(band.y1, band.y2));
			const b = toMapPoint(scene.plot, Math.max(band.x1, band.x2), Math.max(band.y1, band.y2));
			if (Math.abs(band.x2 - band.x1) > 8 && Math.abs(band.y2 - band.y1) > 8) h.ed.addAreaBetween(a, b);
			else place(h, 'area', toMapPoint(scene.plot, p.x, p.y));
			h.tool = 'select';
		} else if (mode === 'link' && linkLine) {
			const to = hitTest(scene, p.x, p.y);
			h.ui.linkFrom = linkLine.from;
			if (to) finishLink(h, to);
			else h.ui.linkFrom = null;
		}
		h.ui.band = null;
		h.ui.linkLine = null;
	}

	/** Esc: put a drag's elements back. False when no drag is under way. */
	cancelMove(): boolean {
		const { h } = this;
		if (this.press?.mode === 'label') {
			h.ed.cancelLabelDrag();
			h.gesture(false);
			this.press = null;
			h.announce('Label move cancelled');
			return true;
		}
		if (this.press?.mode !== 'move') return false;
		h.ed.cancelDrag();
		h.gesture(false);
		h.ui.dragMoves = null;
		this.press = null;
		h.announce('Move cancelled');
		return true;
	}

	/** Double-click: rename the element under the pointer, or add a component there. */
	doubleClick(e: ClientPoint): void {
		const { h } = this;
		if (h.readonly) return;
		const p = h.points.toScene(e, this.press !== null);
		const ref = hitTest(h.scene, p.x, p.y);
		if (ref) startRename(h, ref);
		else if (insidePlot(h.scene.plot, p.x, p.y)) place(h, 'component', toMapPoint(h.scene.plot, p.x, p.y));
		else h.announce(OUTSIDE);
	}

	/** Right-click on an element: select it and open its actions where the pointer is. True if handled. */
	contextMenu(e: ClientPoint): boolean {
		const { h } = this;
		const p = h.points.toScene(e, this.press !== null);
		const ref = hitTest(h.scene, p.x, p.y);
		if (!ref) return false;
		if (!h.ed.isSelected(ref)) h.ed.select([ref]);
		openMenu(h, ref, h.points.clientToFrame(e.clientX, e.clientY));
		return true;
	}

	/** The pointer left the canvas: nothing is hovered, and the others no longer see its cursor. */
	leave(): void {
		this.h.ui.hoverId = null;
		this.h.ui.hoverLabel = false;
		this.h.publish('cursor', (me) => me.moveCursor(null));
	}
}

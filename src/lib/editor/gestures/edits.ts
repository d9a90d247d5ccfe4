// What the canvas's gestures do once decided, shared by pointer and keyboard: ask the facilitator's
// permission, place the active tool's element, link, rename in place, open an element's menu.
import type { ElementRef, Point, ToolKind } from '../../map/index.js';
import type { Scene } from '../../render/index.js';
import { actionsFor, type Action } from '../actions.js';
import type { EditorController } from '../controller.js';
import { toPixels } from '../geometry.js';
import { parseRefKey } from '../refs.js';
import { TOOLS, type Tool } from '../tools.js';
import type { GestureHost } from './host.js';

/** May this person do `kind` (to element `id`)? If not, announces why. */
export function can(h: GestureHost, kind: ToolKind, id?: string): boolean {
	if (h.readonly) return false;
	const no = h.ed.refusal(kind, id);
	if (no) h.announce(no, true);
	return no === null;
}

/** The element the keyboard acts on: the focused one, else the first selected. */
export function current(h: GestureHost): ElementRef | null {
	return (h.ui.focusKey && parseRefKey(h.ui.focusKey)) || h.selection[0] || null;
}

/** Where an element is drawn (px in the scene): where rename fields, menus and links start. */
export function itemPoint(scene: Scene, ed: EditorController, ref: ElementRef): { x: number; y: number } {
	const k = scene.components.find((c) => c.collection === ref.collection && c.id === ref.id);
	if (k) return { x: k.x, y: k.y };
	const p = ed.positionOf(ref);
	if (p) return toPixels(scene.plot, p);
	const l = scene.links.find((x) => x.id === ref.id);
	if (l) return { x: (l.x1 + l.x2) / 2, y: (l.y1 + l.y2) / 2 };
	const box = scene.pipelines.find((x) => x.id === ref.id)?.box ?? scene.areas.find((x) => x.id === ref.id)?.box;
	return box ? { x: box.x, y: box.y } : { x: scene.plot.x + scene.plot.width / 2, y: scene.plot.y + scene.plot.height / 2 };
}

/** Open the rename field over an element (`fresh`: just placed, so no permission to ask). */
export function startRename(h: GestureHost, ref: ElementRef, fresh = false): void {
	if (!fresh && !can(h, 'edit', ref.id)) return;
	const at = itemPoint(h.scene, h.ed, ref);
	const { left, top } = h.points.toFrame(at.x, at.y);
	h.ui.renaming = { ref, left, top, value: h.ed.nameOf(ref), fresh };
	h.afterRender(() => h.focusRenameField());
}

/** Close the rename field; with `commit`, a changed, non-empty name is written. */
export function finishRename(h: GestureHost, commit: boolean): void {
	const r = h.ui.renaming;
	h.ui.renaming = null;
	if (!r) return;
	const value = r.value.trim();
	// The element was locked while the field was open: keep what was typed where it can be copied.
	const no = commit && value && !r.fresh ? h.ed.refusal('edit', r.ref.id) : null;
	if (no) {
		if (value !== h.ed.nameOf(r.ref)) h.ed.keepUnsaved(r.ref, r.ref.collection === 'notes' || r.ref.collection === 'annotations' ? 'text' : 'name', value, no);
		h.announce(no, true);
	} else if (commit && value && value !== h.ed.nameOf(r.ref)) {
		h.ed.rename(r.ref, value, r.fresh);
		h.announce(`Renamed to ${value}`);
	}
	void h.focusRef(r.ref);
}

export function startLink(h: GestureHost, ref: ElementRef): void {
	if (!can(h, 'link')) return;
	h.ui.linkFrom = ref;
	h.announce(`Linking from ${h.ed.nameOf(ref)}: choose the component it needs and press Enter, or click it. Escape cancels.`);
}

/** Link what the link started from to `to` (a component or an evolved copy). */
export function finishLink(h: GestureHost, to: ElementRef): void {
	const from = h.ui.linkFrom;
	h.ui.linkFrom = null;
	if (!from || (from.collection !== 'components' && from.collection !== 'evolves')) return;
	if (to.collection !== 'components' && to.collection !== 'evolves') return;
	const id = h.ed.link(from.id, to.id);
	h.announce(id ? `Linked ${h.ed.nameOf(from)} to ${h.ed.nameOf(to)}` : 'A component cannot depend on itself');
}

/** Place the active tool's element at a point (click, double-click or Enter), then rename it. */
export function place(h: GestureHost, tool: Tool, at: Point): ElementRef | null {
	if (!can(h, 'add')) return null;
	const { ed } = h;
	const info = TOOLS.find((t) => t.tool === tool);
	let ref: ElementRef | null = null;
	if (tool === 'component' || tool === 'anchor') {
		ref = { collection: 'components', id: ed.addComponentAt(at, { name: info!.defaultName!, kind: tool === 'anchor' ? 'anchor' : 'component' }) };
	} else if (tool === 'note') ref = { collection: 'notes', id: ed.addNoteAt(at, info!.defaultName!) };
	else if (tool === 'annotation') ref = { collection: 'annotations', id: ed.addAnnotationAt(at, info!.defaultName!) };
	else if (tool === 'accelerator' || tool === 'deaccelerator') ref = { collection: 'accelerators', id: ed.addAcceleratorAt(at, tool, info!.defaultName!) };
	else if (tool === 'area') ref = { collection: 'areas', id: ed.addAreaAt(at) };
	if (ref) {
		h.announce(`Added ${info?.label ?? 'element'}`);
		const added = ref;
		if (added.collection !== 'areas') h.afterRender(() => startRename(h, added, true));
	}
	return ref;
}

/** What an action of the menu or a shortcut does, as the facilitator allows it. */
export function actionKind(action: Action): ToolKind {
	return action.id === 'delete' ? 'delete' : action.id === 'link' ? 'link' : action.id === 'reset-label' ? 'move' : 'edit';
}

/**
 * An element's actions, with rename and link handed back to the canvas (none when read-only).
 * Each asks first: a locked element's menu refuses with the reason instead of writing.
 */
export function actionsOf(h: GestureHost, ref: ElementRef): Action[] {
	if (h.readonly) return [];
	return actionsFor(h.ed, ref, { rename: (r) => startRename(h, r), startLink: (r) => startLink(h, r) }).map((a) => ({
		...a,
		run: () => {
			if (a.id !== 'rename' && !can(h, actionKind(a), ref.id)) return;
			a.run();
			// From the menu too, a label going back to automatic placement is announced.
			if (a.id === 'reset-label') h.announce(`Label of ${h.ed.nameOf(ref)} back to automatic`);
		}
	}));
}

/** Open an element's actions menu at (left, top) px in the canvas's box, or next to the element. */
export function openMenu(h: GestureHost, ref: ElementRef, at?: { left: number; top: number }): void {
	let where = at;
	if (!where) {
		const p = itemPoint(h.scene, h.ed, ref);
		const { left, top } = h.points.toFrame(p.x, p.y);
		where = { left: left + 12, top: top + 12 };
	}
	const actions = actionsOf(h, ref);
	if (actions.length) h.ui.menu = { ref, left: where.left, top: where.top, actions };
}

// Geometry of the editor's overlay (selection and focus rings, the link handle) from a scene.
// Pure; the overlay component only draws these shapes.
import { COLLECTIONS, elementRef, lockedBy, type ElementRef, type MapSnapshot, type Point, type WorkshopState } from '../map/index.js';
import type { Box, Scene } from '../render/index.js';
import { toPixels } from './geometry.js';
import { refKey } from './refs.js';

export type Ring =
	| { readonly key: string; readonly shape: 'circle'; readonly x: number; readonly y: number; readonly r: number }
	| { readonly key: string; readonly shape: 'rect'; readonly box: Box }
	| { readonly key: string; readonly shape: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };

/** The outline to draw around an element; moved elements follow their drag position. */
export function ringFor(scene: Scene, ref: ElementRef, moves?: ReadonlyMap<string, Point> | null): Ring | null {
	const key = refKey(ref);
	const moved = moves?.get(key);
	const k = scene.components.find((c) => c.collection === ref.collection && c.id === ref.id);
	if (k) {
		const at = moved ? toPixels(scene.plot, moved) : k;
		if (k.kind === 'anchor') {
			const b = k.label.bounds;
			return { key, shape: 'rect', box: { x: b.x - 6 + (at.x - k.x), y: b.y - 6 + (at.y - k.y), width: b.width + 12, height: b.height + 12 } };
		}
		return { key, shape: 'circle', x: at.x, y: at.y, r: Math.max(k.outer, 6) + 7 };
	}
	const l = scene.links.find((x) => x.id === ref.id && ref.collection === 'links');
	if (l) return { key, shape: 'line', x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 };
	const n = scene.notes.find((x) => x.id === ref.id && ref.collection === 'notes');
	if (n) return { key, shape: 'rect', box: pad(shift(n.text.bounds, moved ? toPixels(scene.plot, moved) : null, n.text)) };
	const a = scene.accelerators.find((x) => x.id === ref.id && ref.collection === 'accelerators');
	if (a) {
		const at = moved ? toPixels(scene.plot, moved) : a;
		return { key, shape: 'circle', x: at.x, y: at.y, r: 24 };
	}
	const an = scene.annotations.find((x) => x.id === ref.id && ref.collection === 'annotations');
	if (an && an.circles[0]) {
		const at = moved ? toPixels(scene.plot, moved) : an.circles[0];
		return { key, shape: 'circle', x: at.x, y: at.y, r: an.circles[0].r + 6 };
	}
	const box = scene.pipelines.find((x) => x.id === ref.id)?.box ?? scene.areas.find((x) => x.id === ref.id)?.box;
	return box ? { key, shape: 'rect', box: pad(box) } : null;
}

function pad(b: Box, by = 5): Box {
	return { x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by };
}

function shift(b: Box, to: { x: number; y: number } | null, from: { x: number; y: number }): Box {
	return to ? { ...b, x: b.x + to.x - from.x, y: b.y + to.y - from.y } : b;
}

/** Where the link handle of a selected component sits (px): just right of its symbol. */
export function linkHandle(scene: Scene, ref: ElementRef): { x: number; y: number } | null {
	if (ref.collection !== 'components' && ref.collection !== 'evolves') return null;
	const k = scene.components.find((c) => c.collection === ref.collection && c.id === ref.id);
	if (!k) return null;
	// Below the symbol: labels sit to the right and above by default.
	return { x: k.x, y: k.y + Math.max(k.outer, 6) + 20 };
}

/** The element an id names in a scene (presence carries ids only). */
export function refForId(scene: Scene, id: string): ElementRef | null {
	const k = scene.components.find((c) => c.id === id);
	if (k && k.collection !== 'meta') return elementRef(k.collection, id);
	if (scene.links.some((l) => l.id === id)) return elementRef('links', id);
	if (scene.notes.some((n) => n.id === id)) return elementRef('notes', id);
	if (scene.annotations.some((a) => a.id === id)) return elementRef('annotations', id);
	if (scene.accelerators.some((a) => a.id === id)) return elementRef('accelerators', id);
	if (scene.pipelines.some((p) => p.id === id)) return elementRef('pipelines', id);
	if (scene.areas.some((a) => a.id === id)) return elementRef('areas', id);
	return null;
}

export interface OtherMark {
	readonly key: string;
	readonly colour: string;
	readonly ring: Ring;
	/** "Being moved by Ana" under the element while someone drags it; '' otherwise. */
	readonly caption: string;
}

/** Others' selections (outlined in their colour) and what they are dragging (captioned). */
export function othersMarks(scene: Scene, others: readonly { clientId: number; user: { name: string; colour: string }; selection: readonly string[]; dragging: readonly string[] }[]): OtherMark[] {
	const marks: OtherMark[] = [];
	for (const p of others) {
		const dragging = new Set(p.dragging);
		for (const id of new Set([...p.selection, ...p.dragging])) {
			const ref = refForId(scene, id);
			const ring = ref && ringFor(scene, ref);
			if (ring) marks.push({ key: `${p.clientId}/${id}`, colour: p.user.colour, ring, caption: dragging.has(id) ? `Being moved by ${p.user.name}` : '' });
		}
	}
	return marks;
}

/** A padlock drawn on a locked element (px: its top-right corner), with who locked it. */
export interface LockMark {
	readonly id: string;
	readonly x: number;
	readonly y: number;
	/** Who locked it ('' when not recorded). */
	readonly by: string;
}

/** Where the padlocks of the locked elements go; moved elements take theirs along. */
export function locksOn(scene: Scene, map: MapSnapshot, workshop: WorkshopState, moves?: ReadonlyMap<string, Point> | null): LockMark[] {
	const marks: LockMark[] = [];
	for (const id of workshop.locked) {
		const collection = COLLECTIONS.find((c) => (map[c] as readonly { id: string }[]).some((e) => e.id === id));
		const ring = collection ? ringFor(scene, elementRef(collection, id), moves) : null;
		if (!ring) continue;
		const at =
			ring.shape === 'circle'
				? { x: ring.x + ring.r * 0.7, y: ring.y - ring.r * 0.7 }
				: ring.shape === 'rect'
					? { x: ring.box.x + ring.box.width, y: ring.box.y }
					: { x: (ring.x1 + ring.x2) / 2, y: (ring.y1 + ring.y2) / 2 };
		marks.push({ id, ...at, by: lockedBy(workshop, id) ?? '' });
	}
	return marks;
}

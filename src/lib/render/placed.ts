// Where placement put each label, as OWM-style offsets from its element: what a text export writes
// so that other tools (and a re-import) draw the labels where Stackmap draws them. Pure.
import type { MapSnapshot, Offset } from '../map/index.js';
import { layoutScene, type SceneOptions } from './scene.js';

/** Offsets closer than this (px) to where the map already puts a label count as unmoved. */
const SAME = 0.5;

/**
 * The labels placement moved, by element id (components and evolve moves): their drawn offset in
 * whole px from the element (the first baseline's start, or centre for anchors, as `label [x, y]`).
 * A label drawn where its offset (or, without one, the default spot) puts it is left out, and so
 * is a pinned one. Same map and options → same offsets.
 */
export function placedLabelOffsets(map: MapSnapshot, options: SceneOptions = {}): Map<string, Offset> {
	const { scene, unplaced } = layoutScene(map, options);
	const before = new Map(unplaced.map((k) => [k.key, k.label]));
	const offsets = new Map<string, Offset>();
	for (const k of scene.components) {
		const was = before.get(k.key);
		if (!was || (Math.abs(was.x - k.label.x) < SAME && Math.abs(was.y - k.label.y) < SAME)) continue;
		// An anchor's offset moves its centred block (components.ts anchorLabel), not its first baseline.
		const t = k.label;
		const dy = k.kind === 'anchor' ? t.y - k.y - t.size * 0.35 + ((t.lines.length - 1) * t.lineHeight) / 2 : t.y - k.y;
		offsets.set(k.id, { x: Math.round(t.x - k.x), y: Math.round(dy) });
	}
	return offsets;
}

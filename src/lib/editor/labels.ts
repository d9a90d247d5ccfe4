// Component labels as the editor moves them: which label a press is on, and the offset (px from
// the component's point) a label is drawn at now, wherever the renderer placed it. Pure, no DOM.
import type { ComponentId, Offset } from '../map/index.js';
import type { ComponentItem, Scene } from '../render/index.js';

/** Pixels a keyboard nudge moves a label (Shift: the larger step). */
export const LABEL_STEP = 4;
export const LABEL_BIG_STEP = 20;
/** Text is hit within this many px of its estimated bounds (as the renderer's hitTest). */
const SLACK = 4;

/** The offset (px) a component's label is drawn at now, from its scene item. */
export function drawnOffset(item: ComponentItem): Offset {
	return { x: Math.round(item.label.x - item.x), y: Math.round(item.label.y - item.y) };
}

/**
 * The component whose label (not its symbol) is under (x, y) px, or null. An anchor is its label,
 * so pressing it moves the anchor: anchors are left out.
 */
export function labelAt(scene: Scene, hitId: string | null, x: number, y: number): ComponentItem | null {
	if (hitId === null) return null;
	const item = componentItem(scene, hitId);
	if (!item || item.kind === 'anchor' || item.label.lines.length === 0) return null;
	// The symbol's pointer tolerance is wide (24 px) and reaches into the label: only the mark
	// itself (and a few px) still means the component.
	if (Math.hypot(x - item.x, y - item.y) <= item.outer + SLACK) return null;
	const b = item.label.bounds;
	return x >= b.x - SLACK && x <= b.x + b.width + SLACK && y >= b.y - SLACK && y <= b.y + b.height + SLACK ? item : null;
}

/** A component's scene item by id. */
export function componentItem(scene: Scene, id: ComponentId | string): ComponentItem | null {
	return scene.components.find((c) => c.collection === 'components' && c.id === id) ?? null;
}

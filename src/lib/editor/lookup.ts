// Reading one element of a snapshot as the editor's verbs see it: where it sits (what a drag or a
// nudge moves) and its editable text (what rename edits). Pure.
import type { ElementRef, MapSnapshot, Point } from '../map/index.js';

/** Where a movable element is: components, evolved copies (their evolution), notes, accelerators, annotations' first position. */
export function positionOf(map: MapSnapshot, ref: ElementRef): Point | null {
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

/** The editable text of an element (what rename edits); '' for elements without one. */
export function nameOf(map: MapSnapshot, ref: ElementRef): string {
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

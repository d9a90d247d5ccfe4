// What only the DOM can do for the gestures: capture a pointer, and move keyboard focus (to an
// element as the renderer draws it, to the canvas, to the rename field). No Svelte.
import type { ElementRef } from '../../map/index.js';
import { refKey } from '../refs.js';
import type { CanvasUi, GestureHost } from './host.js';

/** The canvas's elements, once mounted. */
export interface CanvasElements {
	readonly svg: SVGSVGElement;
	/** The main drawing (its elements carry `data-collection`, `data-id` and the roving tabindex). */
	readonly root: Element;
	/** The box the rename field is placed in. */
	readonly frame: Element;
}

type DomActions = Pick<GestureHost, 'capture' | 'release' | 'focusRef' | 'focusCanvas' | 'afterRender' | 'focusRenameField'>;

/** `rendered`: resolves once the component has rendered what the gesture just changed. */
export function domActions(elements: () => CanvasElements, ui: CanvasUi, rendered: () => Promise<void>): DomActions {
	return {
		capture(pointerId) {
			// Keeps a drag going outside the canvas; a pointer the browser does not know (a synthetic
			// event, a pen lifted meanwhile) simply is not captured.
			try {
				elements().svg.setPointerCapture(pointerId);
			} catch {
				/* not capturable */
			}
		},
		release(pointerId) {
			const { svg } = elements();
			if (svg.hasPointerCapture(pointerId)) svg.releasePointerCapture(pointerId);
		},
		async focusRef(ref: ElementRef | null) {
			ui.focusKey = ref ? refKey(ref) : null;
			await rendered();
			const { svg, root } = elements();
			if (!ref) return svg.focus();
			const el = root.querySelector<SVGElement>(`[data-collection="${ref.collection}"][data-id="${CSS.escape(ref.id)}"][tabindex]`);
			el?.focus({ preventScroll: true });
		},
		focusCanvas: () => elements().svg.focus({ preventScroll: true }),
		afterRender: (run) => void rendered().then(run),
		focusRenameField() {
			const input = elements().frame.querySelector<HTMLInputElement>('.rename');
			input?.focus();
			input?.select();
		}
	};
}

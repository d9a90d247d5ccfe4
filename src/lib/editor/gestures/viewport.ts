// Pan and zoom of the canvas, wrapping d3-zoom (as xyflow's XYPanZoom), and the conversions between
// the screen, the scene (px) and a view of the map (Viewport: what follow and "bring everyone" share).
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform } from 'd3-zoom';
import type { Viewport } from '../../map/index.js';
import type { Scene } from '../../render/index.js';
import { toMapPoint, toPixels } from '../geometry.js';

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 8;

/** What of a scene places a view: its plot box and its size (px). */
export type SceneFrame = Pick<Scene, 'plot' | 'width' | 'height'>;

/** A zoom transform: scene px → screen px as scale `k`, then translate (x, y). */
export interface Transform {
	readonly x: number;
	readonly y: number;
	readonly k: number;
}

/** The view a transform shows: its centre in map coordinates, and its zoom (to 0.001). */
export function viewOf(t: Transform, scene: SceneFrame): Viewport {
	const centre = toMapPoint(scene.plot, (scene.width / 2 - t.x) / t.k, (scene.height / 2 - t.y) / t.k);
	return { evolution: centre.evolution, visibility: centre.visibility, zoom: Math.round(t.k * 1000) / 1000 };
}

/** The transform that shows a view, its zoom kept within MIN_ZOOM..MAX_ZOOM. */
export function transformFor(v: Viewport, scene: SceneFrame): Transform {
	const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom));
	const c = toPixels(scene.plot, v);
	return { x: scene.width / 2 - k * c.x, y: scene.height / 2 - k * c.y, k };
}

export interface PanZoom {
	/** Reset pan and zoom so the whole map shows. */
	fit(): void;
	zoomBy(k: number): void;
	show(v: Viewport, scene: SceneFrame): void;
	current(scene: SceneFrame): Viewport;
	destroy(): void;
}

/**
 * Wheel zooms; the middle button, or the left one while `panning()` (Space held), pans. Every
 * change sets the same transform on each of `layers`, then calls `onZoom`. Double-click is left
 * to the canvas.
 */
export function panZoom(svg: SVGSVGElement, options: { layers: readonly SVGGElement[]; panning: () => boolean; onZoom: () => void }): PanZoom {
	const zoomer = zoom<SVGSVGElement, unknown>()
		.scaleExtent([MIN_ZOOM, MAX_ZOOM])
		.filter((event: Event) => {
			if (event.type === 'wheel') return true;
			const e = event as PointerEvent;
			return e.button === 1 || (options.panning() && e.button === 0);
		})
		.on('zoom', (event) => {
			const transform = event.transform.toString();
			for (const layer of options.layers) layer.setAttribute('transform', transform);
			options.onZoom();
		});
	select(svg).call(zoomer).on('dblclick.zoom', null);
	return {
		fit: () => select(svg).call(zoomer.transform, zoomIdentity),
		zoomBy: (k) => select(svg).call(zoomer.scaleBy, k),
		show(v, scene) {
			const t = transformFor(v, scene);
			select(svg).call(zoomer.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
		},
		current: (scene) => viewOf(zoomTransform(svg), scene),
		destroy: () => void select(svg).on('.zoom', null)
	};
}

/** Where a pointer is on the scene, and where a scene point is in the canvas's box. */
export interface PointMapping {
	/** A gesture starts: keep the screen → scene mapping it will use until it ends. */
	hold(): void;
	/** A pointer's place in scene px (`gesture`: by the mapping kept at the gesture's start). */
	toScene(e: { clientX: number; clientY: number }, gesture: boolean): { x: number; y: number };
	/** Scene px → px inside the canvas's box. */
	toFrame(x: number, y: number): { left: number; top: number };
	/** Screen px (a mouse event's client position) → px inside the canvas's box. */
	clientToFrame(clientX: number, clientY: number): { left: number; top: number };
}

/**
 * Screen ↔ scene px for the pointer, and scene px → px in the canvas's box (for the HTML rename
 * field and menu). A gesture measures the screen matrix once, when it starts: asking the browser
 * on every move forced a layout of the whole map after each change the gesture made. Only zooming
 * changes it meanwhile (it drops it).
 */
export class ScreenPoints implements PointMapping {
	private held: DOMMatrix | null = null;

	/** `inner`: the group the scene is drawn in; `frame`: the box HTML overlays are placed in. */
	constructor(
		private readonly inner: () => SVGGraphicsElement,
		private readonly frame: () => Element
	) {}

	/** A gesture starts: measure the matrix now and keep it. */
	hold(): void {
		this.held = this.inner().getScreenCTM()?.inverse() ?? null;
	}

	/** The view moved: the kept matrix is stale. */
	drop(): void {
		this.held = null;
	}

	/** A pointer's place in scene px; during a gesture, by the matrix kept at its start. */
	toScene(e: { clientX: number; clientY: number }, gesture: boolean): { x: number; y: number } {
		let inverse = gesture ? this.held : null;
		if (!inverse) {
			const m = this.inner().getScreenCTM();
			if (!m) return { x: 0, y: 0 };
			inverse = m.inverse();
		}
		const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(inverse);
		return { x: p.x, y: p.y };
	}

	/** Scene px → px inside the frame. */
	toFrame(x: number, y: number): { left: number; top: number } {
		const m = this.inner().getScreenCTM();
		const r = this.frame().getBoundingClientRect();
		if (!m) return { left: 0, top: 0 };
		const p = new DOMPoint(x, y).matrixTransform(m);
		return { left: p.x - r.left, top: p.y - r.top };
	}

	/** Screen px (a mouse event's client position) → px inside the frame. */
	clientToFrame(clientX: number, clientY: number): { left: number; top: number } {
		const r = this.frame().getBoundingClientRect();
		return { left: clientX - r.left, top: clientY - r.top };
	}
}

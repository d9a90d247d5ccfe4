// The canvas's drawing, free of Svelte (its effects call in): the main drawing with its labels in
// a stacked layer of their own, the marks on it (focus, dragged), the drag layer's small map, and a
// drag rehearsed once so the first real one is not run cold.
import type { MapSnapshot } from '../map/index.js';
import { buildScene, defaultSize, drawNodes, sceneToNodes, type SvgNode, type ThemeName } from '../render/index.js';
import { dragPreview } from './drag.js';
import { screenDecorator, type ScreenState } from './interactive.js';
import { screenMarks, type ScreenMarks } from './screen-marks.js';

/** The drag layer's layers for a drag preview's map: no axes (not laid out either). */
const NO_AXES = { lines: [], heads: '', evolution: null, valueChain: null, title: null };
export function dragLayers(map: MapSnapshot, theme: ThemeName, width: number, height: number): SvgNode[] {
	const nodes = sceneToNodes(buildScene(map, { theme, width, height, axes: NO_AXES }));
	return (nodes.children ?? []).filter((n) => n.tag === 'g' && n.attrs['data-layer'] !== 'axes');
}

/** Maps of more components than this are drawn once before their labels are placed (EditorCanvas). */
export const PLACE_LATER_FROM = 500;

/**
 * `map` without its elements, at the size its scene would have: what the canvas lays out before its
 * box is measured, when only the drawing's size is read (nothing is drawn at a guessed size).
 */
export function sizeOnly(map: MapSnapshot): MapSnapshot {
	const auto = defaultSize(map.components.length);
	return {
		...map,
		size: { width: map.size.width || auto.width, height: map.size.height || auto.height },
		components: [],
		links: [],
		evolves: [],
		pipelines: [],
		notes: [],
		annotations: [],
		areas: [],
		accelerators: []
	};
}

/** `make()`, recorded as a performance measure `name` (bench/editor.bench.ts reads them). */
export function timed<T>(name: string, make: () => T): T {
	const start = performance.now();
	const made = make();
	performance.measure(name, { start, end: performance.now() });
	return made;
}

/** Where the canvas draws (bound by the component once it is mounted). */
export interface CanvasLayers {
	/** The main drawing. */
	readonly root: Element;
	/** Component labels: a stacked <svg> of their own above the main drawing. */
	readonly labels: Element;
	/** Ghost covers over the dragged elements' old places, under the drag layer. */
	readonly covers: Element;
	readonly drag: Element;
}

export class CanvasDrawing {
	private readonly decorate = screenDecorator();
	private marks: ScreenMarks | null = null;
	private rehearsed = false;

	/** `background`: the map's background colour now (the ghost covers' paint). */
	constructor(
		private readonly layers: () => CanvasLayers,
		private readonly background: () => string
	) {}

	/** The marks on the main drawing (made on first use: the layers are bound by then). */
	private drawn(): ScreenMarks {
		const l = this.layers();
		return (this.marks ??= screenMarks([l.root, l.labels], {
			roots: [l.root, l.labels],
			background: this.background,
			draw: (covers) => drawNodes(l.covers, { tag: 'g', attrs: {}, children: covers })
		}));
	}

	/**
	 * Draw the scene's nodes decorated for the screen (focus, lit value chain). Labels go to their
	 * own stacked layer (its own composited layer): when links or components change under them, as
	 * when a drag takes an element and its links out of the main drawing, the browser re-rasterises
	 * lines and circles only, not the labels' text. They are the top layer in the export too.
	 * `start`: when the caller began deriving `sceneNodes`, for the measure.
	 */
	draw(sceneNodes: SvgNode, map: MapSnapshot, state: ScreenState, start = performance.now()): void {
		const nodes = this.decorate(sceneNodes, map, state);
		const dom = performance.now();
		const layers = nodes.children ?? [];
		const labels = layers.filter((n) => n.attrs['data-layer'] === 'labels');
		const l = this.layers();
		drawNodes(l.root, { ...nodes, children: layers.filter((n) => n.attrs['data-layer'] !== 'labels') });
		drawNodes(l.labels, { ...nodes, children: labels });
		this.drawn().refresh(state.current);
		// Measured by bench/editor.bench.ts from `start` (the caller's, before it derived the nodes); the
		// scene's own time is 'stackmap:scene'.
		performance.measure('stackmap:draw', { start, end: performance.now() });
		performance.measure('stackmap:dom', { start: dom, end: performance.now() });
	}

	/** Put this element alone in the Tab order (no redraw). */
	focus(key: string | null): void {
		this.drawn().focus(key);
	}

	/** Hide the elements drawing these ids while the drag layer shows them (no redraw). */
	hide(ids: ReadonlySet<string> | undefined): void {
		this.drawn().hide(ids);
	}

	/** The drag layer: only the moved elements and their links, redrawn every pointer move. */
	drawDrag(map: MapSnapshot, theme: ThemeName, width: number, height: number): void {
		const start = performance.now();
		drawNodes(this.layers().drag, { tag: 'g', attrs: {}, children: dragLayers(map, theme, width, height) });
		performance.measure('stackmap:drag-draw', { start, end: performance.now() });
	}

	clearDrag(): void {
		drawNodes(this.layers().drag, { tag: 'g', attrs: {}, children: [] });
	}

	/**
	 * Once, when the page is idle after the first draw: run a drag's script (preview map, scene,
	 * nodes, drawing into a detached group) for one component, so the browser has compiled it
	 * before the first real drag (a page's first drag otherwise ran it cold, and its first frames
	 * took longer than the same page's second drag). `what` is asked then; null skips it.
	 */
	rehearseOnce(what: () => { map: MapSnapshot; theme: ThemeName; width: number; height: number } | null): void {
		if (this.rehearsed) return;
		this.rehearsed = true;
		whenIdle(() => {
			const r = what();
			const c = r?.map.components[0];
			if (!r || !c) return;
			const moves = new Map([[`components/${c.id}`, { evolution: c.evolution, visibility: c.visibility }]]);
			const detached = document.createElementNS('http://www.w3.org/2000/svg', 'g');
			drawNodes(detached, { tag: 'g', attrs: {}, children: dragLayers(dragPreview(r.map, moves).map, r.theme, r.width, r.height) });
			drawNodes(detached, { tag: 'g', attrs: {}, children: [] });
		});
	}
}

/** Run when the page is idle (at most 2 s later). */
function whenIdle(run: () => void): void {
	if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
	else setTimeout(run, 200);
}

// buildScene: a MapSnapshot and a canvas size → the Scene (pure pixel geometry, no DOM). The only
// place map coordinates become pixels; the node tree, the screen and the SVG export all start here.
import type { MapSnapshot } from '../map/index.js';
import { buildAnnotations } from './annotations.js';
import { buildAxes } from './axes.js';
import { buildComponents } from './components.js';
import { buildAccelerators, buildAreas, buildEvolves, buildNotes, buildPipelines } from './elements.js';
import { plotArea, project } from './layout.js';
import { buildMarkLegend } from './legend.js';
import { placeLabels, type LabelObstacles } from './labels.js';
import { buildLinks } from './links.js';
import type { AnnotationItem, Axes, Box, ComponentItem, EvolveItem, LegendItem, LinkItem, NoteItem, Scene } from './scene-types.js';
import { cleanText } from './text.js';
import { getTheme, type ThemeName } from './theme.js';

/** Canvas size in px when neither the options nor the map give one, for up to GROW_FROM components. */
export const DEFAULT_WIDTH = 1100;
export const DEFAULT_HEIGHT = 700;
/** Past this many components the default canvas grows, keeping its shape, so their labels have room. */
const GROW_FROM = 45;
/** The default canvas grows at most this much in each direction (3300 × 2100 px). */
const MAX_GROWTH = 3;

/**
 * The default canvas for a map of `components` components: 1100 × 700 px up to 45, then its area
 * grows in proportion to the count (same shape), up to 3300 × 2100 px.
 */
export function defaultSize(components: number): { width: number; height: number } {
	const growth = Math.min(MAX_GROWTH, Math.max(1, Math.sqrt(components / GROW_FROM)));
	return { width: Math.round(DEFAULT_WIDTH * growth), height: Math.round(DEFAULT_HEIGHT * growth) };
}
/** Sizes are clamped to this range (px) so a bad size cannot make a useless or huge drawing. */
export const MIN_SIZE = 200;
export const MAX_SIZE = 20000;

export interface SceneOptions {
	/** Canvas width in px; default map.size.width when set, else defaultSize(components). */
	width?: number;
	/** Canvas height in px; default map.size.height when set, else defaultSize(components). */
	height?: number;
	/** Default 'default'. */
	theme?: ThemeName;
	/**
	 * Axes to use instead of laying them out: the editor's drag layer, which does not draw them,
	 * passes empty ones (laying out the value-chain axis's wrapped text would slow a drag's first
	 * frame).
	 */
	axes?: Scene['axes'];
	/**
	 * Draw the key to the marks the map uses (legend.ts) in a band below the canvas, which grows
	 * by the band's height (nothing grows when the map uses no such mark). Default false.
	 */
	legend?: boolean;
	/**
	 * Place component labels clear of each other (labels.ts). Default true; false leaves each label
	 * where its hint (or OWM's default above-right) puts it: the editor's first frame of a very
	 * large map, placed in the next one.
	 */
	placeLabels?: boolean;
}

function size(option: number | undefined, fromMap: number, fallback: number): number {
	const n = option !== undefined && option > 0 ? option : fromMap > 0 ? fromMap : fallback;
	return Number.isFinite(n) ? Math.min(MAX_SIZE, Math.max(MIN_SIZE, Math.round(n))) : fallback;
}

/**
 * Lay out `map` on a canvas of width × height px. Evolution 0..1 runs left to right across the
 * plot area, visibility 1..0 top to bottom. Component labels are placed clear of each other, of
 * marks and of the canvas edge where there is room (labels.ts). Near-linear in the number of elements.
 */
export function buildScene(map: MapSnapshot, options: SceneOptions = {}): Scene {
	return layoutScene(map, options).scene;
}

/** buildScene, and the component items as they were before their labels were placed. */
export function layoutScene(map: MapSnapshot, options: SceneOptions = {}): { scene: Scene; unplaced: readonly ComponentItem[] } {
	const theme = getTheme(options.theme);
	const fallback = defaultSize(map.components.length);
	const width = size(options.width, map.size.width, fallback.width);
	const height = size(options.height, map.size.height, fallback.height);
	const plot = plotArea(width, height, theme);
	const p = project(plot);
	const { items: unplaced, ends, labels } = buildComponents(map, p, theme);
	const { items: annotations, legend } = buildAnnotations(map, p, theme, { width, height });
	const axes = options.axes ?? buildAxes(map, p, theme);
	const links = buildLinks(map, ends, theme);
	const evolves = buildEvolves(map, ends, theme);
	const notes = buildNotes(map, p, theme);
	const areas = buildAreas(map, p, theme);
	const accelerators = buildAccelerators(map, p, theme);
	let components = unplaced;
	if (options.placeLabels !== false) {
		const obstacles = labelObstacles(axes, links, evolves, notes, annotations, legend);
		// Accelerator arrows and their labels, and area labels, are text and shapes labels keep off too.
		const arrow = { width: theme.font.label * 5, height: theme.font.label * 2.2 };
		for (const a of accelerators) obstacles.boxes.push(a.label.bounds, { x: a.x - arrow.width / 2, y: a.y - arrow.height / 2, ...arrow });
		obstacles.boxes.push(...areas.map((a) => a.label.bounds));
		components = placeLabels(unplaced, labels, { width, height }, obstacles);
	}
	const markLegend = options.legend ? buildMarkLegend(map, theme, width, height, plot.x) : null;
	const scene: Scene = {
		width,
		height: height + (markLegend?.box.height ?? 0),
		theme,
		plot,
		title: cleanText(map.title),
		description: cleanText(map.description),
		componentCount: map.components.length,
		axes,
		areas,
		pipelines: buildPipelines(map, p, theme),
		links,
		evolves,
		accelerators,
		components,
		notes,
		annotations,
		legend,
		markLegend
	};
	return { scene, unplaced };
}

/** What component labels keep off: the axes' and notes' text, annotation markers and the legend; links they avoid crossing. */
export function labelObstacles(
	axes: Axes,
	links: readonly LinkItem[],
	evolves: readonly EvolveItem[],
	notes: readonly NoteItem[],
	annotations: readonly AnnotationItem[],
	legend: LegendItem | null
): LabelObstacles & { boxes: Box[] } {
	const boxes: Box[] = notes.map((n) => n.text.bounds);
	if (axes.title) boxes.push(axes.title.text.bounds);
	if (axes.evolution) boxes.push(axes.evolution.title.bounds, ...axes.evolution.stages.map((s) => s.bounds));
	if (legend) boxes.push(legend.box);
	for (const l of links) {
		if (l.context) boxes.push(l.context.bounds);
		if (l.flowLabel) boxes.push(l.flowLabel.bounds);
	}
	return {
		boxes,
		circles: annotations.flatMap((a) => a.circles),
		lines: [...links, ...evolves]
	};
}

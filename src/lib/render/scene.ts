// buildScene: a MapSnapshot and a canvas size → the Scene (pure pixel geometry, no DOM). The only
// place map coordinates become pixels; the node tree, the screen and the SVG export all start here.
import type { MapSnapshot } from '../map/index.js';
import { buildAnnotations } from './annotations.js';
import { buildAxes } from './axes.js';
import { buildComponents } from './components.js';
import { buildAccelerators, buildAreas, buildEvolves, buildNotes, buildPipelines } from './elements.js';
import { plotArea, project } from './layout.js';
import { buildMarkLegend } from './legend.js';
import { buildLinks } from './links.js';
import type { Scene } from './scene-types.js';
import { cleanText } from './text.js';
import { getTheme, type ThemeName } from './theme.js';

/** Canvas size in px when neither the options nor the map give one. */
export const DEFAULT_WIDTH = 1100;
export const DEFAULT_HEIGHT = 700;
/** Sizes are clamped to this range (px) so a bad size cannot make a useless or huge drawing. */
export const MIN_SIZE = 200;
export const MAX_SIZE = 20000;

export interface SceneOptions {
	/** Canvas width in px; default map.size.width when set, else 1100. */
	width?: number;
	/** Canvas height in px; default map.size.height when set, else 700. */
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
}

function size(option: number | undefined, fromMap: number, fallback: number): number {
	const n = option !== undefined && option > 0 ? option : fromMap > 0 ? fromMap : fallback;
	return Number.isFinite(n) ? Math.min(MAX_SIZE, Math.max(MIN_SIZE, Math.round(n))) : fallback;
}

/**
 * Lay out `map` on a canvas of width × height px. Evolution 0..1 runs left to right across the
 * plot area, visibility 1..0 top to bottom. Linear in the number of elements.
 */
export function buildScene(map: MapSnapshot, options: SceneOptions = {}): Scene {
	const theme = getTheme(options.theme);
	const width = size(options.width, map.size.width, DEFAULT_WIDTH);
	const height = size(options.height, map.size.height, DEFAULT_HEIGHT);
	const plot = plotArea(width, height, theme);
	const p = project(plot);
	const { items: components, ends } = buildComponents(map, p, theme);
	const { items: annotations, legend } = buildAnnotations(map, p, theme, { width, height });
	const markLegend = options.legend ? buildMarkLegend(map, theme, width, height, plot.x) : null;
	return {
		width,
		height: height + (markLegend?.box.height ?? 0),
		theme,
		plot,
		title: cleanText(map.title),
		description: cleanText(map.description),
		componentCount: map.components.length,
		axes: options.axes ?? buildAxes(map, p, theme),
		areas: buildAreas(map, p, theme),
		pipelines: buildPipelines(map, p, theme),
		links: buildLinks(map, ends, theme),
		evolves: buildEvolves(map, ends, theme),
		accelerators: buildAccelerators(map, p, theme),
		components,
		notes: buildNotes(map, p, theme),
		annotations,
		legend,
		markLegend
	};
}

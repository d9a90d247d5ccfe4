// PNG export: the SVG export rasterised by resvg (a native module, so Node only: server routes and
// the CLI). Same SVG as the screen and the .svg endpoint, so the three cannot drift.
import { Resvg } from '@resvg/resvg-js';
import { MAX_PNG_SCALE, MIN_PNG_SCALE } from '../convert/formats.js';
import type { MapSnapshot } from '../map/index.js';
import { renderSvg, type ThemeName } from '../render/index.js';

/** Largest PNG in pixels (width × height) we make; a bigger request gets a smaller scale. */
export const MAX_PNG_PIXELS = 40_000_000;

/**
 * The font for the theme's `sans-serif` fallback. Our font stack names no font a Linux server has
 * (system-ui, Segoe UI, Roboto, Helvetica, Arial), so text falls through to sans-serif; DejaVu Sans
 * is what fontconfig (and so Chromium) picks there. Elsewhere resvg falls back to the first font it finds.
 */
const SANS = 'DejaVu Sans';

export interface PngOptions {
	/** Device pixels per SVG pixel, 1..4 (clamped); default 1. */
	readonly scale?: number;
	readonly theme?: ThemeName;
}

function svgSize(svg: string): { width: number; height: number } {
	const m = /<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
	return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 1100, height: 700 };
}

/** The scale actually used: `scale` clamped to 1..4 and so that the image stays under MAX_PNG_PIXELS. */
export function effectiveScale(width: number, height: number, scale = 1): number {
	const wanted = Number.isFinite(scale) ? Math.min(MAX_PNG_SCALE, Math.max(MIN_PNG_SCALE, scale)) : 1;
	const fit = Math.sqrt(MAX_PNG_PIXELS / Math.max(1, width * height));
	return Math.min(wanted, Math.max(0.1, Math.floor(fit * 100) / 100));
}

/** Rasterise an SVG string (our export) to PNG bytes at `scale`. System fonts are loaded; text falls back to sans-serif. */
export function svgToPng(svg: string, scale = 1): Uint8Array {
	const { width, height } = svgSize(svg);
	const resvg = new Resvg(svg, {
		fitTo: { mode: 'zoom', value: effectiveScale(width, height, scale) },
		font: { loadSystemFonts: true, defaultFontFamily: SANS, sansSerifFamily: SANS },
		logLevel: 'off'
	});
	return resvg.render().asPng();
}

/** `map` as a PNG: renderSvg(map) rasterised at `scale` (1 → the SVG's size in pixels). */
export function renderPng(map: MapSnapshot, options: PngOptions = {}): Uint8Array {
	return svgToPng(renderSvg(map, { theme: options.theme }), options.scale ?? 1);
}

// PNG export: the SVG export rasterised by resvg (a native module, so Node only: server routes and
// the CLI). Same SVG as the screen and the .svg endpoint, so the three cannot drift.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { MAX_PNG_SCALE, MIN_PNG_SCALE } from '../formats/file-formats.js';
import type { MapSnapshot } from '../map/index.js';
import { renderSvg, type ThemeName } from '../render/index.js';

/** Largest PNG in pixels (width × height) we make; a bigger request gets a smaller scale. */
export const MAX_PNG_PIXELS = 40_000_000;

/**
 * The font for the theme's `sans-serif` fallback. Our font stack names no font resvg finds on a
 * Linux server (system-ui, Segoe UI, Roboto, Helvetica, Arial: resvg does not use fontconfig's
 * aliases), so text falls through to sans-serif; DejaVu Sans is what fontconfig, and so Chromium,
 * picks there. Elsewhere resvg falls back to the first font it finds.
 */
const SANS = 'DejaVu Sans';

/** Where distributions put DejaVu Sans (Debian's fonts-dejavu-core first). */
const DEJAVU_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/dejavu-sans-fonts', '/usr/share/fonts/TTF'];

/** Text outside what DejaVu Sans draws (Latin, Greek, Cyrillic, punctuation, currency, arrows, maths, shapes). */
const BEYOND_DEJAVU = /[^\u0000-\u024F\u0370-\u04FF\u1E00-\u1EFF\u2000-\u206F\u20A0-\u20BF\u2100-\u214F\u2190-\u22FF\u25A0-\u25FF]/;

let dejavu: string[] | null | undefined;

/** DejaVu Sans regular and bold, when installed in a usual place (looked up once). */
function dejavuFiles(): string[] | null {
	if (dejavu === undefined) {
		const dir = DEJAVU_DIRS.find((d) => existsSync(join(d, 'DejaVuSans.ttf')) && existsSync(join(d, 'DejaVuSans-Bold.ttf')));
		dejavu = dir ? [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')] : null;
	}
	return dejavu;
}

export interface PngOptions {
	/** Device pixels per SVG pixel, 1..4 (clamped); default 1. */
	readonly scale?: number;
	readonly theme?: ThemeName;
	/** Ids in focus (a filtered view): the rest is dimmed as in the SVG. Default: all. */
	readonly focus?: readonly string[];
	/** Canvas size in SVG px; default the map's size, else defaultSize (grows with the component count). */
	readonly width?: number;
	readonly height?: number;
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

/**
 * resvg options. Loading every system font costs more than drawing a small map, so when DejaVu Sans
 * is installed and draws all of the text, only it is loaded; other text (CJK, emoji…) gets every
 * system font for fallback.
 */
function options(svg: string, scale: number): ResvgRenderOptions {
	const { width, height } = svgSize(svg);
	const files = BEYOND_DEJAVU.test(svg) ? null : dejavuFiles();
	return {
		fitTo: { mode: 'zoom', value: effectiveScale(width, height, scale) },
		font: files
			? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: SANS, sansSerifFamily: SANS }
			: { loadSystemFonts: true, defaultFontFamily: SANS, sansSerifFamily: SANS },
		logLevel: 'off'
	};
}

/** Rasterise an SVG string (our export) to PNG bytes at `scale`, on this thread. System fonts are loaded; text falls back to sans-serif. */
export function svgToPng(svg: string, scale = 1): Uint8Array {
	return new Resvg(svg, options(svg, scale)).render().asPng();
}

/** svgToPng with the rasterising on one of resvg's own threads (the server uses its worker pool instead: server/convert). */
export async function svgToPngAsync(svg: string, scale = 1): Promise<Uint8Array> {
	return (await renderAsync(svg, options(svg, scale))).asPng();
}

/** `map` as a PNG: renderSvg(map) rasterised at `scale` (1 → the SVG's size in pixels). */
export function renderPng(map: MapSnapshot, options: PngOptions = {}): Uint8Array {
	return svgToPng(renderSvg(map, { theme: options.theme, focus: options.focus ? new Set(options.focus) : null, width: options.width, height: options.height }), options.scale ?? 1);
}

/** renderPng with the rasterising off this thread (the SVG is drawn here). */
export function renderPngAsync(map: MapSnapshot, options: PngOptions = {}): Promise<Uint8Array> {
	return svgToPngAsync(renderSvg(map, { theme: options.theme, focus: options.focus ? new Set(options.focus) : null, width: options.width, height: options.height }), options.scale ?? 1);
}

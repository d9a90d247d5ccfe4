// PNG export vs Chromium: resvg's rendering of our SVG and Chromium's rendering of the same SVG have
// the same size and differ only by anti-aliasing and glyph rasterisation (both draw DejaVu Sans).
//
// Thresholds, measured (2026-11, Debian Chromium, resvg 2.6.2) on the maps below:
//   mean |Δ| per channel      same drawing 0.65–0.89 of 255   another map 7.0–10.7   → limit 2
//   structural (no match ±1px) same drawing 0.021–0.028 %     one component moved 0.059–0.084 %,
//                                                             another map 1.9–3.5 %  → limit 0.1 %
// The limits leave 2–3× room for rasteriser versions and catch any wrong layout, theme or font.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseOwm } from '../../src/lib/formats/owm/index.js';
import { renderSvg, type ThemeName } from '../../src/lib/render/index.js';
import { renderPng } from '../../src/lib/server/png.js';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { decodePng, pixelDiff, pngSize, structuralDiff, type DecodedPng } from '../helpers/png.js';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const map = (path: string) => parseOwm(readFileSync(path, 'utf8')).map;
const MAPS: Record<string, MapSnapshot> = {
	golden: map('tests/fixtures/owm-golden/golden-master.owm'),
	flow: map('tests/fixtures/owm-examples/Flow Example.wm')
};

/** Chromium's rendering of `svg` as an <img> at `scale` device pixels per px. */
async function chromium(svg: string, scale: number): Promise<DecodedPng> {
	const { width, height } = { width: Number(/width="(\d+)"/.exec(svg)![1]), height: Number(/height="(\d+)"/.exec(svg)![1]) };
	const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: scale });
	try {
		const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
		await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff"><img id="m" src="${src}" width="${width}" height="${height}" style="display:block"></body></html>`);
		await page.waitForFunction(() => (document.getElementById('m') as HTMLImageElement).complete);
		return decodePng(await page.screenshot({ clip: { x: 0, y: 0, width, height }, type: 'png' }));
	} finally {
		await page.close();
	}
}

/** The top `height` rows of an image. */
function top(img: DecodedPng, height: number): DecodedPng {
	return { width: img.width, height, rgba: img.rgba.subarray(0, img.width * height * 4) };
}

describe('PNG export against Chromium', () => {
	it.each([
		['golden', 'default', 1],
		['golden', 'default', 2],
		['flow', 'high-contrast', 1]
	] as [string, ThemeName, number][])('%s map, %s theme, scale %d', async (name, theme, scale) => {
		const m = MAPS[name];
		const png = renderPng(m, { theme, scale });
		const svg = renderSvg(m, { theme });
		const ours = decodePng(png);
		const theirs = await chromium(svg, scale);
		// The SVG's size: 1100 × 700, and the key to the map's marks below when it uses any.
		const height = Number(/<svg[^>]*? height="(\d+)"/.exec(svg)![1]);
		expect(height).toBeGreaterThanOrEqual(700);
		expect(pngSize(png)).toEqual({ width: 1100 * scale, height: height * scale });
		expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
		const diff = pixelDiff(ours, theirs);
		const structural = structuralDiff(ours, theirs);
		expect(diff.mean).toBeLessThan(2);
		expect(structural).toBeLessThan(0.001);
		// The measure sees real differences: one component moved by 0.05, and another map entirely.
		const c = m.components[m.components.length - 1];
		const moved = { ...m, components: m.components.map((x) => (x === c ? { ...x, evolution: x.evolution + 0.05 } : x)) };
		expect(structuralDiff(decodePng(renderPng(moved, { theme, scale })), theirs)).toBeGreaterThan(structural);
		// The maps' keys differ in height: compare the 1100 × 700 drawing above them.
		const other = top(decodePng(renderPng(MAPS[name === 'golden' ? 'flow' : 'golden'], { theme, scale })), 700 * scale);
		expect(structuralDiff(other, top(theirs, 700 * scale))).toBeGreaterThan(0.01);
		expect(pixelDiff(other, top(theirs, 700 * scale)).mean).toBeGreaterThan(5);
	});
});

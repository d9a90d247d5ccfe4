// Legibility of the drawing: label overlaps, clipped labels, words cut mid-word and link–label
// crossings on the seeded councils, the OWM corpus and generated maps, before (the renderer at
// BEFORE, extracted from git) and after label placement; placement time; before/after pictures.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import type { MapSnapshot } from '../src/lib/map/index.js';
import { buildComponents } from '../src/lib/render/components.js';
import { buildScene, renderSvg, sceneToNodes, type Scene, type SceneOptions } from '../src/lib/render/index.js';
import { placeLabels } from '../src/lib/render/labels.js';
import { plotArea, project } from '../src/lib/render/layout.js';
import { labelObstacles } from '../src/lib/render/scene.js';
import { getTheme } from '../src/lib/render/theme.js';
import { svgToPng } from '../src/lib/server/png.js';
import { legibility, legibilityMaps, withNames, type Legibility } from '../tests/helpers/legibility.js';
import { generated } from '../tests/unit/render/fixtures.js';
import { table, writeSection } from './report.js';

/** The last commit before label placement: the "before" renderer. */
const BEFORE = '568e327';

interface Renderer {
	buildScene(map: MapSnapshot, options?: SceneOptions): Scene;
	renderSvg(map: MapSnapshot, options?: SceneOptions): string;
}

/** The renderer (and the model types it imports) as it was at BEFORE, from git into a temp dir. */
async function beforeRenderer(): Promise<Renderer> {
	const dir = mkdtempSync(join(tmpdir(), 'stackmap-before-'));
	const tar = execFileSync('git', ['archive', BEFORE, 'src/lib/render', 'src/lib/map']);
	execFileSync('tar', ['-x', '-C', dir], { input: tar });
	return (await import(join(dir, 'src/lib/render/index.ts'))) as Renderer;
}

/** A generated map of n components and 1.5 n links, without a size of its own (so the default canvas applies). */
const generatedMap = (n: number): MapSnapshot => ({ ...generated(n, Math.round(n * 1.5)), size: { width: 0, height: 0 } });

/** Fastest of `runs` runs of fn, in ms (the machine is shared: the minimum is the least disturbed). */
function fastest(fn: () => void, runs: number): number {
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		fn();
		best = Math.min(best, performance.now() - start);
	}
	return best;
}

/** Label placement alone for `map` at the scene's size (the rest of the scene built beforehand). */
function placementMs(map: MapSnapshot, options: SceneOptions, runs: number): number {
	const scene = buildScene(map, options);
	const theme = getTheme();
	const { items, labels } = buildComponents(map, project(plotArea(scene.width, scene.height, theme)), theme);
	const obstacles = labelObstacles(scene.axes, scene.links, scene.evolves, scene.notes, scene.annotations, scene.legend);
	return fastest(() => placeLabels(items, labels, scene, obstacles), runs);
}

const SIZES: { name: string; options: SceneOptions }[] = [
	{ name: '1440×900', options: { width: 1440, height: 900 } },
	{ name: 'default export', options: {} }
];

const cell = (b: number, a: number) => (b === a ? `${a}` : `${b} → ${a}`);

it('legibility', async () => {
	const before = await beforeRenderer();
	const maps = [
		...legibilityMaps().map((m) => ({ ...m, group: 'real' })),
		...[100, 200, 1000].map((n) => ({ name: `generated ${n}`, map: generatedMap(n), group: 'generated' }))
	];
	const rows: string[][] = [];
	const totals = new Map<string, { before: Legibility; after: Legibility }>();
	const add = (a: Legibility, b: Legibility): Legibility => ({
		labelLabel: a.labelLabel + b.labelLabel, labelMark: a.labelMark + b.labelMark, outside: a.outside + b.outside,
		midWord: a.midWord + b.midWord, linkCrossings: a.linkCrossings + b.linkCrossings
	});
	const zero: Legibility = { labelLabel: 0, labelMark: 0, outside: 0, midWord: 0, linkCrossings: 0 };
	for (const size of SIZES) {
		for (const { name, map, group } of maps) {
			const was = legibility(withNames(before.buildScene(map, size.options), map));
			const scene = withNames(buildScene(map, size.options), map);
			const now = legibility(scene);
			if (group === 'real') {
				const t = totals.get(size.name) ?? { before: zero, after: zero };
				totals.set(size.name, { before: add(t.before, was), after: add(t.after, now) });
			}
			// The corpus's small maps are summed below; councils and generated maps get a row each.
			if (group === 'real' && map.components.length < 40) continue;
			rows.push([
				name, size.name, `${scene.width}×${scene.height}`, `${map.components.length}`,
				cell(was.labelLabel, now.labelLabel), cell(was.labelMark, now.labelMark), cell(was.outside, now.outside),
				cell(was.midWord, now.midWord), cell(was.linkCrossings, now.linkCrossings)
			]);
		}
		const t = totals.get(size.name)!;
		rows.push([
			'**all 20 seeded and corpus maps**', size.name, '', '',
			cell(t.before.labelLabel, t.after.labelLabel), cell(t.before.labelMark, t.after.labelMark), cell(t.before.outside, t.after.outside),
			cell(t.before.midWord, t.after.midWord), cell(t.before.linkCrossings, t.after.linkCrossings)
		]);
	}

	const timing: string[][] = [];
	for (const n of [77, 200, 1000]) {
		const map = n === 77 ? legibilityMaps().find((m) => m.name.startsWith('Greystone'))!.map : generatedMap(n);
		for (const size of SIZES) {
			const runs = n === 1000 ? 15 : 40;
			const scene = buildScene(map, size.options);
			timing.push([
				n === 77 ? 'Greystone (77)' : `generated ${n}`, `${size.name} (${scene.width}×${scene.height})`,
				placementMs(map, size.options, runs).toFixed(1),
				fastest(() => sceneToNodes(before.buildScene(map, size.options)), runs).toFixed(1),
				fastest(() => sceneToNodes(buildScene(map, size.options)), runs).toFixed(1)
			]);
		}
	}

	// Pictures: one seeded council and one corpus map, each before and after, at the default export size.
	mkdirSync('docs/img', { recursive: true });
	const pictures = [
		{ slug: 'greystone', map: legibilityMaps().find((m) => m.name.startsWith('Greystone'))!.map },
		{ slug: 'golden-master', map: legibilityMaps().find((m) => m.name === 'golden-master.owm')!.map }
	];
	for (const { slug, map } of pictures) {
		writeFileSync(`docs/img/labels-${slug}-before.png`, svgToPng(before.renderSvg(map)));
		writeFileSync(`docs/img/labels-${slug}-after.png`, svgToPng(renderSvg(map)));
	}

	writeSection('legibility', 'Legibility: label placement (bench/legibility.bench.ts)', `
Counted from the scene's label boxes (tests/helpers/legibility.ts), before (the renderer at ${BEFORE},
fixed 1100×700 export, names hard-wrapped at 22 characters) → after (label placement, word-aware
wrapping, the export canvas growing with the component count). *label–label*: pairs of component
labels whose boxes overlap; *label–mark*: a component's circle reaching into a label; *clipped*:
labels past the canvas edge; *mid-word*: line breaks inside a word (hyphenated long words included);
*link crossings*: (label, link) pairs where the link passes through the label. Text widths are the
renderer's estimate (0.56 em a character). Corpus maps under 40 components are in the totals only.
Generated maps: components at seeded random places, 1.5 links each (tests/unit/render/fixtures.ts).

${table(['map', 'canvas', 'px', 'components', 'label–label', 'label–mark', 'clipped', 'mid-word', 'link crossings'], rows)}

Time in Node, fastest of 15–40 runs (ms): placement alone, and scene + nodes (what the editor's first
render computes before the DOM) before and after.

${table(['map', 'canvas', 'placement', 'scene + nodes before', 'scene + nodes after'], timing)}

Greystone Borough Council, default export, before and after:
[before](img/labels-greystone-before.png) · [after](img/labels-greystone-after.png)

OWM golden master, default export, before and after:
[before](img/labels-golden-master-before.png) · [after](img/labels-golden-master-after.png)

On screen (the editor at 1440×900, bench/editor-screens.mjs on the builds of b2ce0b7 and of this
change): Greystone [before](img/screen-greystone-before.png) · [after](img/screen-greystone-after.png);
golden master [before](img/screen-golden-master-before.png) · [after](img/screen-golden-master-after.png)
`);
});

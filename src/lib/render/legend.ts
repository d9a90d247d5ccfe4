// The key to the marks a map uses (build/buy/outsource, inertia, market, ecosystem, submaps, evolve
// moves, pipelines, links and flows, (de)accelerators): which it uses, laid out as a band below the
// plot (the canvas grows for it, so it never covers the map), and its nodes, each sample drawn by
// the same item builders as the map's own marks. Pure and deterministic.
import type { MapSnapshot } from '../map/index.js';
import { plotArea, textBlock } from './layout.js';
import { acceleratorNode, componentNode, evolveNode, linkNode, pipelineNode } from './item-nodes.js';
import { el, itemGroup, present, textNode, type SvgNode } from './node-parts.js';
import { arrowhead, blockArrow, diamond, round, square, triangle } from './path.js';
import type { ComponentItem, LegendEntry, LegendMark, LinkItem, MarkLegendItem, TextBlock } from './scene-types.js';
import type { Theme } from './theme.js';

/** Every mark the key can explain, in the order it lists them, with what it says. */
export const LEGEND_LABELS: Readonly<Record<LegendMark, string>> = {
	build: 'Build (in house)',
	buy: 'Buy (product)',
	outsource: 'Outsource',
	inertia: 'Inertia',
	market: 'Market',
	ecosystem: 'Ecosystem',
	submap: 'Submap',
	evolve: 'Evolve (moves to)',
	pipeline: 'Pipeline',
	link: 'Link (needs)',
	flow: 'Flow',
	accelerator: 'Accelerator',
	deaccelerator: 'Deaccelerator'
};
const ORDER = Object.keys(LEGEND_LABELS) as LegendMark[];

/**
 * The marks `map` uses that need a key, in key order. Plain links are listed only alongside
 * another mark (a map of circles and lines needs no key); empty for such a map.
 */
export function legendMarks(map: MapSnapshot): LegendMark[] {
	const used = new Set<LegendMark>();
	const components = new Map(map.components.map((c) => [c.id as string, c]));
	const decorated = [
		...map.components.filter((c) => c.kind !== 'anchor').map((c) => c.decorators),
		...map.evolves.filter((e) => components.get(e.componentId)?.kind !== 'anchor').map((e) => e.decorators)
	];
	for (const d of decorated) {
		for (const mark of ['build', 'buy', 'outsource', 'market', 'ecosystem'] as const) if (d[mark]) used.add(mark);
	}
	for (const c of map.components) {
		if (c.kind !== 'anchor' && c.inertia) used.add('inertia');
		if (c.kind === 'submap') used.add('submap');
	}
	if (map.evolves.some((e) => components.has(e.componentId))) used.add('evolve');
	if (map.pipelines.length > 0) used.add('pipeline');
	if (map.links.some((l) => l.flow)) used.add('flow');
	for (const a of map.accelerators) used.add(a.kind);
	if (used.size > 0 && map.links.some((l) => !l.flow)) used.add('link');
	return ORDER.filter((m) => used.has(m));
}

/** Sizes of the key for a theme (px): a sample's slot, a row, the padding. */
function metrics(theme: Theme) {
	const slot = Math.round(theme.radius * 7);
	const size = theme.font.label;
	return { slot, size, row: Math.max(slot, size * theme.lineHeight) + 6, pad: 10, gap: 6, spacing: 18 };
}

/**
 * The key for `map` on a canvas `width` px wide, its band's top at `top` px, its text starting at
 * `left` px (the plot's left edge); null when the map uses no mark that needs a key.
 */
export function buildMarkLegend(map: MapSnapshot, theme: Theme, width: number, top: number, left: number): MarkLegendItem | null {
	const marks = legendMarks(map);
	if (marks.length === 0) return null;
	const m = metrics(theme);
	const lineHeight = m.size * theme.lineHeight;
	const title = textBlock(left, 0, ['Key'], { size: m.size, lineHeight, bold: true });
	const right = width - m.pad;
	const start = left + title.bounds.width + m.spacing;
	let x = start;
	let row = 0;
	const placed: { mark: LegendMark; x: number; row: number; text: TextBlock }[] = [];
	for (const mark of marks) {
		const text = textBlock(0, 0, [LEGEND_LABELS[mark]], { size: m.size, lineHeight });
		const w = m.slot + m.gap + text.bounds.width;
		// A new row when this entry would overrun the canvas (an entry alone on its row stays).
		if (x + w > right && x > start) {
			row += 1;
			x = start;
		}
		placed.push({ mark, x, row, text });
		x += w + m.spacing;
	}
	const height = m.pad * 2 + (row + 1) * m.row;
	const centre = (r: number) => top + m.pad + r * m.row + m.row / 2;
	return {
		key: 'meta/key',
		collection: 'meta',
		id: 'key',
		hit: 12,
		box: { x: 0, y: top, width, height },
		title: textBlock(left, centre(0) + m.size * 0.35, ['Key'], { size: m.size, lineHeight, bold: true }),
		entries: placed.map((p) => ({
			mark: p.mark,
			x: p.x + m.slot / 2,
			y: centre(p.row),
			label: textBlock(p.x + m.slot + m.gap, centre(p.row) + m.size * 0.35, p.text.lines, { size: m.size, lineHeight })
		}))
	};
}

/** The height (px) the key for `map` adds below a canvas `width` px wide; 0 when it has none. */
export function legendHeight(map: MapSnapshot, theme: Theme, width: number): number {
	// Laid out as buildScene lays it out (the plot's left edge depends on the theme only).
	return buildMarkLegend(map, theme, width, 0, plotArea(width, width, theme).x)?.box.height ?? 0;
}

/** A sample component for the key (collection `meta`: the screen never makes it focusable). */
function sample(mark: LegendMark, x: number, y: number, theme: Theme): ComponentItem {
	const r = theme.radius;
	const symbol = mark === 'market' || mark === 'ecosystem';
	const outer = symbol ? r * 2.2 : r;
	const markerRadius = outer + r + 2;
	const shape = mark === 'build' ? triangle(x, y, markerRadius * 1.25) : mark === 'buy' ? diamond(x, y, markerRadius) : square(x, y, markerRadius);
	const bar = r + 6;
	return {
		key: `key/${mark}`, collection: 'meta', id: `key/${mark}`, hit: 12, leader: null,
		kind: mark === 'submap' ? 'submap' : 'component',
		x: mark === 'inertia' ? x - 6 : x, y, r, outer, evolved: false,
		market: mark === 'market', ecosystem: mark === 'ecosystem',
		markers: mark === 'build' || mark === 'buy' || mark === 'outsource' ? [{ kind: mark, d: shape }] : [],
		inertia: mark === 'inertia' ? { x: x - 6 + r + 6, y: y - bar, width: theme.stroke.inertia, height: bar * 2 } : null,
		label: textBlock(x, y, [], { size: theme.font.label, lineHeight: theme.font.label })
	};
}

function sampleNode(e: LegendEntry, theme: Theme, slot: number): SvgNode {
	const half = slot / 2 - 2;
	const base = { key: `key/${e.mark}`, collection: 'meta' as const, id: `key/${e.mark}`, hit: 12 };
	const segment = { x1: e.x - half, y1: e.y, x2: e.x + half, y2: e.y };
	const noText = textBlock(e.x, e.y, [], { size: theme.font.label, lineHeight: theme.font.label });
	switch (e.mark) {
		case 'evolve':
			return evolveNode({ ...base, ...segment, head: arrowhead(segment.x2, e.y, 0, 8) }, theme);
		case 'pipeline':
			return pipelineNode({ ...base, box: { x: e.x - half, y: e.y - theme.radius - 3, width: half * 2, height: theme.radius * 2 + 6 } }, theme);
		case 'link':
		case 'flow': {
			const link: LinkItem = {
				...base, ...segment, flow: e.mark === 'flow' ? 'forward' : null, context: null, flowLabel: null,
				heads: e.mark === 'flow' ? arrowhead(segment.x2, e.y, 0, theme.stroke.flowBand * 1.1) : ''
			};
			// A plain link inherits its stroke from the links layer: the key's sample sets its own.
			const node = linkNode(link, theme);
			return e.mark === 'link' ? { ...node, attrs: { ...node.attrs, stroke: theme.colours.link, 'stroke-width': theme.stroke.link } } : node;
		}
		case 'accelerator':
		case 'deaccelerator':
			return acceleratorNode({ ...base, kind: e.mark, x: e.x, y: e.y, d: blockArrow(e.x, e.y, half * 2, theme.radius * 2.4, e.mark === 'accelerator' ? 1 : -1), label: noText }, theme);
		default: {
			// Components inherit fill and stroke from the components layer: the key's sample sets them.
			const c = theme.colours;
			const node = componentNode(sample(e.mark, e.x, e.y, theme), theme);
			return { ...node, attrs: { ...node.attrs, fill: c.componentFill, stroke: c.component, 'stroke-width': theme.stroke.component } };
		}
	}
}

/** The key's nodes: a rule across the top of its band, the title, each sample and its text. */
export function markLegendNode(l: MarkLegendItem, theme: Theme): SvgNode {
	const c = theme.colours;
	const slot = metrics(theme).slot;
	return itemGroup(l, present([
		el('line', { x1: 0, y1: round(l.box.y), x2: round(l.box.width), y2: round(l.box.y), stroke: c.divider, 'stroke-width': theme.stroke.divider }),
		textNode(l.title, c.text),
		...l.entries.flatMap((e) => [sampleNode(e, theme, slot), textNode(e.label, c.text, {}, `key/${e.mark}/label`)])
	]), { 'data-legend': 'marks' });
}

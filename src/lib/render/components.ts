// Scene builder for components, anchors, submaps and the evolved copies of evolve moves: symbol
// sizes, build/buy/outsource markers, inertia bars and labels (at their offset or the default; labels.ts
// then places them).
import type { Component, Decorators, MapSnapshot, Offset } from '../map/index.js';
import { textBlock, type Projection } from './layout.js';
import { diamond, square, triangle } from './path.js';
import type { LabelRequest } from './labels.js';
import type { ComponentItem, Marker, MarkerKind, TextBlock } from './scene-types.js';
import { wrapText } from './text.js';
import type { Theme } from './theme.js';

/** Where links attach to an element: its centre and the radius (px) at which lines stop. */
export interface End {
	readonly x: number;
	readonly y: number;
	readonly outer: number;
}

/** Point items get at least this pointer tolerance (px). */
export const POINT_HIT = 24;

const MARKER_KINDS: readonly MarkerKind[] = ['build', 'buy', 'outsource'];
const MARKER_SHAPES = { build: triangle, buy: diamond, outsource: square };

/** The visibility each pipeline child is drawn at: its pipeline's parent's (so children sit in the box). */
export function pipelineRows(map: MapSnapshot): Map<string, number> {
	const visibilityOf = new Map<string, number>();
	for (const c of map.components) visibilityOf.set(c.id, c.visibility);
	const rows = new Map<string, number>();
	for (const pipeline of map.pipelines) {
		const v = visibilityOf.get(pipeline.componentId);
		if (v !== undefined) rows.set(pipeline.id, v);
	}
	return rows;
}

/**
 * Component and evolved-copy items (labels where their offset, or the default, puts them), the link
 * ends of every component and evolve move by id, and what label placement needs per item key.
 */
export function buildComponents(
	map: MapSnapshot,
	p: Projection,
	theme: Theme
): { items: ComponentItem[]; ends: Map<string, End>; labels: Map<string, LabelRequest> } {
	const items: ComponentItem[] = [];
	const labels = new Map<string, LabelRequest>();
	const ends = new Map<string, End>();
	const rows = pipelineRows(map);
	const byId = new Map<string, Component>();
	for (const c of map.components) {
		byId.set(c.id, c);
		const visibility = (c.pipelineId && rows.get(c.pipelineId)) ?? c.visibility;
		const item = componentItem(theme, {
			key: `components/${c.id}`,
			collection: 'components',
			id: c.id,
			kind: c.kind,
			x: p.x(c.evolution),
			y: p.y(visibility),
			name: c.name,
			label: c.label,
			decorators: c.decorators,
			inertia: c.inertia,
			evolved: false
		});
		items.push(item.item);
		labels.set(item.item.key, { hint: c.label, pinned: !!c.labelPinned && c.label !== null, reach: item.reach });
		ends.set(c.id, item.item);
	}
	for (const e of map.evolves) {
		const c = byId.get(e.componentId);
		if (!c) continue;
		const from = ends.get(c.id)!;
		const item = componentItem(theme, {
			key: `evolves/${e.id}`,
			collection: 'evolves',
			id: e.id,
			kind: c.kind === 'anchor' ? 'component' : c.kind,
			x: p.x(e.evolution),
			y: from.y,
			name: e.name || c.name,
			label: e.label,
			decorators: e.decorators,
			inertia: false,
			evolved: true
		});
		items.push(item.item);
		labels.set(item.item.key, { hint: e.label, pinned: !!e.labelPinned && e.label !== null, reach: item.reach });
		ends.set(e.id, item.item);
	}
	return { items, ends, labels };
}

interface ComponentInput {
	key: string;
	collection: 'components' | 'evolves';
	id: string;
	kind: Component['kind'];
	x: number;
	y: number;
	name: string;
	label: Offset | null;
	decorators: Decorators;
	inertia: boolean;
	evolved: boolean;
}

/** The item and its reach: how far (px) from its centre its symbol and markers are drawn. */
function componentItem(theme: Theme, c: ComponentInput): { item: ComponentItem; reach: number } {
	const anchor = c.kind === 'anchor';
	const r = anchor ? 0 : theme.radius;
	const symbol = c.decorators.market || c.decorators.ecosystem;
	const outer = anchor ? theme.font.anchor * 0.7 : symbol ? r * 2.2 : r;
	const markers: Marker[] = [];
	let markerRadius = outer + r + 2;
	let drawn = outer;
	for (const kind of MARKER_KINDS) {
		if (!c.decorators[kind] || anchor) continue;
		const size = kind === 'build' ? markerRadius * 1.25 : markerRadius;
		markers.push({ kind, d: MARKER_SHAPES[kind](c.x, c.y, size) });
		// A square's corners reach past its half-side.
		drawn = Math.max(drawn, size * (kind === 'outsource' ? 1.2 : 1) + theme.stroke.marker / 2);
		markerRadius += theme.stroke.marker * 2 + 2;
	}
	const reach = markers.length > 0 ? markerRadius : outer;
	const bar = r + 6;
	const item: ComponentItem = {
		key: c.key,
		collection: c.collection,
		id: c.id,
		hit: Math.max(POINT_HIT, outer + 4),
		kind: c.kind,
		x: c.x,
		y: c.y,
		r,
		outer,
		evolved: c.evolved,
		market: !anchor && c.decorators.market,
		ecosystem: !anchor && !c.decorators.market && c.decorators.ecosystem,
		markers,
		inertia: c.inertia && !anchor ? { x: c.x + reach + 6, y: c.y - bar, width: theme.stroke.inertia, height: bar * 2 } : null,
		label: anchor ? anchorLabel(theme, c) : componentLabel(theme, c, outer),
		leader: null
	};
	return { item, reach: drawn };
}

/** A component's label: first baseline at the label offset, or above and to the right by default (wrapped at word breaks). */
function componentLabel(theme: Theme, c: ComponentInput, outer: number): TextBlock {
	const size = theme.font.label;
	const lineHeight = size * theme.lineHeight;
	const lines = wrapText(c.name, theme.labelWrap, size);
	// The default mirrors OWM's `label [5, -10]` for its 5 px circles, with the whole block kept above.
	const dx = c.label ? c.label.x : outer;
	const dy = c.label ? c.label.y : -(outer + 4) - Math.max(0, lines.length - 1) * lineHeight;
	return textBlock(c.x + dx, c.y + dy, lines, { size, lineHeight });
}

/** An anchor is its bold label, centred on its point (moved by the label offset if it has one). */
function anchorLabel(theme: Theme, c: ComponentInput): TextBlock {
	const size = theme.font.anchor;
	const lineHeight = size * theme.lineHeight;
	const lines = wrapText(c.name, theme.labelWrap, size, true);
	const dx = c.label ? c.label.x : 0;
	const dy = c.label ? c.label.y : 0;
	const first = c.y + dy + size * 0.35 - ((lines.length - 1) * lineHeight) / 2;
	return textBlock(c.x + dx, first, lines, { size, lineHeight, anchor: 'middle', bold: true });
}

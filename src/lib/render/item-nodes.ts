// Scene items → SvgNodes, one builder per item kind, all styles as presentation attributes from
// the theme. Meaning never rests on colour alone: markers differ by shape, flows by width, moves by dash.
// What most items of a layer share is set once on the layer (layerAttrs) and inherited.
import { round } from './path.js';
import { el, halo, itemGroup, present, textNode, type Attrs, type SvgNode } from './node-parts.js';
import type {
	AcceleratorItem, AnnotationItem, AreaItem, Axes, ComponentItem, EvolveItem, LegendItem, LinkItem,
	NoteItem, PipelineItem, Segment
} from './scene-types.js';
import type { Theme } from './theme.js';

const line = (s: Segment) => ({ x1: round(s.x1), y1: round(s.y1), x2: round(s.x2), y2: round(s.y2) });
const circle = (x: number, y: number, r: number) => ({ cx: round(x), cy: round(y), r: round(r) });
const rect = (b: { x: number; y: number; width: number; height: number }) => ({
	x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height)
});

/** Axis lines and arrowheads, stage dividers and labels, value-chain labels, title. */
export function axesNodes(axes: Axes, t: Theme): SvgNode[] {
	const c = t.colours;
	const path = axes.lines.map((s) => `M${round(s.x1)},${round(s.y1)} L${round(s.x2)},${round(s.y2)}`).join(' ');
	const nodes: (SvgNode | null)[] = [
		el('path', { d: path, fill: 'none', stroke: c.axis, 'stroke-width': t.stroke.axis }, undefined, 'axes/lines'),
		el('path', { d: axes.heads, fill: c.axis }, undefined, 'axes/heads')
	];
	const ev = axes.evolution;
	if (ev) {
		const dash = { stroke: c.divider, 'stroke-width': t.stroke.divider, 'stroke-dasharray': '6 4' };
		nodes.push(itemGroup(ev, present([
			...ev.dividers.map((s) => el('line', { ...line(s), ...dash })),
			...ev.stages.map((s) => textNode(s, c.mutedText)),
			textNode(ev.title, c.text)
		])));
	}
	const vc = axes.valueChain;
	if (vc) {
		nodes.push(itemGroup(vc, present([textNode(vc.top, c.mutedText), textNode(vc.title, c.text), textNode(vc.bottom, c.mutedText)])));
	}
	if (axes.title) nodes.push(itemGroup(axes.title, present([textNode(axes.title.text, c.text)])));
	return present(nodes);
}

const AREA_DASH = { pioneers: '2 3', settlers: '8 4', townplanners: '' } as const;

export function areaNode(a: AreaItem, t: Theme): SvgNode {
	const colour = t.colours[a.kind];
	const dash = AREA_DASH[a.kind];
	return itemGroup(a, present([
		el('rect', {
			...rect(a.box), fill: colour, 'fill-opacity': t.areaOpacity, stroke: colour, 'stroke-width': t.stroke.area,
			...(dash ? { 'stroke-dasharray': dash } : {})
		}),
		textNode(a.label, colour)
	]), { 'data-kind': a.kind });
}

export function pipelineNode(p: PipelineItem, t: Theme): SvgNode {
	return itemGroup(p, [
		el('rect', { ...rect(p.box), fill: t.colours.background, stroke: t.colours.pipeline, 'stroke-width': t.stroke.pipeline })
	]);
}

/**
 * What the items of a layer share, set once on its `<g>` and inherited: the plain link's stroke on
 * the links layer, the plain circle's fill and stroke on the components layer, the halo, size and
 * colour of ordinary labels on the labels layer. Parts that differ set their own (`none` included).
 */
export function layerAttrs(layer: string, t: Theme): Attrs {
	const c = t.colours;
	if (layer === 'links') return { stroke: c.link, 'stroke-width': t.stroke.link };
	if (layer === 'components') return { fill: c.componentFill, stroke: c.component, 'stroke-width': t.stroke.component };
	if (layer === 'labels') return { ...halo(c.background), 'font-size': round(t.font.label), fill: c.text };
	return {};
}

/** Links: plain ones thin and solid; flows a wide translucent band with a solid core and arrowheads. */
export function linkNode(l: LinkItem, t: Theme): SvgNode {
	// Hot path (one per link): attribute objects are written as literals, not spreads.
	const c = t.colours;
	const x1 = round(l.x1), y1 = round(l.y1), x2 = round(l.x2), y2 = round(l.y2);
	const parts: SvgNode[] = l.flow
		? [
				{ tag: 'line', attrs: { x1, y1, x2, y2, stroke: c.flow, 'stroke-opacity': t.flowOpacity, 'stroke-width': t.stroke.flowBand, 'stroke-linecap': 'round' } },
				{ tag: 'line', attrs: { x1, y1, x2, y2, stroke: c.flow, 'stroke-width': t.stroke.flowCore } },
				{ tag: 'path', attrs: { d: l.heads, fill: c.flow, stroke: 'none' } }
			]
		: [{ tag: 'line', attrs: { x1, y1, x2, y2 } }];
	// A plain unlabelled link (most of a big map) is one element: its line carries the tags.
	if (!l.flow && !l.context && !l.flowLabel) {
		return { tag: 'line', key: l.key, attrs: { 'data-collection': l.collection, 'data-id': l.id, x1, y1, x2, y2 } };
	}
	if (l.context) parts.push(textNode(l.context, c.mutedText, halo(c.background))!);
	if (l.flowLabel) parts.push(textNode(l.flowLabel, c.flow, halo(c.background))!);
	const attrs: Attrs = l.flow
		? { 'data-collection': l.collection, 'data-id': l.id, 'data-flow': l.flow }
		: { 'data-collection': l.collection, 'data-id': l.id };
	return { tag: 'g', key: l.key, attrs, children: parts };
}

export function evolveNode(e: EvolveItem, t: Theme): SvgNode {
	const c = t.colours;
	return itemGroup(e, present([
		el('line', { ...line(e), stroke: c.evolve, 'stroke-width': t.stroke.evolve, 'stroke-dasharray': '5 4' }),
		e.head ? el('path', { d: e.head, fill: c.evolve }) : null
	]));
}

export function acceleratorNode(a: AcceleratorItem, t: Theme): SvgNode {
	const c = t.colours;
	return itemGroup(a, present([
		el('path', {
			d: a.d, fill: c.background, stroke: c.accelerator, 'stroke-width': t.stroke.pipeline, 'stroke-linejoin': 'round',
			...(a.kind === 'deaccelerator' ? { 'stroke-dasharray': '5 3' } : {})
		}),
		textNode(a.label, c.text, halo(c.background))
	]), { 'data-kind': a.kind });
}

/** A component's symbol with its markers and inertia bar (its label is drawn in the labels layer). */
export function componentNode(k: ComponentItem, t: Theme): SvgNode {
	const c = t.colours;
	const stroke = k.evolved ? c.evolve : c.component;
	const line = { stroke, 'stroke-width': t.stroke.component };
	// Filled dots and bars: no stroke (the layer's would be inherited).
	const dot = (x: number, y: number, r: number) => el('circle', { ...circle(x, y, r), fill: stroke, stroke: 'none' });
	const cx = round(k.x);
	const cy = round(k.y);
	const parts: SvgNode[] = k.markers.map((m) =>
		el('path', { d: m.d, fill: c[m.kind], 'fill-opacity': t.markerOpacity, stroke: c[m.kind], 'stroke-width': t.stroke.marker, 'data-marker': m.kind })
	);
	if (k.market) {
		// Market: a circle holding three linked dots.
		const dots = [0, 1, 2].map((i) => {
			const a = -Math.PI / 2 + (i * 2 * Math.PI) / 3;
			return [k.x + Math.cos(a) * k.outer * 0.5, k.y + Math.sin(a) * k.outer * 0.5] as const;
		});
		parts.push(el('circle', { ...circle(k.x, k.y, k.outer), fill: c.componentFill, ...line }));
		parts.push(el('path', { d: dots.map(([x, y], i) => `${i ? 'L' : 'M'}${round(x)},${round(y)}`).join(' ') + ' Z', fill: 'none', ...line }));
		for (const [x, y] of dots) parts.push(dot(x, y, k.r * 0.45));
	} else if (k.ecosystem) {
		// Ecosystem: a circle, a dashed ring inside it and a centre dot.
		parts.push(el('circle', { ...circle(k.x, k.y, k.outer), fill: c.componentFill, ...line }));
		parts.push(el('circle', { ...circle(k.x, k.y, k.outer * 0.62), fill: 'none', ...line, 'stroke-dasharray': '3 2' }));
		parts.push(dot(k.x, k.y, k.r * 0.5));
	} else if (k.kind !== 'anchor') {
		// Fill and stroke come from the layer, unless it is an evolved copy.
		const r = round(k.r);
		if (parts.length === 0 && !k.inertia && k.kind !== 'submap') {
			// A plain component (most of a big map) is one element: its circle carries the tags.
			const attrs: Attrs = { 'data-collection': k.collection, 'data-id': k.id, 'data-kind': k.kind, cx, cy, r };
			if (k.evolved) attrs.stroke = stroke;
			return { tag: 'circle', key: k.key, attrs };
		}
		parts.push({ tag: 'circle', attrs: k.evolved ? { cx, cy, r, stroke } : { cx, cy, r } });
		// Submap: a filled centre dot, "a map inside".
		if (k.kind === 'submap') parts.push(dot(k.x, k.y, k.r * 0.45));
	}
	if (k.inertia) parts.push(el('rect', { ...rect(k.inertia), fill: c.inertia, stroke: 'none', 'data-inertia': 'true' }));
	return { tag: 'g', key: k.key, attrs: { 'data-collection': k.collection, 'data-id': k.id, 'data-kind': k.kind }, children: parts };
}

/** A component's label: bold for anchors, the evolve colour for evolved copies (size and colour otherwise from the layer). */
export function labelNode(k: ComponentItem, t: Theme): SvgNode | null {
	const c = t.colours;
	return textNode(
		k.label,
		k.evolved ? c.evolve : c.text,
		{ 'data-collection': k.collection, 'data-id': k.id },
		`${k.key}/label`,
		{ size: round(t.font.label), fill: c.text }
	);
}

/** The thin line from a mark to its label when placement moved the label away, or null. */
export function leaderNode(k: ComponentItem, t: Theme): SvgNode | null {
	if (!k.leader) return null;
	// Its own stroke: the labels layer's is the text halo.
	return { tag: 'line', key: `${k.key}/leader`, attrs: { ...line(k.leader), stroke: t.colours.mutedText, 'stroke-width': 0.75, 'data-leader': k.id } };
}

export function noteNode(n: NoteItem, t: Theme): SvgNode | null {
	return textNode(n.text, t.colours.note, { 'data-collection': n.collection, 'data-id': n.id, ...halo(t.colours.background) }, n.key);
}

export function annotationNode(a: AnnotationItem, t: Theme): SvgNode {
	const c = t.colours;
	const size = t.font.annotation;
	return itemGroup(a, a.circles.flatMap((p) => [
		el('circle', { ...circle(p.x, p.y, p.r), fill: c.background, stroke: c.annotation, 'stroke-width': t.stroke.component }),
		{ tag: 'text', attrs: { x: round(p.x), y: round(p.y + size * 0.35), 'font-size': size, 'font-weight': 'bold', 'text-anchor': 'middle', fill: c.annotation }, text: a.number }
	]));
}

export function legendNode(l: LegendItem, t: Theme): SvgNode {
	const c = t.colours;
	return itemGroup(l, present([
		el('rect', { ...rect(l.box), fill: c.background, stroke: c.annotation, 'stroke-width': t.stroke.link }),
		textNode(l.title, c.annotation),
		textNode(l.entries, c.annotation)
	]));
}

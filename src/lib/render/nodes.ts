// sceneToNodes: the Scene → one SvgNode tree, the single description of the drawing that both
// drawNodes (screen, d3 joins) and nodesToSvgString (export) render. Pure; no DOM.
import {
	acceleratorNode, annotationNode, areaNode, axesNodes, componentNode, evolveNode, labelNode, leaderNode,
	layerAttrs, legendNode, linkNode, noteNode, pipelineNode
} from './item-nodes.js';
import { markLegendNode } from './legend.js';
import { el, present, type SvgNode } from './node-parts.js';
import type { Scene } from './scene-types.js';

export type { SvgNode } from './node-parts.js';

/**
 * Layers in drawing order (later ones on top). Component labels are on top of everything: the
 * editor paints them in a stacked layer of their own (a change below them, such as a drag taking
 * links out, then does not re-rasterise a thousand labels), and the export draws the same.
 */
export const LAYERS = [
	'axes', 'areas', 'pipelines', 'links', 'evolves', 'accelerators', 'components', 'notes', 'annotations', 'labels'
] as const;
export type LayerName = (typeof LAYERS)[number];

/** The text of the SVG's `<desc>`: what the map is and how big, for screen readers and file browsers. */
export function describeMap(scene: Scene): string {
	const n = scene.componentCount;
	const links = scene.links.length;
	const summary = `Wardley map "${scene.title || 'Untitled map'}" with ${n} component${n === 1 ? '' : 's'} and ${links} link${links === 1 ? '' : 's'}.`;
	return scene.description ? `${summary} ${scene.description}` : summary;
}

/**
 * The drawing as a node tree: an `<svg>` root (width × height px, viewBox, theme font) holding
 * `<title>`, `<desc>`, a background rect and one `<g data-layer>` per layer. Every element group
 * carries `data-collection` and `data-id` of the model element it draws.
 */
export function sceneToNodes(scene: Scene): SvgNode {
	const t = scene.theme;
	const layers: Record<LayerName, SvgNode[]> = {
		axes: axesNodes(scene.axes, t),
		areas: scene.areas.map((a) => areaNode(a, t)),
		pipelines: scene.pipelines.map((p) => pipelineNode(p, t)),
		links: scene.links.map((l) => linkNode(l, t)),
		evolves: scene.evolves.map((e) => evolveNode(e, t)),
		accelerators: scene.accelerators.map((a) => acceleratorNode(a, t)),
		components: scene.components.map((k) => componentNode(k, t)),
		// Leaders first, so every label's halo covers the leaders passing under it.
		labels: present([...scene.components.map((k) => leaderNode(k, t)), ...scene.components.map((k) => labelNode(k, t))]),
		notes: present(scene.notes.map((n) => noteNode(n, t))),
		annotations: [
			...scene.annotations.map((a) => annotationNode(a, t)),
			...(scene.legend ? [legendNode(scene.legend, t)] : []),
			...(scene.markLegend ? [markLegendNode(scene.markLegend, t)] : [])
		]
	};
	return el('svg', {
		xmlns: 'http://www.w3.org/2000/svg',
		width: scene.width,
		height: scene.height,
		viewBox: `0 0 ${scene.width} ${scene.height}`,
		role: 'img',
		'font-family': t.fontFamily,
		'data-theme': t.name
	}, [
		{ tag: 'title', key: 'title', attrs: {}, text: scene.title || 'Untitled map' },
		{ tag: 'desc', key: 'desc', attrs: {}, text: describeMap(scene) },
		el('rect', { x: 0, y: 0, width: scene.width, height: scene.height, fill: t.colours.background }, undefined, 'background'),
		// What a layer's items share is set once on it (inherited), not on each of a thousand items.
		...LAYERS.map((name) => el('g', { 'data-layer': name, ...layerAttrs(name, t) }, layers[name], `layer/${name}`))
	]);
}

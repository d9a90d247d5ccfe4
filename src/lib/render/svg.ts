// The SVG export: a node tree → a standalone SVG document string (xmlns, viewBox, inline
// presentation attributes, no scripts, styles or external references). Deterministic. No DOM.
import type { MapSnapshot } from '../map/index.js';
import { dimOutOfFocus } from './focus.js';
import { sceneToNodes } from './nodes.js';
import { buildScene, type SceneOptions } from './scene.js';

export { escapeText, escapeAttr, nodesToSvgString } from './markup.js';
import { nodesToSvgString } from './markup.js';

export interface SvgOptions extends SceneOptions {
	/** Ids in focus (a filtered view): every other element is dimmed (focus.ts). Default: all. */
	focus?: ReadonlySet<string> | null;
}

/**
 * `map` as a standalone SVG file (UTF-8 text with an XML declaration); same map and options → same
 * bytes. Unlike the bare scene, it has the key to the marks the map uses unless `legend` is false.
 */
export function renderSvg(map: MapSnapshot, options: SvgOptions = {}): string {
	const nodes = sceneToNodes(buildScene(map, { ...options, legend: options.legend ?? true }));
	return '<?xml version="1.0" encoding="UTF-8"?>\n' + nodesToSvgString(options.focus ? dimOutOfFocus(nodes, options.focus) : nodes) + '\n';
}

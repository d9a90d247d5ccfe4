// The SVG export: a node tree → a standalone SVG document string (xmlns, viewBox, inline
// presentation attributes, no scripts, styles or external references). Deterministic. No DOM.
import type { MapSnapshot } from '../map/index.js';
import { sceneToNodes } from './nodes.js';
import { buildScene, type SceneOptions } from './scene.js';

export { escapeText, escapeAttr, nodesToSvgString } from './markup.js';
import { nodesToSvgString } from './markup.js';

/** `map` as a standalone SVG file (UTF-8 text with an XML declaration); same map and options → same bytes. */
export function renderSvg(map: MapSnapshot, options: SceneOptions = {}): string {
	return '<?xml version="1.0" encoding="UTF-8"?>\n' + nodesToSvgString(sceneToNodes(buildScene(map, options))) + '\n';
}

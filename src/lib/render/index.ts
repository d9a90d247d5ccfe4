// The renderer: snapshot → scene (pure px geometry) → SvgNode tree → DOM (drawNodes, d3 joins) or
// a standalone SVG string (renderSvg). Imports only src/lib/map; draw.ts is the only DOM module.
export * from './theme.js';
export { contrastRatio, luminance } from './contrast.js';
export * from './scene-types.js';
export { buildScene, defaultSize, DEFAULT_WIDTH, DEFAULT_HEIGHT, type SceneOptions } from './scene.js';
export { placedLabelOffsets } from './placed.js';
export { sceneToNodes, describeMap, LAYERS, type LayerName, type SvgNode } from './nodes.js';
export { renderSvg, nodesToSvgString, escapeText, escapeAttr, type SvgOptions } from './svg.js';
export { dimOutOfFocus, FOCUS_OPACITY } from './focus.js';
export { buildMarkLegend, legendMarks, legendHeight, markLegendNode, LEGEND_LABELS } from './legend.js';
export { drawNodes, sameNode } from './draw.js';
export { wrapText, cleanText, textWidth } from './text.js';
export { hitTest, segmentDistance } from './hit.js';

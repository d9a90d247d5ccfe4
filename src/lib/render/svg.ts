// The SVG export: a node tree → a standalone SVG document string (xmlns, viewBox, inline
// presentation attributes, no scripts, styles or external references). Deterministic. No DOM.
import type { MapSnapshot } from '../map/index.js';
import type { SvgNode } from './node-parts.js';
import { sceneToNodes } from './nodes.js';
import { buildScene, type SceneOptions } from './scene.js';
import { cleanText } from './text.js';

/** Text content escaped as XMLSerializer does (`&`, `<`, `>`), minus characters XML forbids. */
export function escapeText(s: string): string {
	return cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value escaped as XMLSerializer does (`&`, `"`, `<`, `>`), minus characters XML forbids. */
export function escapeAttr(s: string): string {
	return escapeText(s).replace(/"/g, '&quot;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

function write(node: SvgNode, out: string[]): void {
	if (!NAME.test(node.tag)) throw new Error(`bad element name: ${node.tag}`);
	out.push('<', node.tag);
	for (const name in node.attrs) {
		if (!NAME.test(name)) throw new Error(`bad attribute name: ${name}`);
		out.push(' ', name, '="', escapeAttr(String(node.attrs[name])), '"');
	}
	if (node.text) {
		out.push('>', escapeText(node.text), '</', node.tag, '>');
	} else if (node.children && node.children.length > 0) {
		out.push('>');
		for (const child of node.children) write(child, out);
		out.push('</', node.tag, '>');
	} else {
		out.push('/>');
	}
}

/**
 * A node tree as XML markup, the same markup the browser's XMLSerializer gives for what
 * drawNodes builds from it (childless elements self-close, no whitespace between elements).
 */
export function nodesToSvgString(node: SvgNode): string {
	const out: string[] = [];
	write(node, out);
	return out.join('');
}

/** `map` as a standalone SVG file (UTF-8 text with an XML declaration); same map and options → same bytes. */
export function renderSvg(map: MapSnapshot, options: SceneOptions = {}): string {
	return '<?xml version="1.0" encoding="UTF-8"?>\n' + nodesToSvgString(sceneToNodes(buildScene(map, options))) + '\n';
}

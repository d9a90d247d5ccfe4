// Node tree → markup: the one serializer of SvgNode trees, used by the SVG export and by
// drawNodes' first draw. Escapes every user string; no DOM, no other render module.
import type { SvgNode } from './node-parts.js';
import { cleanText } from './text.js';

// Anything that may need escaping or cleaning; most strings have none and are returned as they are.
const SPECIAL = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text content escaped as XMLSerializer does (`&`, `<`, `>`), minus characters XML forbids. */
export function escapeText(s: string): string {
	if (!SPECIAL.test(s)) return s;
	return cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value escaped as XMLSerializer does (`&`, `"`, `<`, `>`), minus characters XML forbids. */
export function escapeAttr(s: string): string {
	if (!SPECIAL.test(s)) return s;
	return escapeText(s).replace(/"/g, '&quot;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const checked = new Set<string>();

function checkName(name: string, what: string): void {
	if (checked.has(name)) return;
	if (!NAME.test(name)) throw new Error(`bad ${what} name: ${name}`);
	checked.add(name);
}

function write(node: SvgNode): string {
	checkName(node.tag, 'element');
	let s = '<' + node.tag;
	for (const name in node.attrs) {
		checkName(name, 'attribute');
		const value = node.attrs[name];
		s += ' ' + name + '="' + (typeof value === 'number' ? String(value) : escapeAttr(value)) + '"';
	}
	if (node.text) return s + '>' + escapeText(node.text) + '</' + node.tag + '>';
	if (!node.children || node.children.length === 0) return s + '/>';
	s += '>';
	for (const child of node.children) s += write(child);
	return s + '</' + node.tag + '>';
}

/**
 * A node tree as XML markup, the same markup the browser's XMLSerializer gives for what
 * drawNodes builds from it (childless elements self-close, no whitespace between elements).
 */
export function nodesToSvgString(node: SvgNode): string {
	return write(node);
}

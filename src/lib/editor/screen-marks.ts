// Two marks on the drawn map that change with a click or the start of a drag, set straight on the
// few elements concerned instead of redrawing a thousand: which element is in the page's Tab order
// (a roving tabindex) and which are hidden while the drag layer shows them. Redrawing for either
// cost a pass over every element (and 30–80 ms of a 1,000-component map's first drag frames).
// Hidden elements get `data-drag-hidden`, which the canvas's stylesheet paints transparent
// (fill and stroke, so they keep keyboard focus, unlike `visibility`). drawNodes never touches an
// attribute its nodes do not name, so the marks survive redraws; `refresh` re-applies them to
// elements a redraw replaced.
//
// Plain links and plain components (a bare <line> or <circle>) and component labels (a <text> in
// the labels' own layer) are not repainted at all: they stay as they are and a ghost cover (the
// background colour at GHOST opacity: same geometry, or the label's box) is drawn over them in the
// canvas's overlay, so the original place shows faintly while the drag layer shows the new one.
// Repainting them made the browser re-rasterise the layer under each one's bounding box (for a
// link often most of the map; for a label a strip of a thousand labels' text): on a
// 1,000-component map, most of a drag's start.
import type { SvgNode } from '../render/node-parts.js';
import { parseRefKey } from './refs.js';

/** An element of a layer: what draws a map element (or its label) in the main drawing. */
const ITEM = ':scope > g[data-layer] > ';
export const HIDDEN_ATTRIBUTE = 'data-drag-hidden';
/** Opacity of a ghost cover: what it covers shows at 1 − GHOST. */
const GHOST = 0.7;

/** Where ghost covers come from and go (without: everything dragged is hidden). */
export interface GhostCovers {
	/** The roots whose bare lines, circles and texts are covered rather than hidden. */
	roots: readonly Element[];
	/** The map's background colour (the covers' paint). */
	background: () => string;
	/** Draw these covers (none: remove them). */
	draw: (covers: SvgNode[]) => void;
}

export interface ScreenMarks {
	/** Put `key` (`collection/id`; null or not drawn: the one there already, else the first drawn) alone in the Tab order. */
	focus(key: string | null): void;
	/** Hide exactly the elements drawing these ids (none: show everything again). */
	hide(ids: ReadonlySet<string> | undefined): void;
	/** Re-apply both marks after a redraw, which may have replaced elements. */
	refresh(key: string | null): void;
}

/**
 * Marks on the drawing held by `roots` (the canvas draws its labels in a stacked layer of their own,
 * so one map's elements may be spread over several roots; they are searched in order).
 */
export function screenMarks(roots: readonly Element[], ghosts?: GhostCovers): ScreenMarks {
	let hiddenIds: ReadonlySet<string> | undefined;
	let hidden: Element[] = [];
	let covered = 0;
	const first = (selector: string): Element | null => {
		for (const root of roots) {
			const el = root.querySelector(selector);
			if (el) return el;
		}
		return null;
	};
	const all = (selector: string): Element[] => roots.flatMap((root) => [...root.querySelectorAll(selector)]);
	const focus = (key: string | null) => {
		const ref = key ? parseRefKey(key) : null;
		let el = ref ? first(`${ITEM}[data-collection="${CSS.escape(ref.collection)}"][data-id="${CSS.escape(ref.id)}"][tabindex]`) : null;
		// None given (or not drawn): keep the way in the drawing already has (the decorator puts it at
		// the top of the value chain), else the first element.
		el ??= first(`${ITEM}[tabindex="0"]`) ?? first(`${ITEM}[tabindex]`);
		for (const other of all(`${ITEM}[tabindex="0"]`)) if (other !== el) other.setAttribute('tabindex', '-1');
		if (el && el.getAttribute('tabindex') !== '0') el.setAttribute('tabindex', '0');
	};
	const hide = (ids: ReadonlySet<string> | undefined) => {
		hiddenIds = ids;
		const next = new Set<Element>();
		const covers: SvgNode[] = [];
		for (const id of ids ?? []) {
			for (const el of all(`${ITEM}[data-id="${CSS.escape(id)}"]`)) {
				const cover = ghosts?.roots.some((root) => root.contains(el)) ? coverOf(el, ghosts.background()) : null;
				if (cover) covers.push(cover);
				else next.add(el);
			}
		}
		for (const el of hidden) if (!next.has(el)) el.removeAttribute(HIDDEN_ATTRIBUTE);
		for (const el of next) if (!el.hasAttribute(HIDDEN_ATTRIBUTE)) el.setAttribute(HIDDEN_ATTRIBUTE, '');
		hidden = [...next];
		if (covers.length > 0 || covered > 0) ghosts?.draw(covers);
		covered = covers.length;
	};
	return {
		focus,
		hide,
		refresh(key) {
			focus(key);
			if (hiddenIds?.size || hidden.length || covered) hide(hiddenIds);
		}
	};
}

/** A ghost cover for a bare line, circle or text of the drawing (null for anything else: it is hidden instead). */
function coverOf(el: Element, background: string): SvgNode | null {
	const layer = el.parentElement;
	const width = Number(el.getAttribute('stroke-width') ?? layer?.getAttribute('stroke-width') ?? 1) || 1;
	const key = `${el.getAttribute('data-collection')}/${el.getAttribute('data-id')}`;
	const n = (name: string) => Number(el.getAttribute(name) ?? 0);
	if (el.localName === 'line') {
		return {
			tag: 'line',
			key,
			attrs: { x1: n('x1'), y1: n('y1'), x2: n('x2'), y2: n('y2'), stroke: background, 'stroke-width': width + 2, 'stroke-opacity': GHOST, 'stroke-linecap': 'round', 'data-cover': key }
		};
	}
	if (el.localName === 'circle') {
		return { tag: 'circle', key, attrs: { cx: n('cx'), cy: n('cy'), r: n('r') + width / 2 + 1, fill: background, 'fill-opacity': GHOST, stroke: 'none', 'data-cover': key } };
	}
	if (el.localName === 'text' && 'getBBox' in el) {
		// Its laid-out box (the text has not changed, so this reads layout the browser already has),
		// grown by its halo's width.
		const box = (el as SVGTextElement).getBBox();
		if (!(box.width > 0 && box.height > 0)) return null;
		const pad = width / 2 + 1;
		const label = `${key}/label`;
		return {
			tag: 'rect',
			key: label,
			attrs: { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad, fill: background, 'fill-opacity': GHOST, stroke: 'none', 'data-cover': label }
		};
	}
	return null;
}

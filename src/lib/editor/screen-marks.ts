// Two marks on the drawn map that change with a click or the start of a drag, set straight on the
// few elements concerned instead of redrawing a thousand: which element is in the page's Tab order
// (a roving tabindex) and which are hidden while the drag layer shows them. Redrawing for either
// cost a pass over every element (and 30–80 ms of a 1,000-component map's first drag frames).
// Hidden elements get `data-drag-hidden`, which the canvas's stylesheet paints transparent
// (fill and stroke, so they keep keyboard focus, unlike `visibility`). drawNodes never touches an
// attribute its nodes do not name, so the marks survive redraws; `refresh` re-applies them to
// elements a redraw replaced.
import { parseRefKey } from './refs.js';

/** An element of a layer: what draws a map element (or its label) in the main drawing. */
const ITEM = ':scope > g[data-layer] > ';
export const HIDDEN_ATTRIBUTE = 'data-drag-hidden';

export interface ScreenMarks {
	/** Put `key` (`collection/id`; null or not drawn: the first element) alone in the Tab order. */
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
export function screenMarks(roots: readonly Element[]): ScreenMarks {
	let hiddenIds: ReadonlySet<string> | undefined;
	let hidden: Element[] = [];
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
		el ??= first(`${ITEM}[tabindex]`);
		for (const other of all(`${ITEM}[tabindex="0"]`)) if (other !== el) other.setAttribute('tabindex', '-1');
		if (el && el.getAttribute('tabindex') !== '0') el.setAttribute('tabindex', '0');
	};
	const hide = (ids: ReadonlySet<string> | undefined) => {
		hiddenIds = ids;
		const next = new Set<Element>();
		for (const id of ids ?? []) for (const el of all(`${ITEM}[data-id="${CSS.escape(id)}"]`)) next.add(el);
		for (const el of hidden) if (!next.has(el)) el.removeAttribute(HIDDEN_ATTRIBUTE);
		for (const el of next) if (!el.hasAttribute(HIDDEN_ATTRIBUTE)) el.setAttribute(HIDDEN_ATTRIBUTE, '');
		hidden = [...next];
	};
	return {
		focus,
		hide,
		refresh(key) {
			focus(key);
			if (hiddenIds?.size || hidden.length) hide(hiddenIds);
		}
	};
}

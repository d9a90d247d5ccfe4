// The canvas's keys: keyIntent maps a key press to what it means here (pure, no DOM), and
// KeyboardGestures carries it out (moving focus, placing, linking, nudging, deleting, actions).
import { elementRef } from '../../map/index.js';
import { tabOrder } from '../geometry.js';
import { isCollection, parseRefKey, refKey } from '../refs.js';
import { TOOLS, type ToolInfo } from '../tools.js';
import { LABEL_BIG_STEP, LABEL_STEP, componentItem, drawnOffset } from '../labels.js';
import { actionKind, actionsOf, can, current, finishLink, openMenu, place, startRename } from './edits.js';
import type { GestureHost } from './host.js';
import type { PointerGestures } from './pointer.js';

type Step = -1 | 0 | 1;

export type KeyIntent =
	/** Space went down: a left-button drag pans until it is released. */
	| { readonly kind: 'pan' }
	/** Cancel a drag, a link or a tool; else clear the selection. */
	| { readonly kind: 'escape' }
	| { readonly kind: 'tab'; readonly back: boolean }
	| { readonly kind: 'select-all' }
	| { readonly kind: 'tool'; readonly tool: ToolInfo }
	/** Finish a link, place the active tool's element, or rename. */
	| { readonly kind: 'enter' }
	| { readonly kind: 'menu' }
	| { readonly kind: 'nudge'; readonly dx: Step; readonly dy: Step; readonly big: boolean }
	/** Alt+arrow: move the focused component's label, not the component (dy is down the screen). */
	| { readonly kind: 'nudge-label'; readonly dx: Step; readonly dy: Step; readonly big: boolean }
	| { readonly kind: 'delete' }
	/** An element's own shortcut (actions.ts), if it has one for this key. */
	| { readonly kind: 'shortcut'; readonly key: string };

/** What a key press means depends on these. */
export interface KeyContext {
	/** Nothing may change the map. */
	readonly readonly: boolean;
	/** Space is already held. */
	readonly panning: boolean;
	/** There is an element to act on (focused or selected). */
	readonly target: boolean;
}

export type KeyInput = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey'> & { readonly altKey?: boolean };
/** A key press the canvas may take for itself. */
export type KeyPress = KeyInput & Pick<KeyboardEvent, 'preventDefault'>;

const ARROWS: Readonly<Record<string, readonly [Step, Step]>> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/** What a key press means on the canvas; null when it means nothing here (Ctrl+Z is the editor's). */
export function keyIntent(e: KeyInput, c: KeyContext): KeyIntent | null {
	if (e.key === ' ' && !c.panning) return { kind: 'pan' };
	const mod = e.ctrlKey || e.metaKey;
	if (e.key === 'Escape') return { kind: 'escape' };
	if (e.key === 'Tab' && !mod) return { kind: 'tab', back: e.shiftKey };
	if (mod && (e.key === 'a' || e.key === 'A')) return { kind: 'select-all' };
	if (mod) return null;
	const tool = TOOLS.find((t) => t.key === e.key);
	if (tool && !c.readonly) return { kind: 'tool', tool };
	if (e.key === 'Enter') return { kind: 'enter' };
	if (!c.target) return null;
	if ((e.shiftKey && e.key === 'F10') || e.key === 'ContextMenu') return { kind: 'menu' };
	const arrow = ARROWS[e.key];
	if (arrow && !c.readonly && e.altKey) return { kind: 'nudge-label', dx: arrow[0], dy: (-arrow[1]) as Step, big: e.shiftKey };
	if (arrow && !c.readonly) return { kind: 'nudge', dx: arrow[0], dy: arrow[1], big: e.shiftKey };
	if (c.readonly) return null;
	if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'delete' };
	return { kind: 'shortcut', key: e.key };
}

export class KeyboardGestures {
	private space = false;

	constructor(
		private readonly h: GestureHost,
		private readonly pointer: PointerGestures
	) {}

	/** True while Space is held (a left-button drag then pans). */
	get panning(): boolean {
		return this.space;
	}

	async down(e: KeyPress): Promise<void> {
		const { h } = this;
		if (h.ui.renaming || h.ui.menu) return;
		const ref = current(h);
		const intent = keyIntent(e, { readonly: h.readonly, panning: this.space, target: ref !== null });
		if (!intent) return;
		switch (intent.kind) {
			case 'pan':
				this.space = true;
				return;
			case 'escape':
				if (!this.pointer.cancelMove()) {
					if (h.ui.linkFrom) {
						h.ui.linkFrom = null;
						h.announce('Linking cancelled');
					} else if (h.tool !== 'select') h.tool = 'select';
					else h.ed.select([]);
				}
				e.preventDefault();
				return;
			case 'tab': {
				// Down the value chain, not the order elements are drawn in. From the canvas itself
				// (no element yet) Tab enters at the top; past either end the browser moves focus
				// out of the map, to the control before or after it.
				const order = tabOrder(h.snapshot).map(refKey);
				const i = h.ui.focusKey ? order.indexOf(h.ui.focusKey) : -1;
				const next = i < 0 ? (intent.back ? -1 : 0) : intent.back ? i - 1 : i + 1;
				if (next >= 0 && next < order.length) {
					e.preventDefault();
					const target = parseRefKey(order[next])!;
					h.ed.select([target]);
					await h.focusRef(target);
				}
				return;
			}
			case 'select-all':
				e.preventDefault();
				h.ed.select(h.snapshot.components.map((c) => ({ collection: 'components' as const, id: c.id })));
				h.announce(`${h.snapshot.components.length} components selected`);
				return;
			case 'tool':
				e.preventDefault();
				h.tool = intent.tool.tool;
				h.announce(`${intent.tool.label} tool${intent.tool.tool === 'select' ? '' : ': click the map, or press Enter to place it'}`);
				return;
			case 'enter': {
				e.preventDefault();
				if (h.ui.linkFrom && ref) return finishLink(h, ref);
				if (h.tool !== 'select' && h.tool !== 'link' && !h.readonly) {
					const near = ref && h.ed.positionOf(ref);
					const at = near ? { evolution: Math.min(1, near.evolution + 0.05), visibility: Math.max(0, near.visibility - 0.08) } : h.viewCentre();
					place(h, h.tool, at);
					h.tool = 'select';
					return;
				}
				if (ref) startRename(h, ref);
				return;
			}
			case 'menu':
				e.preventDefault();
				openMenu(h, ref!);
				return;
			case 'nudge': {
				e.preventDefault();
				if (!h.selection.every((r) => can(h, 'move', r.id))) return;
				h.ed.nudgeSelection(intent.dx, intent.dy, intent.big);
				const p = h.ed.positionOf(ref!);
				if (p) h.announce(`Evolution ${p.evolution.toFixed(2)}, visibility ${p.visibility.toFixed(2)}`);
				return;
			}
			case 'nudge-label': {
				e.preventDefault();
				const target = ref?.collection === 'components' ? ref : null;
				const item = target ? componentItem(h.scene, target.id) : null;
				if (!target || !item || item.kind === 'anchor') return h.announce('Only a component’s label moves on its own');
				if (!can(h, 'move', item.id)) return;
				const step = intent.big ? LABEL_BIG_STEP : LABEL_STEP;
				const from = drawnOffset(item);
				const to = { x: from.x + intent.dx * step, y: from.y + intent.dy * step };
				h.ed.placeLabel(target.id, to);
				h.announce(`Label of ${h.ed.nameOf(target)} at ${to.x}, ${to.y} px`);
				return;
			}
			case 'delete': {
				e.preventDefault();
				if (!h.selection.every((r) => can(h, 'delete', r.id))) return;
				const n = h.selection.length;
				h.ed.deleteSelection();
				h.announce(`Deleted ${n} element${n === 1 ? '' : 's'}`);
				await h.focusRef(null);
				return;
			}
			case 'shortcut': {
				const action = actionsOf(h, ref!).find((a) => a.key === intent.key);
				if (!action) return;
				e.preventDefault();
				if (!can(h, actionKind(action), ref!.id)) return;
				action.run();
				if (action.checked !== undefined) h.announce(`${action.label} ${action.checked ? 'off' : 'on'}`);
				else if (action.id !== 'rename' && action.id !== 'link' && action.id !== 'reset-label') h.announce(action.label);
			}
		}
	}

	up(e: Pick<KeyboardEvent, 'key'>): void {
		if (e.key === ' ') this.space = false;
	}

	/** Focus moved onto an element (Tab, a click): it becomes the keyboard's, and the selection unless a press is under way. */
	focusIn(e: Pick<FocusEvent, 'target'>): void {
		const el = (e.target as Element | null)?.closest?.('[tabindex][data-id]');
		if (!el) return;
		const collection = el.getAttribute('data-collection');
		if (!isCollection(collection)) return;
		const ref = elementRef(collection, el.getAttribute('data-id')!);
		const moved = this.h.ui.focusKey !== refKey(ref);
		this.h.ui.focusKey = refKey(ref);
		if (!this.h.ed.isSelected(ref) && !this.pointer.active) this.h.ed.select([ref]);
		// The padlock is drawn only: say it to those who move by keyboard.
		const lock = moved ? this.h.ed.lockNote(ref.id) : null;
		if (lock) this.h.announce(`${this.h.ed.nameOf(ref) || 'Element'}: ${lock}`);
	}
}

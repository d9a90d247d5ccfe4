// The canvas's keys: what each key press means (table-driven, keyIntent), and what the keyboard
// does with it on a headless canvas (Tab order, placing, nudging, linking, deleting, shortcuts).
import { describe, expect, it } from 'vitest';
import { keyIntent, type KeyContext, type KeyInput } from '../../../../src/lib/editor/gestures/keyboard.js';
import { headlessCanvas } from '../../../helpers/canvas.js';

const press = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
const EDIT: KeyContext = { readonly: false, panning: false, target: true };

describe('keyIntent', () => {
	const cases: [string, KeyInput, KeyContext, ReturnType<typeof keyIntent>][] = [
		['Space starts panning', press(' '), EDIT, { kind: 'pan' }],
		['Space held is nothing more', press(' '), { ...EDIT, panning: true }, { kind: 'shortcut', key: ' ' }],
		['Escape cancels', press('Escape'), { ...EDIT, readonly: true, target: false }, { kind: 'escape' }],
		['Tab goes forward', press('Tab'), EDIT, { kind: 'tab', back: false }],
		['Shift+Tab goes back', press('Tab', { shiftKey: true }), EDIT, { kind: 'tab', back: true }],
		['Ctrl+Tab is the browser\'s', press('Tab', { ctrlKey: true }), EDIT, null],
		['Ctrl+A selects every component', press('a', { ctrlKey: true }), EDIT, { kind: 'select-all' }],
		['Cmd+A too', press('A', { metaKey: true }), EDIT, { kind: 'select-all' }],
		['Ctrl+Z is the editor\'s', press('z', { ctrlKey: true }), EDIT, null],
		['4 picks the note tool', press('4'), { ...EDIT, target: false }, { kind: 'tool', tool: expect.objectContaining({ tool: 'note' }) }],
		['a number picks no tool when read-only', press('4'), { ...EDIT, readonly: true }, null],
		['Enter acts without a target', press('Enter'), { ...EDIT, target: false }, { kind: 'enter' }],
		['Shift+F10 opens the menu', press('F10', { shiftKey: true }), EDIT, { kind: 'menu' }],
		['the Menu key too, even read-only', press('ContextMenu'), { ...EDIT, readonly: true }, { kind: 'menu' }],
		['nothing else without a target', press('ArrowUp'), { ...EDIT, target: false }, null],
		['arrows nudge', press('ArrowLeft'), EDIT, { kind: 'nudge', dx: -1, dy: 0, big: false }],
		['Shift+arrows nudge further', press('ArrowDown', { shiftKey: true }), EDIT, { kind: 'nudge', dx: 0, dy: -1, big: true }],
		['arrows do not nudge when read-only', press('ArrowUp'), { ...EDIT, readonly: true }, null],
		['Delete deletes', press('Delete'), EDIT, { kind: 'delete' }],
		['Backspace deletes', press('Backspace'), EDIT, { kind: 'delete' }],
		['other keys are the element\'s shortcuts', press('b'), EDIT, { kind: 'shortcut', key: 'b' }],
		['no shortcuts when read-only', press('b'), { ...EDIT, readonly: true }, null]
	];
	it.each(cases)('%s', (_what, e, context, expected) => {
		expect(keyIntent(e, context)).toEqual(expected);
	});
});

describe('keyboard gestures', () => {
	it('Tab walks down the value chain from the focused element', async () => {
		const c = headlessCanvas();
		const top = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.9 }, { name: 'Top' });
		const low = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.2 }, { name: 'Low' });
		const mid = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'Mid' });
		await c.host.focusRef({ collection: 'components', id: top });
		await c.key('Tab');
		expect(c.ui.focusKey).toBe(`components/${mid}`);
		await c.key('Tab');
		await c.key('Tab', { shiftKey: true });
		expect(c.ed.selection).toEqual([{ collection: 'components', id: mid }]);
		expect(c.ui.focusKey).toBe(`components/${mid}`);
		await c.key('Tab');
		expect(c.ui.focusKey).toBe(`components/${low}`);
	});

	it('Tab from the canvas itself enters at the top of the value chain; past either end the browser moves on', async () => {
		const c = headlessCanvas();
		const low = c.ed.addComponentAt({ evolution: 0.2, visibility: 0.2 }, { name: 'Low' });
		const top = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.9 }, { name: 'Top' });
		/** Press Tab; true when the canvas took it (else the browser moves focus out of the map). */
		const tab = async (back = false) => {
			let taken = false;
			await c.keys.down({ key: 'Tab', shiftKey: back, ctrlKey: false, metaKey: false, preventDefault: () => void (taken = true) });
			return taken;
		};
		expect(c.ui.focusKey).toBeNull();
		expect(await tab(true)).toBe(false);
		expect(await tab()).toBe(true);
		expect(c.ui.focusKey).toBe(`components/${top}`);
		expect(await tab()).toBe(true);
		expect(c.ui.focusKey).toBe(`components/${low}`);
		expect(await tab()).toBe(false);
		expect(await tab(true)).toBe(true);
		expect(await tab(true)).toBe(false);
		expect(c.ui.focusKey).toBe(`components/${top}`);
	});

	it('places the active tool next to the focused element with Enter, then names it', async () => {
		const c = headlessCanvas();
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		await c.host.focusRef({ collection: 'components', id });
		await c.key('2');
		expect(c.host.tool).toBe('component');
		await c.key('Enter');
		expect(c.ed.map.components[1]).toMatchObject({ name: 'New component', evolution: 0.55, visibility: 0.42 });
		expect(c.host.tool).toBe('select');
		expect(c.ui.renaming?.fresh).toBe(true);
	});

	it('nudges the selection with the arrows and says where it is', async () => {
		const c = headlessCanvas();
		c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		await c.key('ArrowRight');
		await c.key('ArrowUp', { shiftKey: true });
		expect(c.ed.map.components[0]).toMatchObject({ evolution: 0.51, visibility: 0.55 });
		expect(c.said.at(-1)).toBe('Evolution 0.51, visibility 0.55');
	});

	it('links with L, then Enter on what it needs; Escape cancels a link', async () => {
		const c = headlessCanvas();
		const a = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.8 }, { name: 'A' });
		const b = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.3 }, { name: 'B' });
		await c.host.focusRef({ collection: 'components', id: a });
		await c.key('l');
		expect(c.ui.linkFrom).toEqual({ collection: 'components', id: a });
		await c.key('Escape');
		expect(c.ui.linkFrom).toBeNull();
		await c.key('l');
		await c.key('Tab');
		await c.key('Enter');
		expect(c.ed.map.links.map((l) => [l.from, l.to])).toEqual([[a, b]]);
	});

	it('runs an element\'s shortcut and announces the toggle', async () => {
		const c = headlessCanvas();
		c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		await c.key('u');
		expect(c.ed.map.components[0].decorators.buy).toBe(true);
		expect(c.said.at(-1)).toBe('Buy on');
	});

	it('deletes the selection, then Escape clears what is left of it', async () => {
		const c = headlessCanvas();
		const a = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'A' });
		c.ed.addComponentAt({ evolution: 0.2, visibility: 0.2 }, { name: 'B' });
		await c.key('a', { ctrlKey: true });
		expect(c.said.at(-1)).toBe('2 components selected');
		await c.key('Delete');
		expect(c.ed.map.components).toEqual([]);
		expect(c.said.at(-1)).toBe('Deleted 2 elements');
		c.ed.undo.undo();
		c.ed.select([{ collection: 'components', id: a }]);
		c.host.tool = 'note';
		await c.key('Escape');
		expect(c.host.tool).toBe('select');
		await c.key('Escape');
		expect(c.ed.selection).toEqual([]);
	});
});

describe('focus on a locked element', () => {
	it('says who locked it once, to everyone who moves there by keyboard', () => {
		const workshop = () => ({ mapLocked: false, locked: [id], lockedBy: { [id]: 'Sam' }, tools: null, timer: null, summon: null });
		const c = headlessCanvas({ facilitation: { role: 'facilitator', workshop } });
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		const other = c.ed.addComponentAt({ evolution: 0.2, visibility: 0.2 }, { name: 'Open' });
		const element = (key: string) => ({ closest: () => ({ getAttribute: (a: string) => (a === 'data-collection' ? 'components' : key) }) }) as unknown as Element;
		c.keys.focusIn({ target: element(id) });
		c.keys.focusIn({ target: element(id) });
		c.keys.focusIn({ target: element(other) });
		expect(c.said).toEqual(['CRM: Locked by Sam (facilitator)']);
	});
});

// Moving a component's label on its own, headless (a real controller and scene): dragging the label
// with the pointer, Esc, undo, Alt+arrow keys and Reset label.
import { describe, expect, it } from 'vitest';
import { headlessCanvas } from '../../../helpers/canvas.js';
import { componentItem } from '../../../../src/lib/editor/labels.js';

/** A canvas with one component and a pointer point on the middle of its label. */
function withLabel() {
	const c = headlessCanvas();
	const id = c.ed.addComponentAt({ evolution: 0.4, visibility: 0.5 }, { name: 'Case management' });
	const item = componentItem(c.host.scene, id)!;
	const b = item.label.bounds;
	const on = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
	return { c, id, item, on };
}

describe('label gestures', () => {
	it('drags the label, not the component, as one undo step', () => {
		const { c, id, item, on } = withLabel();
		const before = { x: Math.round(item.label.x - item.x), y: Math.round(item.label.y - item.y) };
		// Hovering the label shows it can be moved on its own; the mark does not.
		c.pointer.move(c.at({ evolution: 0.4, visibility: 0.5 }));
		expect(c.ui.hoverLabel).toBe(false);
		c.pointer.move(c.at(on));
		expect(c.ui.hoverLabel).toBe(true);
		c.pointer.down(c.at(on));
		expect(c.ed.selection).toEqual([{ collection: 'components', id }]);
		c.pointer.move(c.at({ x: on.x + 10, y: on.y + 5 }));
		c.pointer.move(c.at({ x: on.x + 30, y: on.y + 40 }));
		expect(c.ui.dragMoves).toBeNull();
		c.pointer.up(c.at({ x: on.x + 30, y: on.y + 40 }));
		const moved = c.ed.map.components[0];
		expect(moved).toMatchObject({ evolution: 0.4, visibility: 0.5, labelPinned: true, label: { x: before.x + 30, y: before.y + 40 } });
		expect(c.said).toContain('Label of Case management moved');
		c.ed.undo.undo();
		expect(c.ed.map.components[0].label).toBeNull();
		expect(c.ed.map.components[0].labelPinned).toBeUndefined();
	});

	it('puts the label back on Escape', async () => {
		const { c, on } = withLabel();
		c.pointer.down(c.at(on));
		c.pointer.move(c.at({ x: on.x + 30, y: on.y + 40 }));
		expect(c.ed.map.components[0].labelPinned).toBe(true);
		await c.key('Escape');
		expect(c.ed.map.components[0].label).toBeNull();
		expect(c.ed.map.components[0].labelPinned).toBeUndefined();
		expect(c.said).toContain('Label move cancelled');
		c.pointer.up(c.at({ x: on.x + 30, y: on.y + 40 }));
		expect(c.ed.map.components[0].label).toBeNull();
	});

	it('still moves the component when the press is on its mark', () => {
		const { c } = withLabel();
		c.pointer.down(c.at({ evolution: 0.4, visibility: 0.5 }));
		c.pointer.move(c.at({ evolution: 0.6, visibility: 0.5 }));
		c.pointer.up(c.at({ evolution: 0.6, visibility: 0.5 }));
		expect(c.ed.map.components[0]).toMatchObject({ evolution: 0.6, label: null });
	});

	it('moves the focused label with Alt+arrows (Shift: further) and resets it with R', async () => {
		const { c, item } = withLabel();
		c.ui.focusKey = `components/${item.id}`;
		const from = { x: Math.round(item.label.x - item.x), y: Math.round(item.label.y - item.y) };
		await c.key('ArrowRight', { altKey: true });
		await c.key('ArrowDown', { altKey: true, shiftKey: true });
		expect(c.ed.map.components[0]).toMatchObject({ evolution: 0.4, visibility: 0.5, labelPinned: true, label: { x: from.x + 4, y: from.y + 20 } });
		expect(c.said.at(-1)).toBe(`Label of Case management at ${from.x + 4}, ${from.y + 20} px`);
		await c.key('r');
		expect(c.ed.map.components[0].label).toBeNull();
		expect(c.said.at(-1)).toBe('Label of Case management back to automatic');
		// Plain arrows still move the component.
		await c.key('ArrowRight');
		expect(c.ed.map.components[0].evolution).toBe(0.41);
	});
});

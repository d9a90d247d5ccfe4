// The pointer mode machine driven headless (a real controller and scene, the screen = the scene):
// press, drag, rubber band, tools, the link handle, double-click, and what a lock refuses.
import { describe, expect, it } from 'vitest';
import { headlessCanvas } from '../../../helpers/canvas.js';
import type { WorkshopState } from '../../../../src/lib/map/index.js';
import { actionsOf, finishRename } from '../../../../src/lib/editor/gestures/edits.js';
import type { UnsavedText } from '../../../../src/lib/editor/permissions.js';

const workshop = (w: Partial<WorkshopState>): WorkshopState => ({ mapLocked: false, locked: [], lockedBy: {}, tools: null, timer: null, summon: null, ...w });

describe('pointer gestures', () => {
	it('drag an element once it moves more than 3 px, as one undo step', () => {
		const c = headlessCanvas();
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		const start = c.at({ evolution: 0.5, visibility: 0.5 });
		c.pointer.down(start);
		expect(c.ed.selection).toEqual([{ collection: 'components', id }]);
		c.pointer.move({ ...start, clientX: start.clientX + 2 });
		expect(c.ui.dragMoves).toBeNull();
		c.pointer.move(c.at({ evolution: 0.7, visibility: 0.4 }));
		expect(c.ui.dragMoves?.get(`components/${id}`)).toEqual({ evolution: 0.7, visibility: 0.4 });
		c.pointer.up(c.at({ evolution: 0.7, visibility: 0.4 }));
		expect(c.ui.dragMoves).toBeNull();
		expect(c.ed.map.components[0]).toMatchObject({ evolution: 0.7, visibility: 0.4 });
		expect(c.said).toContain('Moved');
		c.ed.undo.undo();
		expect(c.ed.map.components[0]).toMatchObject({ evolution: 0.5, visibility: 0.5 });
	});

	it('puts a drag back on Escape, and the pointer lifting then does nothing', async () => {
		const c = headlessCanvas();
		c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		c.pointer.down(c.at({ evolution: 0.5, visibility: 0.5 }));
		c.tick(200);
		c.pointer.move(c.at({ evolution: 0.8, visibility: 0.5 }));
		await c.key('Escape');
		expect(c.ed.map.components[0].evolution).toBe(0.5);
		expect(c.said).toContain('Move cancelled');
		expect(c.pointer.active).toBe(false);
		c.pointer.up(c.at({ evolution: 0.8, visibility: 0.5 }));
		expect(c.ed.map.components[0].evolution).toBe(0.5);
		expect(c.said).not.toContain('Moved');
	});

	it('selects with a rubber band on empty space; Shift adds to the selection', () => {
		const c = headlessCanvas();
		const a = c.ed.addComponentAt({ evolution: 0.2, visibility: 0.8 }, { name: 'A' });
		const b = c.ed.addComponentAt({ evolution: 0.3, visibility: 0.7 }, { name: 'B' });
		const far = c.ed.addComponentAt({ evolution: 0.9, visibility: 0.1 }, { name: 'Far' });
		c.pointer.down(c.at({ evolution: 0.1, visibility: 0.9 }));
		expect(c.ed.selection).toEqual([]);
		c.pointer.move(c.at({ evolution: 0.4, visibility: 0.6 }));
		expect(c.ui.band?.kind).toBe('select');
		c.pointer.up(c.at({ evolution: 0.4, visibility: 0.6 }));
		expect(c.ed.selection.map((r) => r.id)).toEqual([a, b]);
		expect(c.said).toContain('2 selected');
		c.pointer.down(c.at({ evolution: 0.85, visibility: 0.15 }, { shiftKey: true }));
		c.pointer.move(c.at({ evolution: 0.95, visibility: 0.05 }, { shiftKey: true }));
		c.pointer.up(c.at({ evolution: 0.95, visibility: 0.05 }, { shiftKey: true }));
		expect(c.ed.selection.map((r) => r.id)).toEqual([a, b, far]);
		expect(c.ui.band).toBeNull();
	});

	it('places the active tool\'s element on a click, opens its name, and goes back to select', () => {
		const c = headlessCanvas();
		c.host.tool = 'note';
		c.pointer.down(c.at({ evolution: 0.3, visibility: 0.6 }));
		expect(c.ed.map.notes[0]).toMatchObject({ text: 'New note', evolution: 0.3, visibility: 0.6 });
		expect(c.ui.renaming).toMatchObject({ ref: { collection: 'notes', id: c.ed.map.notes[0].id }, value: 'New note', fresh: true });
		expect(c.host.tool).toBe('select');
	});

	it('draws an area between the corners of a drag with the area tool; a click makes a small one', () => {
		const c = headlessCanvas();
		c.host.tool = 'area';
		c.pointer.down(c.at({ evolution: 0.1, visibility: 0.9 }));
		c.pointer.move(c.at({ evolution: 0.4, visibility: 0.5 }));
		expect(c.ui.band?.kind).toBe('area');
		c.pointer.up(c.at({ evolution: 0.4, visibility: 0.5 }));
		expect(c.ed.map.areas[0]).toMatchObject({ kind: 'pioneers', from: { evolution: 0.1, visibility: 0.9 }, to: { evolution: 0.4, visibility: 0.5 } });
		expect(c.host.tool).toBe('select');
		c.host.tool = 'area';
		c.pointer.down(c.at({ evolution: 0.5, visibility: 0.5 }));
		c.pointer.up(c.at({ evolution: 0.5, visibility: 0.5 }));
		expect(c.ed.map.areas[1]).toMatchObject({ from: { evolution: 0.4, visibility: 0.6 }, to: { evolution: 0.6, visibility: 0.4 } });
	});

	it('links a selected component to what its handle is dropped on', () => {
		const c = headlessCanvas();
		const a = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.8 }, { name: 'A' });
		const b = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.3 }, { name: 'B' });
		c.ed.select([{ collection: 'components', id: a }]);
		const handle = { closest: (s: string) => (s === '[data-handle="link"]' ? handle : null) } as unknown as EventTarget;
		c.pointer.down(c.at({ x: 0, y: 0 }, { target: handle }));
		c.pointer.move(c.at({ evolution: 0.5, visibility: 0.5 }));
		expect(c.ui.linkLine).not.toBeNull();
		c.pointer.up(c.at({ evolution: 0.5, visibility: 0.3 }));
		expect(c.ed.map.links.map((l) => [l.from, l.to])).toEqual([[a, b]]);
		expect(c.said).toContain('Linked A to B');
		expect(c.ui.linkLine).toBeNull();
	});

	it('renames on a double-click on an element, and adds a component on empty space', () => {
		const c = headlessCanvas();
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		c.pointer.doubleClick(c.at({ evolution: 0.5, visibility: 0.5 }));
		expect(c.ui.renaming).toMatchObject({ ref: { collection: 'components', id }, value: 'CRM', fresh: false });
		c.ui.renaming = null;
		c.pointer.doubleClick(c.at({ evolution: 0.2, visibility: 0.2 }));
		expect(c.ed.map.components.map((x) => x.name)).toEqual(['CRM', 'New component']);
	});

	it('does not drag an element the facilitator locked, and says why', () => {
		const c = headlessCanvas({ facilitation: { role: 'participant', workshop: () => workshop({ locked: [id] }) } });
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		c.pointer.down(c.at({ evolution: 0.5, visibility: 0.5 }));
		c.pointer.move(c.at({ evolution: 0.8, visibility: 0.5 }));
		c.pointer.up(c.at({ evolution: 0.8, visibility: 0.5 }));
		expect(c.ed.map.components[0].evolution).toBe(0.5);
		expect(c.said).toEqual(['Locked by the facilitator.']);
	});

	it('keeps the name typed into a rename field when a lock arrives before it is committed', () => {
		let locked: string[] = [];
		const kept: UnsavedText[] = [];
		const c = headlessCanvas({ facilitation: { role: 'participant', workshop: () => workshop({ locked, lockedBy: { [locked[0] ?? '']: 'Sam' } }), keepUnsaved: (u) => void kept.push(u) } });
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		c.pointer.doubleClick(c.at({ evolution: 0.5, visibility: 0.5 }));
		c.ui.renaming!.value = 'CRM hub';
		locked = [id];
		finishRename(c.host, true);
		expect(c.ed.map.components[0].name).toBe('CRM');
		expect(kept).toEqual([{ what: 'the name of “CRM”', why: 'Locked by Sam (facilitator).', text: 'CRM hub' }]);
		expect(c.said).toContain('Locked by Sam (facilitator).');
	});

	it('refuses the actions menu of a locked element, saying who locked it', () => {
		const c = headlessCanvas({ facilitation: { role: 'participant', workshop: () => workshop({ locked: [id], lockedBy: { [id]: 'Sam' } }) } });
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		const ref = { collection: 'components' as const, id };
		for (const name of ['delete', 'inertia', 'kind']) actionsOf(c.host, ref).find((a) => a.id === name)!.run();
		expect(c.ed.map.components[0]).toMatchObject({ name: 'CRM', inertia: false, kind: 'component' });
		expect(c.said).toEqual(['Locked by Sam (facilitator).', 'Locked by Sam (facilitator).', 'Locked by Sam (facilitator).']);
	});

	it('changes nothing when read-only: a press selects, a drag does not move', () => {
		const c = headlessCanvas({ readonly: true });
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		c.pointer.down(c.at({ evolution: 0.5, visibility: 0.5 }));
		c.pointer.move(c.at({ evolution: 0.8, visibility: 0.5 }));
		c.pointer.up(c.at({ evolution: 0.8, visibility: 0.5 }));
		expect(c.ed.selection).toEqual([{ collection: 'components', id }]);
		expect(c.ed.map.components[0].evolution).toBe(0.5);
		c.pointer.doubleClick(c.at({ evolution: 0.2, visibility: 0.2 }));
		expect(c.ed.map.components).toHaveLength(1);
	});

	it('lights the value chain of the component under a free pointer', () => {
		const c = headlessCanvas();
		const id = c.ed.addComponentAt({ evolution: 0.5, visibility: 0.5 }, { name: 'CRM' });
		c.pointer.move(c.at({ evolution: 0.5, visibility: 0.5 }));
		expect(c.ui.hoverId).toBe(id);
		c.pointer.leave();
		expect(c.ui.hoverId).toBeNull();
	});
});

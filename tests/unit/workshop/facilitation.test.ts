// The facilitator's verbs: each writes the workshop settings, and none joins a person's undo
// history (undoing a map edit never unlocks the map or stops the timer).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComponent, createUndoManager, initMap, readSnapshot, readWorkshop } from '../../../src/lib/map/index.js';
import { facilitation } from '../../../src/lib/workshop/facilitation.js';

function setup() {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Workshop' });
	const me = { user: 'editor' };
	const undo = createUndoManager(doc, me);
	let id = '';
	doc.transact(() => (id = addComponent(doc, { name: 'Payments' }, me)), me);
	return { doc, undo, id, act: facilitation(doc) };
}

describe('facilitation', () => {
	it('locks, restricts tools, runs the timer and summons everyone', () => {
		const { doc, id, act } = setup();
		act.lockMap(true);
		act.lockElements([id], 'Sam');
		act.restrictTools(['move']);
		act.startTimer(5 * 60_000);
		act.addTime(60_000);
		act.bringEveryoneTo({ evolution: 0.5, visibility: 0.5, zoom: 1 }, 'Fay');
		const w = readWorkshop(doc);
		expect(w.mapLocked).toBe(true);
		expect(w.locked).toEqual([id]);
		expect(w.lockedBy).toEqual({ [id]: 'Sam' });
		expect(w.tools).toEqual(['move']);
		expect(w.timer?.durationMs).toBe(6 * 60_000);
		expect(w.summon?.by).toBe('Fay');
		act.pauseTimer();
		expect(readWorkshop(doc).timer?.pausedAt).not.toBeNull();
		act.stopTimer();
		act.unlockElements([id]);
		act.restrictTools(null);
		expect(readWorkshop(doc).timer).toBeNull();
		expect(readWorkshop(doc).locked).toEqual([]);
	});

	it('never joins a person’s undo history', () => {
		const { doc, undo, act } = setup();
		act.lockMap(true);
		act.startTimer(60_000);
		undo.undo();
		expect(readSnapshot(doc).components).toHaveLength(0);
		expect(readWorkshop(doc).mapLocked).toBe(true);
		expect(readWorkshop(doc).timer).not.toBeNull();
	});
});

// Workshop state commands (locks, tools, timer, summon) and restoring a named snapshot.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ModelError,
	addComponent,
	addLink,
	addNote,
	addPipeline,
	addTime,
	bringEveryoneToMe,
	createUndoManager,
	deleteComponent,
	endWorkshop,
	initMap,
	isLocked,
	lockElements,
	lockedBy,
	lockMap,
	moveComponent,
	pauseTimer,
	readSnapshot,
	readWorkshop,
	renameComponent,
	restoreSnapshot,
	restrictTools,
	resumeTimer,
	setMeta,
	startTimer,
	stopTimer,
	timerRemaining,
	timerStatus,
	toolAllowed,
	unlockElements,
	updateComponent
} from '../../../src/lib/map/index.js';

function map() {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Workshop' });
	return doc;
}

describe('workshop state', () => {
	it('starts open: nothing locked, every tool, no timer', () => {
		expect(readWorkshop(map())).toEqual({ mapLocked: false, locked: [], lockedBy: {}, tools: null, timer: null, summon: null });
	});

	it('locks and unlocks the map and elements', () => {
		const doc = map();
		lockMap(doc, true);
		lockElements(doc, ['b1', 'a1']);
		const s = readWorkshop(doc);
		expect(s.mapLocked).toBe(true);
		expect(s.locked).toEqual(['a1', 'b1']);
		expect(isLocked(s, 'a1')).toBe(true);
		unlockElements(doc, ['a1', 'zz']);
		lockMap(doc, false);
		expect(readWorkshop(doc)).toMatchObject({ mapLocked: false, locked: ['b1'] });
		expect(() => lockElements(doc, ['../x'])).toThrow(ModelError);
	});

	it('records who locked each element, and reads locks written before it did', () => {
		const doc = map();
		lockElements(doc, ['a1'], undefined, 'Sam');
		lockElements(doc, ['a1'], undefined, 'Someone else');
		doc.getMap('workshop').set('lock:old', true);
		doc.getMap('workshop').set('lock:bad', { by: 7 });
		const s = readWorkshop(doc);
		expect(s.locked).toEqual(['a1', 'old']);
		expect(lockedBy(s, 'a1')).toBe('Sam');
		expect(lockedBy(s, 'old')).toBe('');
		expect(lockedBy(s, 'bad')).toBeNull();
		expect(() => lockElements(doc, ['b1'], undefined, 'x'.repeat(101))).toThrow(ModelError);
	});

	it('returns the same frozen object until the workshop changes', () => {
		const doc = map();
		const a = readWorkshop(doc);
		addComponent(doc, { name: 'x' });
		expect(readWorkshop(doc)).toBe(a);
		expect(Object.isFrozen(a)).toBe(true);
		lockMap(doc, true);
		expect(readWorkshop(doc)).not.toBe(a);
	});

	it('restricts tools in a fixed order, and null allows all', () => {
		const doc = map();
		restrictTools(doc, ['move', 'add']);
		expect(readWorkshop(doc).tools).toEqual(['add', 'move']);
		expect(toolAllowed(readWorkshop(doc), 'delete')).toBe(false);
		restrictTools(doc, null);
		expect(toolAllowed(readWorkshop(doc), 'delete')).toBe(true);
		expect(() => restrictTools(doc, ['fly' as never])).toThrow(ModelError);
	});

	it('runs a timer: start, pause, resume, add time, finish, stop', () => {
		const doc = map();
		startTimer(doc, 60_000, undefined, 1_000);
		let t = readWorkshop(doc).timer!;
		expect(timerRemaining(t, 11_000)).toBe(50_000);
		// A clock behind the facilitator's never shows more than the timer's length.
		expect(timerRemaining(t, 500)).toBe(60_000);
		pauseTimer(doc, undefined, 11_000);
		t = readWorkshop(doc).timer!;
		expect(timerStatus(t, 99_000)).toBe('paused');
		expect(timerRemaining(t, 99_000)).toBe(50_000);
		resumeTimer(doc, undefined, 21_000);
		t = readWorkshop(doc).timer!;
		expect(timerRemaining(t, 31_000)).toBe(40_000);
		addTime(doc, 30_000, undefined, 31_000);
		expect(timerRemaining(readWorkshop(doc).timer!, 31_000)).toBe(70_000);
		addTime(doc, -999_000, undefined, 31_000);
		expect(timerStatus(readWorkshop(doc).timer!, 31_000)).toBe('finished');
		stopTimer(doc);
		expect(readWorkshop(doc).timer).toBeNull();
		expect(() => startTimer(doc, -1)).toThrow(ModelError);
	});

	it('numbers each "bring everyone to me"', () => {
		const doc = map();
		expect(bringEveryoneToMe(doc, { evolution: 0.5, visibility: 0.5, zoom: 2 }, 'Ana', undefined, 5)).toBe(1);
		expect(bringEveryoneToMe(doc, { evolution: 0.2, visibility: 0.8, zoom: 1 }, 'Ana', undefined, 6)).toBe(2);
		expect(readWorkshop(doc).summon).toEqual({ viewport: { evolution: 0.2, visibility: 0.8, zoom: 1 }, seq: 2, by: 'Ana', at: 6 });
		expect(() => bringEveryoneToMe(doc, { evolution: NaN, visibility: 0, zoom: 1 }, 'Ana')).toThrow(ModelError);
		endWorkshop(doc);
		expect(readWorkshop(doc).summon).toBeNull();
	});

	it('is not part of per-user undo', () => {
		const doc = map();
		const me = {};
		const undo = createUndoManager(doc, me);
		lockMap(doc, true, me);
		undo.undo();
		expect(readWorkshop(doc).mapLocked).toBe(true);
	});
});

describe('restoreSnapshot', () => {
	it('makes the document match a saved snapshot, writing only what differs', () => {
		const doc = map();
		const a = addComponent(doc, { name: 'Alpha', evolution: 0.2, visibility: 0.8 });
		const b = addComponent(doc, { name: 'Beta' });
		addLink(doc, { from: a, to: b });
		addPipeline(doc, { componentId: b });
		const saved = readSnapshot(doc);
		moveComponent(doc, a, { evolution: 0.9, visibility: 0.1 });
		updateComponent(doc, a, { label: { x: 3, y: 3 }, decorators: { buy: true } });
		deleteComponent(doc, b);
		addNote(doc, { text: 'later', evolution: 0.1, visibility: 0.1 });
		setMeta(doc, { title: 'Changed' });
		const result = restoreSnapshot(doc, saved, 'facilitator');
		expect(readSnapshot(doc)).toEqual(saved);
		expect(result.updated.map((r) => r.id)).toEqual([a]);
		expect(result.added.map((r) => r.collection).sort()).toEqual(['components', 'links', 'pipelines']);
		expect(result.deleted.map((r) => r.collection)).toEqual(['notes']);
		expect(result.metaChanged).toBe(true);
		// Nothing differs now: a second restore writes nothing.
		let updates = 0;
		doc.on('update', () => updates++);
		restoreSnapshot(doc, saved, 'facilitator');
		expect(updates).toBe(0);
	});

	it('is one undo step for the origin that restored, and keeps others’ later edits undoable', () => {
		const doc = map();
		const a = addComponent(doc, { name: 'Alpha' });
		const saved = readSnapshot(doc);
		renameComponent(doc, a, 'Renamed');
		addComponent(doc, { name: 'Extra' });
		const me = { user: 'facilitator' };
		const undo = createUndoManager(doc, me);
		restoreSnapshot(doc, saved, me);
		expect(readSnapshot(doc)).toEqual(saved);
		undo.undo();
		expect(readSnapshot(doc).components.map((c) => c.name).sort()).toEqual(['Extra', 'Renamed']);
	});

	it('converges when the restore and a concurrent edit meet', () => {
		const one = map();
		const a = addComponent(one, { name: 'Alpha' });
		const saved = readSnapshot(one);
		moveComponent(one, a, { evolution: 0.9, visibility: 0.9 });
		const two = new Y.Doc();
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		restoreSnapshot(one, saved, 'f');
		renameComponent(two, a, 'Concurrent');
		Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
		Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
		expect(readSnapshot(one)).toEqual(readSnapshot(two));
		expect(readSnapshot(one).components[0]).toMatchObject({ name: 'Concurrent', evolution: saved.components[0].evolution });
	});
});

// Presence: throttled cursor and viewport publishing (fake timers), active/idle/away, colours with
// enough contrast, the participant list, "being moved by", and following someone's view.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
	PRESENCE_COLOURS,
	beingMoved,
	createPresence,
	listParticipants,
	pickColour,
	selectedBy,
	type Presence
} from '../../../src/lib/collab/presence.js';

/** Two tabs whose awareness updates reach each other synchronously. */
function pair() {
	const a = new Awareness(new Y.Doc());
	const b = new Awareness(new Y.Doc());
	const link = (from: Awareness, to: Awareness) =>
		from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			if (origin === 'remote') return;
			applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'remote');
		});
	link(a, b);
	link(b, a);
	return { a, b };
}

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

let presences: Presence[] = [];
beforeEach(() => {
	vi.useFakeTimers();
	presences = [];
});
afterEach(() => {
	for (const p of presences) p.destroy();
	vi.useRealTimers();
});

function make(awareness: Awareness, name: string, extra: Partial<Parameters<typeof createPresence>[1]> = {}) {
	const p = createPresence(awareness, { name, now: () => Date.now(), ...extra });
	presences.push(p);
	return p;
}

describe('presence', () => {
	it('sends the first cursor move at once and at most 15 a second after, ending on the last position', () => {
		const { a, b } = pair();
		const ana = make(a, 'Ana');
		const seen: number[] = [];
		b.on('change', () => {
			const cursor = b.getStates().get(a.clientID)?.cursor as { evolution: number } | null;
			if (cursor) seen.push(cursor.evolution);
		});
		// 60 moves in one second (a 60 Hz pointer).
		for (let i = 1; i <= 60; i++) {
			ana.moveCursor({ evolution: i / 100, visibility: 0.5 });
			vi.advanceTimersByTime(1000 / 60);
		}
		vi.advanceTimersByTime(200);
		expect(seen[0]).toBe(0.01);
		expect(seen.length).toBeGreaterThanOrEqual(14);
		expect(seen.length).toBeLessThanOrEqual(16);
		expect(seen[seen.length - 1]).toBe(0.6);
	});

	it('throttles the viewport to 5 a second', () => {
		const { a, b } = pair();
		const ana = make(a, 'Ana');
		let n = 0;
		b.on('change', () => n++);
		for (let i = 0; i < 100; i++) {
			ana.setViewport({ evolution: 0.5, visibility: i / 100, zoom: 1 });
			vi.advanceTimersByTime(10);
		}
		vi.advanceTimersByTime(500);
		expect(n).toBeLessThanOrEqual(7);
		expect(b.getStates().get(a.clientID)?.viewport).toEqual({ evolution: 0.5, visibility: 0.99, zoom: 1 });
	});

	it('goes idle after a minute without activity, away after five or when hidden, active again on input', () => {
		const { a } = pair();
		const ana = make(a, 'Ana');
		const status = () => listParticipants(a)[0].status;
		expect(status()).toBe('active');
		vi.advanceTimersByTime(61_000);
		expect(status()).toBe('idle');
		vi.advanceTimersByTime(4 * 60_000);
		expect(status()).toBe('away');
		ana.touch();
		expect(status()).toBe('active');
		ana.setAway(true);
		expect(status()).toBe('away');
		ana.setAway(false);
		expect(status()).toBe('active');
	});

	it('lists participants with their selections and drags, and cleans up on destroy', () => {
		const { a, b } = pair();
		const ana = make(a, 'Ana');
		const bob = make(b, '  Bob\u202e ');
		ana.select(['c1', 'c2']);
		ana.drag(['c1']);
		const list = bob.participants();
		expect(list.map((p) => [p.user.name, p.isSelf])).toEqual([
			['Ana', false],
			['Bob', true]
		]);
		expect(list[0].user.colour).not.toBe(list[1].user.colour);
		expect(beingMoved(list).get('c1')?.user.name).toBe('Ana');
		expect(selectedBy(list).get('c2')?.map((p) => p.user.name)).toEqual(['Ana']);
		ana.drag([]);
		expect(beingMoved(bob.participants()).size).toBe(0);
		ana.destroy();
		expect(bob.participants().map((p) => p.user.name)).toEqual(['Bob']);
	});

	it('follows someone’s view until they leave', () => {
		const { a, b } = pair();
		const ana = make(a, 'Ana');
		const bob = make(b, 'Bob');
		const views: unknown[] = [];
		ana.setViewport({ evolution: 0.1, visibility: 0.2, zoom: 1 });
		const stop = bob.follow(a.clientID, (v) => views.push(v));
		vi.advanceTimersByTime(300);
		ana.setViewport({ evolution: 0.3, visibility: 0.4, zoom: 2 });
		vi.advanceTimersByTime(300);
		ana.moveCursor({ evolution: 0.5, visibility: 0.5 }); // not a view change: no call
		ana.destroy();
		expect(views).toEqual([{ evolution: 0.1, visibility: 0.2, zoom: 1 }, { evolution: 0.3, visibility: 0.4, zoom: 2 }, null]);
		stop();
	});

	it('ignores colours outside the palette and fills what stock clients leave out', () => {
		const { a, b } = pair();
		b.setLocalState({ user: { name: 'Eve', colour: 'url(javascript:alert(1))' } });
		const list = listParticipants(a);
		expect(list[0].user.colour).toMatch(/^#[0-9a-f]{6}$/);
		expect(list[0]).toMatchObject({ cursor: null, selection: [], dragging: [], viewport: null, status: 'active' });
	});
});

describe('colours', () => {
	it('each have at least 4.5:1 contrast with white', () => {
		for (const c of PRESENCE_COLOURS) expect(1.05 / (luminance(c) + 0.05)).toBeGreaterThanOrEqual(4.5);
	});

	it('are stable per name and avoid colours in use', () => {
		expect(pickColour('Ana')).toBe(pickColour('Ana'));
		const taken = PRESENCE_COLOURS.filter((c) => c !== PRESENCE_COLOURS[3]);
		expect(pickColour('Anyone', taken)).toBe(PRESENCE_COLOURS[3]);
	});
});

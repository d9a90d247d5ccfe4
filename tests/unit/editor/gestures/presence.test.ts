// What this person shows the others goes out a little later, the last of each kind together, so
// it never lands between a drag's first frames.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRESENCE_DELAY, presenceQueue } from '../../../../src/lib/editor/gestures/presence.js';

afterEach(() => vi.useRealTimers());

describe('presenceQueue', () => {
	it('publishes the last of each kind together, once the delay is over', () => {
		vi.useFakeTimers();
		const sent: string[] = [];
		const q = presenceQueue({ send: (s: string) => sent.push(s) });
		q.publish('cursor', (p) => p.send('cursor 1'));
		q.publish('selection', (p) => p.send('selection'));
		q.publish('cursor', (p) => p.send('cursor 2'));
		vi.advanceTimersByTime(PRESENCE_DELAY - 1);
		expect(sent).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(sent).toEqual(['cursor 2', 'selection']);
		q.publish('dragging', (p) => p.send('dragging'));
		vi.advanceTimersByTime(PRESENCE_DELAY);
		expect(sent).toEqual(['cursor 2', 'selection', 'dragging']);
	});

	it('sends nothing queued once destroyed, and nothing at all without a room', () => {
		vi.useFakeTimers();
		const sent: string[] = [];
		const q = presenceQueue({ send: (s: string) => sent.push(s) });
		q.publish('cursor', (p) => p.send('cursor'));
		q.destroy();
		vi.advanceTimersByTime(PRESENCE_DELAY);
		const alone = presenceQueue<{ send(s: string): void }>(null);
		alone.publish('cursor', (p) => p.send('cursor'));
		vi.advanceTimersByTime(PRESENCE_DELAY);
		expect(sent).toEqual([]);
	});
});

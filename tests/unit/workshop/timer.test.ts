// The top bar's timer text and what it announces: mm:ss, and five minutes, one minute and time up,
// each once as the countdown crosses it (never while paused, never for a timer already past it).
import { describe, expect, it } from 'vitest';
import type { WorkshopTimer } from '../../../src/lib/map/index.js';
import { formatRemaining, timerAnnouncement } from '../../../src/lib/workshop/timer.js';

const timer = (durationMs: number, pausedAt: number | null = null): WorkshopTimer => ({ startedAt: 0, durationMs, pausedAt });

describe('formatRemaining', () => {
	it.each([
		[0, '00:00'],
		[-5, '00:00'],
		[1, '00:01'],
		[59_001, '01:00'],
		[9 * 60_000 + 5_000, '09:05'],
		[75 * 60_000, '75:00']
	])('%d ms left reads %s', (ms, text) => expect(formatRemaining(ms)).toBe(text));
});

describe('timerAnnouncement', () => {
	it.each([
		['five minutes left', timer(10 * 60_000), 4 * 60_000 + 59_500, 5 * 60_000 + 500, 'Five minutes left.'],
		['one minute left', timer(2 * 60_000), 59_500, 60_500, 'One minute left.'],
		['time up', timer(2 * 60_000), 119_500, 120_500, 'Time is up.'],
		['nothing between the marks', timer(2 * 60_000), 30_000, 31_000, null],
		['nothing the second after one minute left', timer(2 * 60_000), 60_500, 61_500, null],
		['nothing after time is up', timer(2 * 60_000), 121_000, 122_000, null],
		['nothing while paused', timer(2 * 60_000, 59_000), 59_500, 60_500, null],
		['nothing without a timer', null, 59_500, 60_500, null]
	])('%s', (_what, t, before, now, expected) => expect(timerAnnouncement(t, before, now)).toBe(expected));

	it('says each moment once over a whole countdown ticked twice a second', () => {
		const t = timer(6 * 60_000);
		const said: string[] = [];
		for (let now = 500; now <= 7 * 60_000; now += 500) {
			const say = timerAnnouncement(t, now - 500, now);
			if (say) said.push(say);
		}
		expect(said).toEqual(['Five minutes left.', 'One minute left.', 'Time is up.']);
	});
});

// The shared workshop timer as text: what to show (mm:ss), and which moments to announce to screen
// readers (politely, without moving focus): five and one minute left, time up. Each once.
import { timerRemaining, timerStatus, type WorkshopTimer } from '../map/index.js';

/** The moments announced before the end: ms left, and the words. */
const MARKS: readonly (readonly [number, string])[] = [
	[5 * 60_000, 'Five minutes left.'],
	[60_000, 'One minute left.']
];

/** Time left as mm:ss (rounded up to the second; 60 minutes and more stay in minutes: 75:00). */
export function formatRemaining(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const m = Math.floor(total / 60);
	const s = total % 60;
	return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** The announcement due when the timer moves from `before` to `now` (ms epoch), or null. */
export function timerAnnouncement(timer: WorkshopTimer | null, before: number, now: number): string | null {
	if (!timer || timerStatus(timer, now) === 'paused') return null;
	const was = timerRemaining(timer, before);
	const is = timerRemaining(timer, now);
	if (was > 0 && is <= 0) return 'Time is up.';
	for (const [mark, words] of MARKS) {
		if (was > mark && is <= mark) return words;
	}
	return null;
}

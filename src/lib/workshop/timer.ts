// The shared workshop timer as text: what to show, and which moments to announce to screen
// readers (without moving focus): start, 5 and 1 minutes left, time up.
import { timerRemaining, timerStatus, type WorkshopTimer } from '../map/index.js';

export function formatRemaining(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const m = Math.floor(total / 60);
	const s = total % 60;
	return `${m}:${String(s).padStart(2, '0')}`;
}

/** The announcement due when the timer moves from `before` to `now` (ms epoch), or null. */
export function timerAnnouncement(timer: WorkshopTimer | null, before: number, now: number): string | null {
	if (!timer || timerStatus(timer, now) === 'paused') return null;
	const was = timerRemaining(timer, before);
	const is = timerRemaining(timer, now);
	if (was > 0 && is <= 0) return 'Time is up.';
	for (const mark of [5, 1]) {
		const at = mark * 60_000;
		if (was > at && is <= at) return `${mark} minute${mark === 1 ? '' : 's'} left.`;
	}
	return null;
}

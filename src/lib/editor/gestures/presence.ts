// What this person's pointer, selection and drag show the others, published together a little
// later (the last of each kind): publishing sends an awareness message and redraws the cursors and
// the participant list here, which must not land between a drag's first frames.

export type PresenceKind = 'cursor' | 'selection' | 'dragging';

/** Milliseconds a change waits (cursors go out at 10–20 Hz anyway). */
export const PRESENCE_DELAY = 50;

export interface PresenceQueue<P> {
	/** Queue `send` for `kind`, replacing what was queued for it; all go out together. */
	publish(kind: PresenceKind, send: (target: P) => void): void;
	/** Drop what is queued. */
	destroy(): void;
}

/** A queue publishing to `target` (none: publishing does nothing). */
export function presenceQueue<P>(target: P | null, delay = PRESENCE_DELAY): PresenceQueue<P> {
	const queue = new Map<PresenceKind, () => void>();
	let timer: ReturnType<typeof setTimeout> | null = null;
	return {
		publish(kind, send) {
			if (!target) return;
			queue.set(kind, () => send(target));
			timer ??= setTimeout(() => {
				timer = null;
				const sends = [...queue.values()];
				queue.clear();
				for (const s of sends) s();
			}, delay);
		},
		destroy() {
			if (timer) clearTimeout(timer);
		}
	};
}

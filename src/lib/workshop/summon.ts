// Which "bring everyone here" requests a page acts on: only those made after it joined. What the
// document holds before the page has synced with the server (this device's kept copy, then the
// server's state) is history, however recent, so a late joiner is not moved or told about it.
import type { Summon } from '../map/index.js';

export class SummonWatch {
	/** The last request seen; -1 before any. */
	private seq = -1;

	/**
	 * The request to act on now, or null: `summon` is the document's current one, `synced` whether
	 * this page has caught up with the server at least once.
	 */
	next(summon: Summon | null, synced: boolean): Summon | null {
		if (!summon || summon.seq === this.seq) return null;
		this.seq = summon.seq;
		return synced ? summon : null;
	}
}

// A small least-recently-used cache of public (redacted) snapshots, so catalogue pages, SVGs and
// comparisons of popular maps do not rebuild documents from storage on every request.
import type { MapSnapshot } from '../../src/lib/map/index.js';

/** A map as the public sees it: its public snapshot and the description shown beside it. */
export interface PublicView {
	readonly snapshot: MapSnapshot;
	readonly description: string;
}

export class PublicSnapshots {
	private readonly entries = new Map<string, PublicView>();
	constructor(private readonly capacity: number) {}

	get(id: string): PublicView | undefined {
		const s = this.entries.get(id);
		if (s) {
			this.entries.delete(id);
			this.entries.set(id, s);
		}
		return s;
	}

	set(id: string, view: PublicView): void {
		this.entries.delete(id);
		this.entries.set(id, view);
		if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
	}

	clear(): void {
		this.entries.clear();
	}

	forget(id: string): void {
		this.entries.delete(id);
	}
}

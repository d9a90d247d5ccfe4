// The editor's view options that a person keeps from map to map on one device (the key to the
// marks, fading links off the selection's value chain): read and written in localStorage.

export interface ViewOptions {
	/** Show the key to the marks the map uses, below the map. */
	readonly legend: boolean;
	/** Fade links that are not on the selection's value chain. */
	readonly fadeLinks: boolean;
}

export const DEFAULT_VIEW_OPTIONS: ViewOptions = { legend: false, fadeLinks: true };
const KEY = 'stackmap:view-options';

/** The options saved on this device, defaults for what is missing or unreadable. */
export function loadViewOptions(storage: Pick<Storage, 'getItem'> | null): ViewOptions {
	try {
		const saved = JSON.parse(storage?.getItem(KEY) ?? '{}') as Partial<Record<keyof ViewOptions, unknown>>;
		return {
			legend: typeof saved.legend === 'boolean' ? saved.legend : DEFAULT_VIEW_OPTIONS.legend,
			fadeLinks: typeof saved.fadeLinks === 'boolean' ? saved.fadeLinks : DEFAULT_VIEW_OPTIONS.fadeLinks
		};
	} catch {
		return DEFAULT_VIEW_OPTIONS;
	}
}

/** Save the options on this device (a full or private-mode storage is ignored). */
export function saveViewOptions(storage: Pick<Storage, 'setItem'> | null, options: ViewOptions): void {
	try {
		storage?.setItem(KEY, JSON.stringify(options));
	} catch {
		// Not saved: the options still apply for this page.
	}
}

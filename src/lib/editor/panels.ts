// Which side panels (palette, details, people) are open on this device: remembered in
// localStorage, one key per panel, so a projector laptop and a desk keep their own layout.
// No Svelte, no DOM beyond localStorage and matchMedia.

export type PanelName = 'palette' | 'details' | 'people';

/**
 * From this width (px) the palette sits beside the map; below it, it is a drawer over the map's
 * edge, so the map keeps ≥ 70 % of the window with any panel open. Keep in step with the CSS of
 * SidePanel.svelte and the map page (media queries cannot read a constant).
 */
export const WIDE = 1600;

const key = (name: PanelName) => `stackmap:panel:${name}`;

function store(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** Is `name` open? What this device last chose, else `fallback`. */
export function panelOpen(name: PanelName, fallback: boolean): boolean {
	const v = store()?.getItem(key(name));
	return v === 'open' ? true : v === 'closed' ? false : fallback;
}

export function rememberPanel(name: PanelName, open: boolean): void {
	try {
		store()?.setItem(key(name), open ? 'open' : 'closed');
	} catch {
		/* storage full or refused: the panel still opens and closes, only not remembered */
	}
}

/** The default for a panel never toggled on this device: the palette only where it fits beside the map. */
export function defaultOpen(name: PanelName): boolean {
	if (name === 'people') return false;
	if (name === 'details') return true;
	return typeof matchMedia === 'function' && matchMedia(`(min-width: ${WIDE}px)`).matches;
}

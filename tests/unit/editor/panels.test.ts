// Which side panels are open on this device: the remembered choice, else each panel's default
// (the palette open only where a window is wide enough for it beside the map).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultOpen, panelOpen, rememberPanel, WIDE, type PanelName } from '../../../src/lib/editor/panels.js';

/** A device: its storage and its window's width. */
function device(width: number, stored: Record<string, string> = {}) {
	const items = new Map(Object.entries(stored));
	vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) });
	vi.stubGlobal('matchMedia', (q: string) => ({ matches: width >= Number(/min-width: (\d+)px/.exec(q)?.[1] ?? Infinity) }));
	return items;
}

afterEach(() => vi.unstubAllGlobals());

describe('panels', () => {
	it.each<[string, number, PanelName, boolean]>([
		['the palette beside a wide map', WIDE, 'palette', true],
		['no palette drawer over a narrow map', 1024, 'palette', false],
		['the details at any width', 1024, 'details', true],
		['no people until asked', WIDE, 'people', false]
	])('opens %s by default', (_, width, name, open) => {
		device(width);
		expect(defaultOpen(name)).toBe(open);
		expect(panelOpen(name, defaultOpen(name))).toBe(open);
	});

	it('remembers each panel on its own', () => {
		const items = device(1024);
		rememberPanel('details', false);
		rememberPanel('palette', true);
		expect(items.get('stackmap:panel:details')).toBe('closed');
		expect(panelOpen('details', true)).toBe(false);
		expect(panelOpen('palette', false)).toBe(true);
		expect(panelOpen('people', false)).toBe(false);
	});

	it('still opens and closes where storage is refused', () => {
		vi.stubGlobal('localStorage', {
			getItem: () => null,
			setItem: () => {
				throw new Error('QuotaExceededError');
			}
		});
		expect(() => rememberPanel('details', false)).not.toThrow();
		expect(panelOpen('details', true)).toBe(true);
	});
});

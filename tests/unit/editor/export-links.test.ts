// exportLinks: the export menu's file links.
import { expect, it } from 'vitest';
import { exportLinks } from '../../../src/lib/editor/export-links.js';

it('links every format with the key, and the theme and scale for images', () => {
	const links = exportLinks('abcDEF123456', 'k-ey_1', 'high-contrast');
	expect(links.map((l) => l.href)).toEqual([
		'/maps/abcDEF123456.svg?key=k-ey_1&theme=high-contrast',
		'/maps/abcDEF123456.png?key=k-ey_1&theme=high-contrast&scale=2',
		'/maps/abcDEF123456.owm?key=k-ey_1',
		'/maps/abcDEF123456.mmd?key=k-ey_1',
		'/maps/abcDEF123456.json?key=k-ey_1',
		'/maps/abcDEF123456.csv?key=k-ey_1'
	]);
	expect(exportLinks('abcDEF123456', null)[0].href).toBe('/maps/abcDEF123456.svg');
});

it('carries the view\'s filter to the SVG and PNG, so the export shows what the screen does', () => {
	const links = exportLinks('abcDEF123456', 'k', 'default', 'layer:Business Areas');
	expect(links[0].href).toBe('/maps/abcDEF123456.svg?key=k&focus=layer%3ABusiness+Areas');
	expect(links[1].href).toBe('/maps/abcDEF123456.png?key=k&scale=2&focus=layer%3ABusiness+Areas');
	expect(links.slice(2).every((l) => !l.href.includes('focus'))).toBe(true);
});

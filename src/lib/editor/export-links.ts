// The editor's export menu entries: one link per file format to the map's file endpoints
// (`/maps/<id>.<ext>?key=…`), with the theme on screen for the images. Pure.
import { EXPORT_FORMATS, FILE_FORMATS, type ExportFormat } from '../formats/file-formats.js';
import type { ThemeName } from '../render/index.js';

export interface ExportLink {
	readonly format: ExportFormat;
	readonly label: string;
	readonly href: string;
}

/** Scale of the PNG the menu offers (device pixels per map pixel): sharp on high-density screens and in print. */
export const MENU_PNG_SCALE = 2;

/**
 * Links to every export of map `id`, carrying `key` (if any) and, for SVG and PNG, a non-default
 * theme; for them also the view's `focus` filter (`layer:…`, '' for none), so it shows what the screen does.
 */
export function exportLinks(id: string, key: string | null | undefined, theme: ThemeName = 'default', focus = ''): ExportLink[] {
	return EXPORT_FORMATS.map((format) => {
		const params = new URLSearchParams();
		if (key) params.set('key', key);
		if ((format === 'svg' || format === 'png') && theme !== 'default') params.set('theme', theme);
		if (format === 'png') params.set('scale', String(MENU_PNG_SCALE));
		if ((format === 'svg' || format === 'png') && focus) params.set('focus', focus);
		const query = params.toString();
		const file = FILE_FORMATS[format];
		return {
			format,
			label: format === 'png' ? `${file.label} (×${MENU_PNG_SCALE})` : file.label,
			href: `/maps/${encodeURIComponent(id)}.${file.extension}${query ? `?${query}` : ''}`
		};
	});
}

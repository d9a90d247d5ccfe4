// The map as a file (`/maps/<id>.svg`, `.png`, `.owm`, `.mmd`, `.json`, `.csv`): who may see which
// snapshot, and the response with its content type, file name and caching. Server only.
import { error } from '@sveltejs/kit';
import { focusIds, parseFocus } from '../catalogue/focus.js';
import { contentDisposition, FILE_FORMATS, safeFileName, writeMapText, type ExportFormat } from '../formats/index.js';
import { isMapId, type MapSnapshot } from '../map/index.js';
import { THEME_NAMES, getTheme, legendHeight, type ThemeName } from '../render/index.js';
import { roleForKey, stackmap } from './context.js';
import { audienceOf } from './catalogue/audience.js';
import { currentSnapshot, requestKey } from './maps.js';
import { refusalResponse, workRefusal } from './work.js';

export interface ViewableMap {
	readonly snapshot: MapSnapshot;
	/** True when a link key opened it (the whole map); false for the public, published view. */
	readonly byKey: boolean;
	/** True when seen as shared with the request's organisation: never cached publicly. */
	readonly shared?: boolean;
}

/**
 * The snapshot this request may see, as GET /api/maps/<id> answers it: with any key of the map, the
 * whole map as it is now; without one, a published or unlisted map as published (withheld details
 * removed), or a map shared with the request's organisation as published to them (audienceOf).
 * 400 bad id, 404 unknown map, 403 a private map without its key.
 */
export async function viewableMap(id: string, url: URL, request: Request): Promise<ViewableMap> {
	if (!isMapId(id)) error(400, 'Bad map id');
	const app = stackmap();
	const record = await app.store.getMap(id);
	if (!record) error(404, 'Map not found');
	const key = requestKey(url, request);
	if (roleForKey(record, key)) return { snapshot: await currentSnapshot(id), byKey: true };
	const view = await app.catalogue.viewFor(id, await audienceOf(id, key));
	if (!view) error(403, 'This link does not give access to the map');
	return { snapshot: view.snapshot, byKey: false, shared: view.shared };
}

/** `?scale=` for PNG: 1..4, default 1; anything else is a 400. */
export function scaleParam(url: URL): number {
	const raw = url.searchParams.get('scale');
	if (raw === null || raw === '') return 1;
	const n = Number(raw);
	if (!Number.isFinite(n) || n < 1 || n > 4) error(400, 'scale must be a number from 1 to 4');
	return n;
}

/** Landscape paper sizes in CSS px (96 per inch) for `?size=`: A4 297 × 210 mm, A3 420 × 297 mm. */
export const PAPER_SIZES = { a4: { width: 1123, height: 794 }, a3: { width: 1587, height: 1123 } } as const;

/** `?size=a4|a3` for SVG and PNG: a landscape print size; absent, the map's default size. Anything else is a 400. */
export function sizeParam(url: URL): { width: number; height: number } | undefined {
	const raw = url.searchParams.get('size');
	if (raw === null || raw === '') return undefined;
	if (raw !== 'a4' && raw !== 'a3') error(400, 'size must be a4 or a3');
	return PAPER_SIZES[raw];
}

/** `?theme=` for SVG and PNG: default, high-contrast or projector. */
export function themeParam(url: URL): ThemeName {
	const raw = url.searchParams.get('theme');
	if (raw === null || raw === '') return 'default';
	if (!(THEME_NAMES as readonly string[]).includes(raw)) error(400, `theme must be one of ${THEME_NAMES.join(', ')}`);
	return raw as ThemeName;
}

/**
 * `?focus=kind:value` (catalogue/focus.ts) for SVG and PNG: the ids in focus on `map`, or null for none.
 * A focus that does not parse is a 400, so a shared link never silently shows everything.
 */
export function focusParam(url: URL, map: MapSnapshot): ReadonlySet<string> | null {
	const raw = url.searchParams.get('focus');
	if (raw === null || raw === '') return null;
	const focus = parseFocus(raw);
	if (!focus) error(400, 'focus must be layer:, type:, supplier:, lifecycle: or chain: followed by a value');
	return focusIds(map, focus).ids;
}

/**
 * The response for a map file. Keyed requests are never cached; public ones for 30 s. No frame or
 * resource policy that would stop an `<img>` on another site; an SVG opened on its own runs no script.
 * PNGs are drawn on the server's worker threads (503 with Retry-After when they are all busy).
 */
export async function mapFileResponse(view: ViewableMap, format: ExportFormat, url: URL): Promise<Response> {
	const file = FILE_FORMATS[format];
	const drawn = format === 'svg' || format === 'png';
	const theme = drawn ? themeParam(url) : 'default';
	const paper = drawn ? sizeParam(url) : undefined;
	// A paper size is the whole picture: the key's band comes out of the map's height, not on top of it.
	const size = paper && { width: paper.width, height: paper.height - legendHeight(view.snapshot, getTheme(theme), paper.width) };
	const focus = drawn ? focusParam(url, view.snapshot) : null;
	let body: string | Uint8Array;
	try {
		body =
			format === 'png'
				? await stackmap().work.renderPng(view.snapshot, { scale: scaleParam(url), theme, ...size, ...(focus ? { focus: [...focus] } : {}) })
				: writeMapText(view.snapshot, format, { theme, bom: format === 'csv', focus, placedLabels: format === 'owm', ...size });
	} catch (err) {
		const refusal = workRefusal(err);
		if (refusal) return refusalResponse(refusal);
		throw err;
	}
	const headers = new Headers({
		'content-type': file.contentType,
		'content-disposition': contentDisposition(url.searchParams.has('download') ? 'attachment' : file.disposition, safeFileName(view.snapshot.title, file.extension)),
		'cache-control': view.byKey || view.shared ? 'no-store' : 'public, max-age=30',
		vary: 'Authorization'
	});
	if (format === 'svg') headers.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
	return new Response(body as BodyInit, { headers });
}

// Overlaying many maps for the overlay page, its API and CSV: the maps come from explicit ids or
// links, from an organisation and its members, or from a catalogue search (published maps only).
import {
	FACETS,
	overlayMaps,
	parseSearchQuery,
	shortOrgName,
	VOCABULARY,
	type CatalogueEntry,
	type OrgSummary,
	type Overlay
} from '../../catalogue/index.js';
import type { MapSnapshot } from '../../map/index.js';
import { stackmap } from '../context.js';
import { num } from './csv.js';
import { parseMapRef, resolveMap } from './resolve.js';

/** Most maps named one by one, and most maps taken from a search. */
export const MAX_NAMED = 50;
export const MAX_SEARCHED = 200;

export interface OverlayMapInfo {
	readonly id: string;
	readonly title: string;
	readonly name: string;
	readonly organisation: OrgSummary | null;
	readonly fictional: boolean;
	/** Shown on its public catalogue page (not a keyed private map). */
	readonly public: boolean;
}

export interface OverlaySelection {
	readonly maps: readonly OverlayMapInfo[];
	/** How many maps matched before the limit. */
	readonly matched: number;
	/** How the maps were chosen, in words ('' when no maps were asked for). */
	readonly description: string;
	/** False when the parameters name no maps and no search at all. */
	readonly asked: boolean;
}

interface Chosen extends OverlayMapInfo {
	readonly snapshot: MapSnapshot;
}

function uniqueNames<T extends { name: string; title: string }>(maps: T[]): T[] {
	const seen = new Map<string, number>();
	for (const m of maps) seen.set(m.name, (seen.get(m.name) ?? 0) + 1);
	return maps.map((m) => ((seen.get(m.name) ?? 0) > 1 ? { ...m, name: m.title || m.name } : m));
}

async function fromEntries(entries: readonly CatalogueEntry[]): Promise<Chosen[]> {
	const snapshots = await stackmap().catalogue.indexedMaps(entries.map((e) => e.id));
	return entries.flatMap((e) => {
		const snapshot = snapshots.get(e.id);
		if (!snapshot) return [];
		return [{ id: e.id, title: e.title, name: e.organisation ? shortOrgName(e.organisation.name) : e.title, organisation: e.organisation, fictional: e.fictional, public: true, snapshot }];
	});
}

/** The maps URL parameters ask for: `map` (repeatable id or link), `parent` (an organisation and its members), or search parameters. */
export async function chooseMaps(params: URLSearchParams): Promise<{ selection: OverlaySelection; chosen: Chosen[] }> {
	const catalogue = stackmap().catalogue;
	const refs = [...params.getAll('map'), ...params.getAll('maps').flatMap((v) => v.split(','))].map(parseMapRef).filter((r) => r !== null);
	if (refs.length > 0) {
		const unique = [...new Map(refs.map((r) => [r.id, r])).values()].slice(0, MAX_NAMED);
		const resolved = await Promise.all(unique.map((r) => resolveMap(r, { componentsOnly: true })));
		const chosen = uniqueNames(
			resolved.map((m) => ({ id: m.id, title: m.title, name: m.name, organisation: m.organisation, fictional: m.fictional, public: m.access === 'public' || m.visibility !== 'private', snapshot: m.snapshot }))
		);
		return { chosen, selection: { maps: chosen.map(info), matched: refs.length, description: 'the maps you chose', asked: true } };
	}
	const parent = params.get('parent');
	if (parent) {
		const org = catalogue.orgs.bySlug(parent);
		const entries = await catalogue.familyMaps(parent);
		const chosen = uniqueNames(await fromEntries(entries.slice(0, MAX_SEARCHED)));
		return { chosen, selection: { maps: chosen.map(info), matched: entries.length, description: org ? `${org.name} and the organisations that are part of it` : 'no organisation', asked: true } };
	}
	const query = parseSearchQuery(params);
	const hasFilter = query.q || FACETS.some((f) => query.filters[f].length > 0);
	// `all` asks for the whole (unfiltered) catalogue, as its "Overlay these maps" link does; an
	// empty query alone stays a blank form rather than overlaying everything by accident.
	const all = params.get('all') === '1';
	if (!hasFilter && !all) return { chosen: [], selection: { maps: [], matched: 0, description: '', asked: false } };
	const result = await catalogue.search({ ...query, page: 1, perPage: MAX_SEARCHED });
	const chosen = uniqueNames(await fromEntries(result.results));
	const description = hasFilter ? 'published maps matching your search' : 'all published maps';
	return { chosen, selection: { maps: chosen.map(info), matched: result.total, description, asked: true } };
}

function info(m: Chosen): OverlayMapInfo {
	return { id: m.id, title: m.title, name: m.name, organisation: m.organisation, fictional: m.fictional, public: m.public };
}

/** Overlay the chosen maps by component type. */
export function overlayOf(chosen: readonly Chosen[]): Overlay {
	return overlayMaps(chosen.map((m) => ({ id: m.id, name: m.name, map: m.snapshot })), VOCABULARY);
}

/** One component type across the overlaid maps, as plain data for the page and the API. */
export interface OverlayTypeView {
	readonly typeId: string;
	readonly name: string;
	readonly layer: string;
	readonly node: string;
	readonly mapCount: number;
	/** Maps with more than one component of the type. */
	readonly duplicates: readonly { readonly mapId: string; readonly mapName: string; readonly count: number; readonly products: readonly string[] }[];
	readonly spread: { readonly min: number; readonly q1: number; readonly median: number; readonly q3: number; readonly max: number };
	/** Each map's (mean) evolution for the type. */
	readonly positions: readonly { readonly mapName: string; readonly evolution: number }[];
}

export function overlayTypes(overlay: Overlay): OverlayTypeView[] {
	return overlay.types.map((t) => ({
		typeId: t.typeId,
		name: t.type?.name ?? t.typeId,
		layer: t.type?.layer ?? '',
		node: t.type?.node ?? 'Unknown type',
		mapCount: t.mapCount,
		duplicates: t.duplicates.map((p) => ({ mapId: p.mapId, mapName: p.mapName, count: p.components.length, products: p.components.map((c) => c.product || c.name) })),
		spread: { min: t.spread.min, q1: t.spread.q1, median: t.spread.median, q3: t.spread.q3, max: t.spread.max },
		positions: t.presence.map((p) => ({ mapName: p.mapName, evolution: p.evolution }))
	}));
}

/** The overlay as CSV rows (header first): one row per component type. */
export function overlayCsv(overlay: Overlay): string[][] {
	const n = overlay.maps.length;
	return [
		['Type ID', 'Type', 'LGAM layer', 'LGAM node', 'Maps with it', 'Maps overlaid', 'On every map', 'Maps with duplicates', 'Min', 'Q1', 'Median', 'Q3', 'Max', 'Maps'],
		...overlayTypes(overlay).map((t) => [
			t.typeId,
			t.name,
			t.layer,
			t.node,
			String(t.mapCount),
			String(n),
			t.mapCount === n ? 'Yes' : 'No',
			t.duplicates.map((d) => `${d.mapName} (${d.count})`).join('; '),
			num(t.spread.min),
			num(t.spread.q1),
			num(t.spread.median),
			num(t.spread.q3),
			num(t.spread.max),
			t.positions.map((p) => p.mapName).join('; ')
		])
	];
}

// Maps named by a compare, overlay, merge or fork request: a published or unlisted map as the
// public sees it (withheld details removed), or any map in full for someone holding its key.
import { error } from '@sveltejs/kit';
import { isRedacted, orgSummary, sharedRedaction, shortOrgName, type OrgSummary, type Redaction, type Visibility } from '../../catalogue/index.js';
import { isMapId, type MapSnapshot } from '../../map/index.js';
import { roleForKey, stackmap } from '../context.js';
import { audienceOf } from './audience.js';

/** A map reference: its id and, for maps that are not public, a key. */
export interface MapRef {
	readonly id: string;
	readonly key?: string | null;
}

export interface ResolvedMap {
	readonly id: string;
	readonly title: string;
	/** The owner's short name for sentences ('Kestrelford'), else the map's title. */
	readonly name: string;
	readonly organisation: OrgSummary | null;
	readonly fictional: boolean;
	readonly visibility: Visibility;
	/** 'key' when a link key opened it (full detail); 'public' when seen as published; 'shared' as shared with the caller's organisation. */
	readonly access: 'key' | 'public' | 'shared';
	readonly withheld: boolean;
	/** What the publisher withholds from this view, to label it; null when nothing is (or a key opened it). */
	readonly redaction: Redaction | null;
	readonly snapshot: MapSnapshot;
}

/**
 * Read a map reference typed or pasted by a user: a map id, a map link (`…/maps/<id>?key=…`) or a
 * catalogue link (`…/catalogue/maps/<id>`). Returns null when no map id can be found in it.
 */
export function parseMapRef(text: string): MapRef | null {
	const value = text.trim();
	if (!value) return null;
	if (isMapId(value)) return { id: value };
	try {
		const url = new URL(value, 'http://localhost');
		const m = /\/maps\/([A-Za-z0-9]{8,32})(?:\/|$)/.exec(url.pathname);
		if (!m) return null;
		return { id: m[1], key: url.searchParams.get('key') };
	} catch {
		return null;
	}
}

export interface ResolveOptions {
	/**
	 * Enough to compare or overlay (components as published, no links or drawing): a published
	 * map seen without a key is then read from the catalogue index instead of its document.
	 */
	readonly componentsOnly?: boolean;
	/**
	 * See a map shared with the caller's organisation (signed in, or the reference's key as its
	 * admin key or token) as shared with them. Only for views (compare), never for copies (fork, merge).
	 */
	readonly shared?: boolean;
}

/** Load a map for a catalogue operation; 400/403/404 as SvelteKit errors. */
export async function resolveMap(ref: MapRef, options: ResolveOptions = {}): Promise<ResolvedMap> {
	if (!isMapId(ref.id)) error(400, `Bad map id: ${String(ref.id).slice(0, 40)}`);
	const app = stackmap();
	const record = await app.store.getMap(ref.id);
	if (!record) error(404, `Map not found: ${ref.id}`);
	const pub = (await app.catalogue.publication(ref.id))!;
	const org = app.catalogue.orgs.get(pub.orgId);
	const byKey = roleForKey(record, ref.key) !== null;
	const audience = !byKey && options.shared ? await audienceOf(ref.id, ref.key) : [];
	const indexed = !byKey && audience.length === 0 && options.componentsOnly && record.visibility === 'published' ? (await app.catalogue.indexedMaps([ref.id])).get(ref.id) : undefined;
	const view = indexed || byKey ? undefined : await app.catalogue.viewFor(ref.id, audience);
	const snapshot = indexed ?? (byKey ? await app.catalogue.snapshot(ref.id) : view?.snapshot);
	if (!snapshot) error(403, `Map ${ref.id} is private: it needs a link with its key`);
	const redaction = view?.shared ? sharedRedaction(pub.redaction) : pub.redaction;
	// An organisation is shown only for maps the public may see, or to key holders.
	return {
		id: ref.id,
		title: snapshot.title,
		name: org ? shortOrgName(org.name) : snapshot.title || 'Untitled map',
		organisation: orgSummary(org),
		fictional: pub.fictional || (org?.fictional ?? false),
		visibility: record.visibility,
		access: byKey ? 'key' : view?.shared ? 'shared' : 'public',
		withheld: !byKey && isRedacted(redaction),
		redaction: !byKey && isRedacted(redaction) ? redaction : null,
		snapshot
	};
}

/** Distinct names for two or more maps in sentences: owners' short names, else titles, else 'Map A', 'Map B'. */
export function distinctNames(maps: readonly ResolvedMap[]): string[] {
	const names = maps.map((m) => m.name);
	if (new Set(names).size === names.length) return names;
	const titles = maps.map((m) => m.title || m.name);
	if (new Set(titles).size === titles.length) return titles;
	return maps.map((_, i) => `Map ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''}`);
}

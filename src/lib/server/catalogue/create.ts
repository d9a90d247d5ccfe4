// New maps made from catalogue maps: a fork (a private copy with attribution) and an LGR merge
// draft (the union of several maps by component type). Both open with the facilitator link.
import * as Y from 'yjs';
import { licenceOf, mergeMaps, VOCABULARY, type MergeDuplicate } from '../../catalogue/index.js';
import { loadSnapshot, type MapSnapshot } from '../../map/index.js';
import { claimNewMap } from '../auth/session.js';
import { stackmap, type CreatedMap } from '../context.js';
import { distinctNames, type ResolvedMap } from './resolve.js';

const MAX_TITLE = 200;

/** The facilitator's address of a new map; the other links travel in the fragment (never sent to a server). */
export function facilitatorPath(created: CreatedMap): string {
	return `/maps/${created.id}?key=${created.keys.facilitator}#share=${created.keys.participant}.${created.keys.viewer}`;
}

async function create(snapshot: MapSnapshot): Promise<CreatedMap> {
	const doc = new Y.Doc();
	loadSnapshot(doc, snapshot);
	const created = await stackmap().createMap({ doc });
	doc.destroy();
	await claimNewMap(created.id);
	return created;
}

/** The attribution a copy of a map carries: 'Based on “X” by Y (Open Government Licence v3.0).' */
export async function attribution(source: ResolvedMap): Promise<string> {
	const licence = (await stackmap().catalogue.publication(source.id))?.licence;
	const by = source.organisation ? ` by ${source.organisation.name}` : '';
	return source.access === 'key' && source.visibility === 'private'
		? `Based on “${source.title}”.`
		: `Based on “${source.title}”${by} (${licenceOf(licence ?? '').name}).`;
}

/** Copy a map (as the caller may see it) into a new private map, recording where it came from. */
export async function forkMap(source: ResolvedMap): Promise<CreatedMap> {
	const s = source.snapshot;
	const description = [await attribution(source), s.description].filter(Boolean).join(' ');
	const created = await create({ ...s, title: `Copy of ${s.title}`.slice(0, MAX_TITLE), description: description.slice(0, 5000) });
	const catalogue = stackmap().catalogue;
	await catalogue.publications.put(created.id, { ...(await catalogue.publication(created.id))!, forkedFrom: source.id });
	return created;
}

/**
 * Merge maps into a new private draft for a new authority: one component per type, duplicates
 * flagged in notes and returned, each component's predecessors recorded.
 */
export async function mergeToDraft(sources: readonly ResolvedMap[], title: string): Promise<{ created: CreatedMap; duplicates: readonly MergeDuplicate[] }> {
	const names = distinctNames(sources);
	const result = mergeMaps(
		sources.map((m, i) => ({ name: names[i], map: m.snapshot })),
		VOCABULARY,
		title.trim().slice(0, MAX_TITLE) || `Merged draft: ${names.join(', ')}`.slice(0, MAX_TITLE)
	);
	const credits = await Promise.all(sources.filter((s) => s.access === 'public').map(attribution));
	const map = credits.length ? { ...result.map, description: `${result.map.description} ${credits.join(' ')}`.slice(0, 5000) } : result.map;
	return { created: await create(map), duplicates: result.duplicates };
}

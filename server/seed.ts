// Demo data on first start: the five FICTIONAL seed councils as organisations with one published
// map each, so a newcomer sees a useful catalogue at once. STACKMAP_SEED=0 turns it off.
import * as Y from 'yjs';
import { loadSnapshot } from '../src/lib/map/index.js';
import { FICTIONAL_NOTE, NO_REDACTION, SEED_COUNCILS, seedCouncilMaps, type OrgType } from '../src/lib/catalogue/index.js';
import type { StackmapApp } from './app.js';

/** Profile fields the seed file lacks, chosen for the demo (the councils are invented). */
const PROFILES: Record<string, { type: OrgType; region: string; parent?: string }> = {
	kestrelford: { type: 'county', region: 'South West' },
	calderbrook: { type: 'district', region: 'South West', parent: 'kestrelford' },
	'port-alder': { type: 'unitary', region: 'North West' },
	greystone: { type: 'metropolitan', region: 'Yorkshire and the Humber' },
	wessmoor: { type: 'unitary', region: 'East Midlands' }
};

/**
 * Add the fictional councils and publish their maps (OGL v3, marked fictional), whatever the
 * database holds. Returns the number of maps created. The organisations' admin keys and the
 * maps' link keys are not kept: the demo maps can be forked, not edited.
 */
export async function seedCatalogue(app: StackmapApp): Promise<number> {
	const { catalogue } = app;
	// The admin keys of councils added in this run: a district joins its county with the county's key.
	const added = new Map<string, { id: number; adminKey?: string }>();
	let n = 0;
	for (const { council, map } of seedCouncilMaps(SEED_COUNCILS)) {
		const profile = PROFILES[council.id] ?? { type: 'other' as const, region: '' };
		const parent = profile.parent ? added.get(profile.parent) : undefined;
		const existing = catalogue.orgs.all().find((o) => o.fictional && o.name === council.name);
		const created = existing
			? undefined
			: await catalogue.orgs.create(
					{
						name: council.name,
						type: profile.type,
						region: profile.region,
						parentId: parent?.id ?? null,
						description: `${FICTIONAL_NOTE} ${council.archetype}.`,
						fictional: true
					},
					parent?.adminKey
				);
		const org = existing ?? created!.organisation;
		added.set(council.id, { id: org.id, adminKey: created?.adminKey });
		const doc = new Y.Doc();
		loadSnapshot(doc, { ...map, title: `${council.name}: technology stack` });
		const { id } = await app.createMap({ doc });
		doc.destroy();
		const pub = (await catalogue.publication(id))!;
		// Trusted: the seed attaches its own organisations without their (discarded) admin keys.
		// Invented councils publish every contract group, so the demo shows the whole radar.
		await catalogue.publications.put(id, { ...pub, orgId: org.id, fictional: true, redaction: NO_REDACTION });
		await catalogue.publish(id, { visibility: 'published' });
		n++;
	}
	return n;
}

/** Seed the fictional demo councils when enabled (config.seed) and the database has no maps. */
export async function seedIfEmpty(app: StackmapApp): Promise<number> {
	if (!app.config.seed || !(await app.catalogue.isEmpty())) return 0;
	return seedCatalogue(app);
}

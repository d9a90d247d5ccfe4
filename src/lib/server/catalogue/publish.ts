// Publishing a map (for its facilitator): read the settings form or JSON body into PublishInput,
// suggest component types for untyped components, and set chosen types on the live map.
import { error } from '@sveltejs/kit';
import {
	CONTRACT_GROUPS,
	CONTRACT_LEVELS,
	contractLevel,
	LICENCES,
	suggestTypes,
	VISIBILITIES,
	VOCABULARY,
	type ContractLevels,
	type LicenceId,
	type Visibility
} from '../../catalogue/index.js';
import { isMapId, readSnapshot, updateComponent, type ComponentId, type MapSnapshot } from '../../map/index.js';
import { isCatalogueError, stackmap, type Publication, type PublishInput } from '../context.js';
import { requireAccess } from '../maps.js';
import { currentUser } from '../auth/session.js';
import { audit, userLabel } from './org-audit.js';
import { myRoles } from './org-people.js';

/** Check that `key` is the map's facilitator key; 400/403/404 otherwise. */
export async function requireFacilitator(id: string, key: string | null): Promise<void> {
	const access = await requireAccess(id, key);
	if (access.role !== 'facilitator' || !access.byKey) error(403, 'Only the map’s facilitator link can change how it is published');
}

function licence(value: unknown): LicenceId | undefined {
	return LICENCES.find((l) => l.id === value)?.id;
}

/** Each contract group's level from `get(group)`: absent or unknown = private (the safe reading of a form). */
const levelsFrom = (get: (group: string) => unknown): ContractLevels =>
	Object.fromEntries(CONTRACT_GROUPS.map((g) => [g, contractLevel(get(g)) ?? 'private'])) as ContractLevels;

/** Publication settings from the publish form (checkboxes absent = off). */
export function publishFormInput(form: FormData): PublishInput {
	const visibility = String(form.get('visibility') ?? '');
	return {
		visibility: VISIBILITIES.includes(visibility as Visibility) ? (visibility as Visibility) : undefined,
		organisation: String(form.get('organisation') ?? ''),
		organisationKey: String(form.get('organisationKey') ?? '').trim() || null,
		description: String(form.get('description') ?? ''),
		licence: licence(form.get('licence')),
		// One checkbox per organisation: the whole list, so an unticked one stops being shared with.
		sharedWith: form.getAll('share').map(String).filter(Boolean),
		redaction: {
			products: form.get('withholdProducts') === 'on',
			suppliers: form.get('withholdSuppliers') === 'on',
			notes: form.get('withholdNotes') === 'on',
			// One radio group per contract group: `contracts-dates=published|private`.
			contracts: levelsFrom((g) => form.get(`contracts-${g}`))
		}
	};
}

/** Publication settings from a JSON body (absent fields stay as they are); 400 on bad values. */
export function publishJsonInput(body: Record<string, unknown>): PublishInput {
	const out: { -readonly [K in keyof PublishInput]: PublishInput[K] } = {};
	if (body.visibility !== undefined) {
		if (!VISIBILITIES.includes(body.visibility as Visibility)) error(400, 'visibility must be private, unlisted or published');
		out.visibility = body.visibility as Visibility;
	}
	if (body.organisation !== undefined) {
		if (body.organisation !== null && typeof body.organisation !== 'string') error(400, 'organisation must be an organisation slug or null');
		out.organisation = body.organisation as string | null;
	}
	if (body.organisationKey !== undefined) out.organisationKey = typeof body.organisationKey === 'string' ? body.organisationKey : null;
	if (body.description !== undefined) {
		if (typeof body.description !== 'string') error(400, 'description must be text');
		out.description = body.description;
	}
	if (body.licence !== undefined) {
		const l = licence(body.licence);
		if (!l) error(400, `licence must be one of ${LICENCES.map((x) => x.id).join(', ')}`);
		out.licence = l;
	}
	if (body.sharedWith !== undefined) {
		const list = body.sharedWith;
		if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) error(400, 'sharedWith must be a list of organisation slugs');
		out.sharedWith = list as string[];
	}
	if (body.redaction !== undefined) {
		const r = body.redaction as Record<string, unknown> | null;
		if (!r || typeof r !== 'object') error(400, 'redaction must be an object {products, suppliers, notes, contracts}');
		// Contract groups absent from the body stay private, like withheld details left out.
		const levels = r.contracts ?? {};
		if (!levels || typeof levels !== 'object' || Array.isArray(levels)) error(400, 'redaction.contracts must be an object {dates, costs, references}');
		for (const [group, level] of Object.entries(levels)) {
			if (!(CONTRACT_GROUPS as readonly string[]).includes(group)) error(400, `redaction.contracts: unknown group ${JSON.stringify(group)} (${CONTRACT_GROUPS.join(', ')})`);
			if (!contractLevel(level)) error(400, `redaction.contracts.${group} must be one of ${CONTRACT_LEVELS.join(', ')}`);
		}
		out.redaction = {
			products: r.products === true,
			suppliers: r.suppliers === true,
			notes: r.notes === true,
			contracts: levelsFrom((g) => (levels as Record<string, unknown>)[g])
		};
	}
	return out;
}

/**
 * Apply settings; CatalogueError becomes the matching HTTP error. When the map is no longer open
 * to the public (private again, or details withheld), sockets that joined it without a key close.
 * `who` names the caller in the organisation's audit log (its facilitator unless said otherwise).
 * A signed-in member of an organisation may attach the map to it without a key.
 */
export async function publish(id: string, input: PublishInput, who = 'map facilitator') {
	const app = stackmap();
	const before = await app.catalogue.publication(id);
	let pub;
	try {
		pub = await app.catalogue.publish(id, { ...input, memberOrgIds: [...(await myRoles()).keys()] });
	} catch (err) {
		if (isCatalogueError(err)) error(err.status, err.message);
		throw err;
	}
	const record = await app.store.getMap(id);
	if (!record || (await app.catalogue.publicRole(record)) === null) await app.workshops.revokePublic(id);
	if (before) await auditPublication(id, record?.title ?? '', before, pub, input.organisationKey, who);
	if (before) await auditShares(id, record?.title ?? '', before, pub, who);
	return pub;
}

/**
 * Log a change of the organisations a map is shared with in the log of each organisation added or
 * taken off, and of the organisation the map belongs to (naming them there).
 */
async function auditShares(id: string, title: string, before: Publication, after: Publication, who: string): Promise<void> {
	const orgs = stackmap().catalogue.orgs;
	const added = after.sharedWith.filter((o) => !before.sharedWith.includes(o));
	const removed = before.sharedWith.filter((o) => !after.sharedWith.includes(o));
	if (added.length === 0 && removed.length === 0) return;
	const user = currentUser();
	const by = user ? `${who}, ${userLabel(user)}` : who;
	const detail = `${title} (${id})`;
	for (const o of added) await audit(o, by, 'map shared with the organisation', detail);
	for (const o of removed) await audit(o, by, 'map no longer shared with the organisation', detail);
	const owner = after.orgId;
	if (owner === null || added.includes(owner) || removed.includes(owner)) return;
	const names = (ids: number[]) => ids.map((o) => orgs.get(o)?.name ?? `#${o}`).join(', ');
	const change = [added.length ? `shared with ${names(added)}` : '', removed.length ? `no longer with ${names(removed)}` : ''].filter(Boolean).join('; ');
	await audit(owner, by, 'map sharing changed', `${detail}: ${change}`);
}

const SHOWN = { published: 'map published', unlisted: 'map shared by link (unlisted)', private: 'map made private' } as const;

/**
 * Take a published map of organisation `slug` out of the catalogue for it (needs its admin key or a
 * publish or admin token): the map becomes unlisted, so its links keep working and its
 * facilitator can publish it again. 404 when the map is not published under that organisation.
 */
export async function unpublishForOrganisation(slug: string, id: string, key: string | null) {
	const app = stackmap();
	const org = app.catalogue.orgs.bySlug(slug);
	if (!org) error(404, 'Organisation not found');
	const actor = await app.catalogue.orgs.allows(org.id, key, 'publish');
	if (!actor) error(403, 'This needs the organisation’s admin key or a publish token');
	const pub = isMapId(id) ? await app.catalogue.publication(id) : undefined;
	if (pub?.orgId !== org.id || pub.visibility !== 'published') error(404, `That map is not published under ${org.name}`);
	return publish(id, { visibility: 'unlisted' }, actor.label);
}

/** Log a map joining, leaving or changing visibility under an organisation, in that organisation's audit log. */
async function auditPublication(id: string, title: string, before: Publication, after: Publication, organisationKey: string | null | undefined, who: string): Promise<void> {
	const orgs = stackmap().catalogue.orgs;
	const detail = `${title} (${id})`;
	if (before.orgId !== null && before.orgId !== after.orgId) await audit(before.orgId, who, 'map removed from organisation', detail);
	if (after.orgId === null) return;
	if (after.orgId !== before.orgId) {
		const actor = await orgs.allows(after.orgId, organisationKey, 'publish');
		const user = currentUser();
		const member = !actor && user && (await myRoles()).has(after.orgId) ? `${who}, ${userLabel(user)} as member` : who;
		await audit(after.orgId, actor ? `${who} with ${actor.label}` : member, 'map added to organisation', `${detail}, ${after.visibility}`);
	} else if (after.visibility !== before.visibility) await audit(after.orgId, who, SHOWN[after.visibility], detail);
}

export interface TypeSuggestionView {
	readonly componentId: string;
	readonly name: string;
	readonly product: string;
	readonly options: readonly { readonly typeId: string; readonly name: string; readonly confidence: number; readonly reason: string }[];
}

/** Suggested types for every untyped component (anchors left out), best first. */
export function untypedSuggestions(map: MapSnapshot): TypeSuggestionView[] {
	return map.components
		.filter((c) => c.kind !== 'anchor' && !VOCABULARY.byId.has(c.componentType))
		.map((c) => ({
			componentId: c.id,
			name: c.name,
			product: c.product,
			options: suggestTypes({ name: c.name, product: c.product, supplier: c.supplier }, VOCABULARY, { limit: 3 }).map((s) => ({
				typeId: s.typeId,
				name: VOCABULARY.byId.get(s.typeId)?.name ?? s.typeId,
				confidence: s.confidence,
				reason: s.reason
			}))
		}));
}

/** Set component types on the live map (through the model's command, so editors see it at once). */
export async function applyTypes(mapId: string, choices: ReadonlyMap<string, string>): Promise<number> {
	const app = stackmap();
	const room = await app.rooms.open(mapId);
	let n = 0;
	try {
		const ids = new Set<string>(readSnapshot(room.doc).components.map((c) => c.id));
		for (const [componentId, typeId] of choices) {
			if (!ids.has(componentId) || !VOCABULARY.byId.has(typeId)) continue;
			updateComponent(room.doc, componentId as ComponentId, { componentType: typeId }, 'catalogue-types');
			n++;
		}
		await room.whenStored();
	} finally {
		app.rooms.released(room);
	}
	return n;
}

// The catalogue in one object: organisations, publication settings, the search index that
// follows published maps' live documents, search and "who uses what". SQLite only; one process
// owns the database. Imports the pure catalogue (src/lib/catalogue) and the model's reader.
import type * as Y from 'yjs';
import type { Sql } from '../db/sql.js';
import { SqliteSql } from '../db/sqlite-sql.js';
import { readSnapshot, type MapSnapshot } from '../../src/lib/map/index.js';
import {
	DEFAULT_LICENCE,
	DEFAULT_REDACTION,
	VOCABULARY,
	isRedacted,
	publishesContracts,
	publicDescription,
	redactSnapshot,
	sharedRedaction,
	type SearchQuery,
	type Vocabulary
} from '../../src/lib/catalogue/index.js';
import { describeError, logEvent } from '../log.js';
import type { MapRecord, Role } from '../store/types.js';
import { productFootprint, supplierFootprint, typeUsage } from './aggregates.js';
import { entriesByRid, entryByMapId } from './entries.js';
import { CatalogueIndex } from './index-store.js';
import { InTurn } from './in-turn.js';
import { Organisations, type Organisation } from './organisations.js';
import { Publications, type Publication } from './publication.js';
import type { SnapshotReader } from './read.js';
import { createCatalogueTables } from './schema.js';
import { searchCatalogue } from './search.js';
import type { CatalogueEntry, Footprint, SearchResult, TypeUsage } from '../../src/lib/catalogue/results.js';
import { PublicSnapshots, type PublicView } from './public-snapshots.js';
import { indexedSnapshots } from './indexed-maps.js';
import { contractHolders, radar, radarRows, typeConcentration } from './radar.js';
import { sharedRadarRows } from './shared-radar.js';
import { LiveRadarTable } from './radar-table.js';
import type { CatalogueChange, RoomBus } from '../collab/bus.js';
import { renewalRadar, type RadarFilter, type RadarQuery, type RadarResult, type RadarRow } from '../../src/lib/catalogue/radar.js';
import type { Concentration, ContractHolder } from '../../src/lib/catalogue/concentration.js';

/** A refusal with the HTTP status it should become. */
export class CatalogueError extends Error {
	override readonly name = 'CatalogueError';
	constructor(
		readonly status: 400 | 403 | 404,
		message: string
	) {
		super(message);
	}
}

/** What a map's facilitator may change when publishing. Absent fields stay as they are. */
export interface PublishInput {
	readonly visibility?: Publication['visibility'];
	/** An organisation's slug; '' or null detaches the map. */
	readonly organisation?: string | null;
	/** The organisation's admin key: needed to attach a map to it. */
	readonly organisationKey?: string | null;
	/** Organisations the caller is a signed-in member of: attaching the map to one needs no key. Set by the server, never from a form. */
	readonly memberOrgIds?: readonly number[];
	readonly description?: string;
	readonly licence?: Publication['licence'];
	readonly redaction?: Publication['redaction'];
	/** Slugs of the organisations to share the map with (the whole list: one left out loses access). */
	readonly sharedWith?: readonly string[];
}

/** A map as one audience may see it: the public, or the people of organisations it is shared with. */
export interface AudienceView extends PublicView {
	/** True when the map is shared with the audience (its 'shared' groups shown): never cache it publicly. */
	readonly shared: boolean;
}

/** publicRole() with the map's publication already read (`pub`: its settings, read just before `record`). */
export function publicRoleWith(record: MapRecord, pub: Publication | undefined): Role | null {
	if (record.visibility === 'private') return null;
	return pub && isRedacted(pub.redaction) ? null : 'viewer';
}

export class Catalogue {
	readonly orgs: Organisations;
	readonly publications: Publications;
	readonly index: CatalogueIndex;
	readonly vocabulary: Vocabulary;
	private readonly snapshots = new PublicSnapshots(500);
	private readonly radarTable: LiveRadarTable;
	/**
	 * Whether each map was published when last read, for docChanged, which asks for every room with
	 * edits about once a second; forgotten on every write here and on news of one elsewhere.
	 */
	private readonly visibilities = new Map<string, Publication['visibility'] | null>();
	/** Bumped whenever visibilities are forgotten: a read begun before is not remembered. */
	private visibilityEpoch = 0;
	private reconciling: Promise<number> = Promise.resolve(0);
	/** Per map, its index work (snapshot read, then write) one after another: a later edit never lands first. */
	private readonly following = new InTurn();

	/**
	 * The catalogue on `sql`, its tables created and its index loaded into memory. `docSeq`: where
	 * documents live outside this database (PostgreSQL), the sequence number a map's document has
	 * reached there; otherwise it is read from this database's update log.
	 */
	static async open(
		sql: Sql,
		read: SnapshotReader,
		vocabulary: Vocabulary = VOCABULARY,
		docSeq: ((id: string) => Promise<number>) | null = null,
		/** Other instances sharing this database (REDIS_URL): told of every change, and followed. */
		bus: RoomBus | null = null
	): Promise<Catalogue> {
		await createCatalogueTables(sql);
		const catalogue = new Catalogue(sql, read, vocabulary, docSeq, bus);
		// The index's facets name organisations: read them first.
		await catalogue.orgs.load();
		await catalogue.index.load();
		return catalogue;
	}

	private constructor(
		private readonly sql: Sql,
		private readonly read: SnapshotReader,
		vocabulary: Vocabulary,
		private readonly docSeq: ((id: string) => Promise<number>) | null,
		private readonly bus: RoomBus | null
	) {
		this.vocabulary = vocabulary;
		this.orgs = new Organisations(sql);
		this.publications = new Publications(sql);
		// Every write the radar reads is told to its table once done: no answer is stale.
		this.radarTable = new LiveRadarTable(sql);
		this.index = new CatalogueIndex(sql, this.orgs, vocabulary, { onRowsChanged: (rids) => this.radarTable.changed(rids) });
		// A map's visibility and fictional flag are read for every row: read everything (publishing is rare).
		this.publications.onChange = (id) => {
			this.forgetVisibility(id);
			this.radarTable.changed(null);
		};
		this.orgs.onChange = () => {
			// Organisations are looked up per answer: only the remembered answers go.
			this.radarTable.changed([]);
			bus?.catalogueChanged({ map: null });
		};
		bus?.onCatalogue((change) => {
			this.changedElsewhere(change).catch((err) => logEvent('catalogue follow failed', { error: describeError(err) }));
		});
	}

	/**
	 * Another instance changed the shared tables: what this one holds in memory (facets, the radar's
	 * table, organisations, public snapshots) is read again, for one map or for everything.
	 */
	async changedElsewhere(change: CatalogueChange): Promise<void> {
		if (change.map === null) {
			this.snapshots.clear();
			this.forgetVisibility(null);
			// The index's facets name organisations: read them first.
			await this.orgs.forget();
			await this.index.reload();
			this.radarTable.changed(null);
			return;
		}
		const id = change.map;
		this.snapshots.forget(id);
		this.forgetVisibility(id);
		this.radarTable.changed(await this.following.run(id, () => this.index.refresh(id)));
	}

	/** Forget whether a map (null: every map) is published: a write here or elsewhere may have changed it. */
	private forgetVisibility(id: string | null): void {
		if (id === null) this.visibilities.clear();
		else this.visibilities.delete(id);
		this.visibilityEpoch++;
	}

	/** The storage sequence number a map's document has reached, in this database. */
	private async seqOf(id: string): Promise<number> {
		const row = await this.sql.get<{ state: number; updates: number }>(
			`SELECT coalesce((SELECT upto_seq FROM map_state WHERE map_id = ?), 0) AS state,
			        coalesce((SELECT max(seq) FROM map_updates WHERE map_id = ?), 0) AS updates`,
			[id, id]
		);
		return Math.max(row?.state ?? 0, row?.updates ?? 0);
	}

	/** The storage sequence number a map's document has reached, wherever it is stored. */
	private seqNow(id: string): Promise<number> {
		return this.docSeq ? this.docSeq(id) : this.seqOf(id);
	}

	/**
	 * Re-index published maps whose documents moved on since they were indexed (a crash between an
	 * edit and its re-index), index published maps missing from the index, drop entries of maps
	 * no longer published. Returns how many maps were re-indexed.
	 */
	reconcile(): Promise<number> {
		this.reconciling = this.catchUp();
		return this.reconciling;
	}

	/** Resolves when the last reconcile() and the index writes asked for so far (docChanged) are done. */
	async settled(): Promise<void> {
		await this.reconciling.catch(() => undefined);
		await this.following.idle();
	}

	private async catchUp(): Promise<number> {
		const published = new Set(await this.publications.publishedIds());
		for (const id of this.index.mapIds()) if (!published.has(id)) await this.following.run(id, () => this.index.remove(id));
		const stale = await this.sql.all<{ id: string; indexed_seq: number | null }>(
			`SELECT m.id, e.indexed_seq FROM maps m LEFT JOIN catalogue_entries e ON e.map_id = m.id WHERE m.visibility = 'published'`
		);
		let n = 0;
		for (const [i, { id, indexed_seq }] of stale.entries()) {
			// Let requests in between: checking 10,000 maps takes a few hundred ms.
			if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
			if (indexed_seq !== null && indexed_seq >= (await this.seqNow(id))) continue;
			await this.reindex(id);
			n++;
		}
		return n;
	}

	/** True when the database holds no map and no organisation (a first start). */
	async isEmpty(): Promise<boolean> {
		return !(await this.sql.get('SELECT 1 FROM maps LIMIT 1')) && this.orgs.all().length === 0;
	}

	/** Publication settings of a map (undefined for an unknown map). */
	publication(id: string): Promise<Publication | undefined> {
		return this.publications.get(id);
	}

	/**
	 * The role anyone gets without a key: viewer of a published or unlisted map — unless details
	 * are withheld, since the live document holds them all (the public then sees the catalogue page).
	 */
	async publicRole(record: MapRecord): Promise<Role | null> {
		return record.visibility === 'private' ? null : publicRoleWith(record, await this.publications.get(record.id));
	}

	/** Change a map's publication (the caller has checked the facilitator key). */
	async publish(id: string, input: PublishInput): Promise<Publication> {
		// Keys are checked first (a token's use is written apart); the settings are then read and
		// written in one transaction, the map's row locked, so two publishers never undo each other.
		const before = await this.publications.get(id);
		if (!before) throw new CatalogueError(404, 'Map not found');
		let org: Organisation | undefined;
		let mayAttach = false;
		if (input.organisation) {
			org = this.orgs.bySlug(input.organisation);
			if (!org) throw new CatalogueError(400, 'There is no organisation with that name in the catalogue.');
			if (org.id !== before.orgId)
				mayAttach = Boolean(input.memberOrgIds?.includes(org.id)) || (await this.orgs.allows(org.id, input.organisationKey, 'publish')) !== null;
		}
		const description = input.description;
		if (description !== undefined && description.length > 2000) throw new CatalogueError(400, 'The description can be at most 2,000 characters.');
		let sharedWith: number[] | undefined;
		if (input.sharedWith !== undefined) {
			if (input.sharedWith.length > 200) throw new CatalogueError(400, 'A map can be shared with at most 200 organisations.');
			const orgs = input.sharedWith.map((slug) => {
				const org = this.orgs.bySlug(slug);
				if (!org) throw new CatalogueError(400, `There is no organisation “${String(slug).slice(0, 80)}” in the catalogue to share with.`);
				return org.id;
			});
			sharedWith = [...new Set(orgs)].sort((a, b) => a - b);
		}
		const next = await this.sql.tx(async (t) => {
			const current = await this.publications.get(id, t, true);
			if (!current) throw new CatalogueError(404, 'Map not found');
			let orgId = current.orgId;
			if (input.organisation !== undefined) {
				if (!org) orgId = null;
				else {
					if (org.id !== current.orgId && !mayAttach) throw new CatalogueError(403, `To add this map to ${org.name}, enter that organisation’s admin key or a publish token.`);
					orgId = org.id;
				}
			}
			return this.publications.put(
				id,
				{
					...current,
					sharedWith: sharedWith ?? current.sharedWith,
					visibility: input.visibility ?? current.visibility,
					orgId,
					description: (description ?? current.description).trim(),
					licence: input.licence ?? current.licence ?? DEFAULT_LICENCE,
					redaction: input.redaction ?? current.redaction ?? DEFAULT_REDACTION
				},
				t
			);
		});
		// Committed now: put() inside the transaction left telling to us.
		this.publications.onChange?.(id);
		this.snapshots.forget(id);
		if (next.visibility === 'published') await this.reindex(id);
		else await this.following.run(id, () => this.index.remove(id));
		// Visibility, organisation and sharing are read for every answer: the others read everything again.
		this.bus?.catalogueChanged({ map: null });
		return next;
	}

	/** Re-read a published map and index it; takes it out when it is not published. */
	reindex(id: string): Promise<void> {
		return this.following.run(id, async () => {
			const pub = await this.publications.get(id);
			if (pub?.visibility !== 'published') {
				await this.index.remove(id);
				this.bus?.catalogueChanged({ map: id });
				return;
			}
			const seq = await this.seqNow(id);
			await this.put(id, pub, await this.read(id), seq);
		});
	}

	private async put(id: string, pub: Publication, snapshot: MapSnapshot, seq: number): Promise<void> {
		const updated = (await this.sql.get<{ updated_at: number }>('SELECT updated_at FROM maps WHERE id = ?', [id]))?.updated_at ?? Date.now();
		// The index is built from the public snapshot alone, so a withheld name cannot be searched for;
		// without published dates a map's contracts feed nothing to the radar (not even its counts).
		const view = redactSnapshot(snapshot, pub.redaction, this.vocabulary);
		const indexed = publishesContracts(pub.redaction, 'dates') ? view : { ...view, components: view.components.map(({ contracts: _, ...c }) => c) };
		await this.index.put(id, indexed, {
			orgId: pub.orgId,
			description: publicDescription(snapshot, pub.redaction, pub.description),
			updatedAt: updated,
			publishedAt: pub.publishedAt ?? updated,
			seq
		});
		this.bus?.catalogueChanged({ map: id });
	}

	/**
	 * A room's document changed (called about a second after edits): follow it if the map is
	 * published. `seq`: the room's last stored update (all of it is in `doc`). Resolves once the
	 * settings are read: the snapshot is written behind the map's earlier writes; a failure is logged.
	 */
	async docChanged(id: string, doc: Y.Doc, seq?: number): Promise<void> {
		this.snapshots.forget(id);
		let visibility = this.visibilities.get(id);
		if (visibility === undefined) {
			const epoch = this.visibilityEpoch;
			visibility = (await this.publications.get(id))?.visibility ?? null;
			if (this.visibilities.size >= 10_000) this.visibilities.clear();
			if (epoch === this.visibilityEpoch) this.visibilities.set(id, visibility);
		}
		// An unlisted or shared map's cached public view goes on the other instances too.
		if (visibility !== 'published') {
			if (visibility !== null && visibility !== 'private') this.bus?.catalogueChanged({ map: id });
			return;
		}
		// Read after the settings: it may hold edits after `seq` (indexed again later), never fewer.
		const snapshot = readSnapshot(doc);
		this.following.run(id, async () => {
			// Settings read again: the map may have been unpublished or redacted since.
			const now = await this.publications.get(id);
			if (now?.visibility !== 'published') return;
			await this.put(id, now, snapshot, seq ?? (await this.seqNow(id)));
		}).catch((err) => logEvent('catalogue index failed', { map: id, error: describeError(err) }));
	}

	/**
	 * A map as the public may see it: published or unlisted, with withheld details removed.
	 * Undefined for a private or unknown map. Cached until the map changes.
	 */
	async publicSnapshot(id: string): Promise<MapSnapshot | undefined> {
		return (await this.publicView(id))?.snapshot;
	}

	/** A map's public snapshot and the description the catalogue shows beside it (see publicDescription). */
	async publicView(id: string): Promise<PublicView | undefined> {
		const pub = await this.publications.get(id);
		if (!pub || pub.visibility === 'private') return undefined;
		const cached = this.snapshots.get(id);
		if (cached) return cached;
		const full = await this.read(id);
		const view = { snapshot: redactSnapshot(full, pub.redaction, this.vocabulary), description: publicDescription(full, pub.redaction, pub.description) };
		this.snapshots.set(id, view);
		return view;
	}

	/**
	 * Map `id` as seen by the people of organisations `orgIds` (the request's, signed in or by key):
	 * shared with one of them, it is seen as if published to them, with its 'shared' contract groups;
	 * otherwise as the public sees it (publicView). Undefined when they may not see it. Never cached,
	 * so taking an organisation off the share list takes its access away at once.
	 */
	async viewFor(id: string, orgIds: readonly number[]): Promise<AudienceView | undefined> {
		const pub = await this.publications.get(id);
		if (!pub) return undefined;
		if (!pub.sharedWith.some((o) => orgIds.includes(o))) {
			const view = await this.publicView(id);
			return view && { ...view, shared: false };
		}
		const full = await this.read(id);
		const redaction = sharedRedaction(pub.redaction);
		return { snapshot: redactSnapshot(full, redaction, this.vocabulary), description: publicDescription(full, redaction, pub.description), shared: true };
	}

	/** A map's full current snapshot, for callers that checked a key. */
	snapshot(id: string): Promise<MapSnapshot> {
		return this.read(id);
	}

	search(query: SearchQuery): Promise<SearchResult> {
		return searchCatalogue(this.sql, this.index, this.orgs, this.vocabulary, query);
	}

	/** The catalogue entry of a published map. */
	entry(id: string): Promise<CatalogueEntry | undefined> {
		return entryByMapId(this.sql, this.orgs, id);
	}

	/** Published maps of an organisation, by title. */
	organisationMaps(slug: string): Promise<CatalogueEntry[]> {
		const set = this.index.facets.anyOf('org', [slug]);
		return entriesByRid(this.sql, this.orgs, this.index.facets.ordered('title').filter((rid) => set.has(rid)));
	}

	/** Published maps most like a published map by component types, with the share of types in common. */
	async similarMaps(id: string, limit = 5): Promise<{ entry: CatalogueEntry; similarity: number; shared: number }[]> {
		const rid = this.index.rid(id);
		if (rid === undefined) return [];
		const similar = this.index.facets.similar(rid, limit);
		const entries = new Map((await entriesByRid(this.sql, this.orgs, similar.map((s) => s.rid))).map((e) => [e.id, e]));
		return similar.flatMap((s) => {
			const entry = entries.get(this.index.mapId(s.rid) ?? '');
			return entry ? [{ entry, similarity: s.similarity, shared: s.shared }] : [];
		});
	}

	/** Published maps' components as indexed (as published), by map id; for overlays of many maps. */
	async indexedMaps(ids: readonly string[]): Promise<Map<string, MapSnapshot>> {
		const rids = ids.map((id) => this.index.rid(id)).filter((r): r is number => r !== undefined);
		const byRid = await indexedSnapshots(this.sql, rids);
		return new Map([...byRid].map(([rid, map]) => [this.index.mapId(rid)!, map]));
	}

	/** Published maps of an organisation and of the organisations that are part of it (a county and its districts). */
	async familyMaps(slug: string): Promise<CatalogueEntry[]> {
		const org = this.orgs.bySlug(slug);
		if (!org) return [];
		const family = await Promise.all([org, ...this.orgs.children(org.id)].map((o) => this.organisationMaps(o.slug)));
		return family.flat();
	}

	typeUsage(typeId: string, limit?: number): Promise<TypeUsage> {
		return typeUsage(this.sql, this.orgs, this.index, typeId, limit);
	}

	supplier(slug: string, limit?: number): Promise<Footprint | undefined> {
		return supplierFootprint(this.sql, this.orgs, this.index, this.vocabulary, slug, limit);
	}

	product(slug: string, limit?: number): Promise<Footprint | undefined> {
		return productFootprint(this.sql, this.orgs, this.index, this.vocabulary, slug, limit);
	}

	/** Read the radar's table now (after a start), so the first radar asked for does not wait for it. */
	async warmRadar(): Promise<void> {
		await this.radarTable.current();
	}

	/** The renewal radar: published contracts matching `filter` due in the query's window, and joint-procurement opportunities. */
	radar(filter: RadarFilter, query: RadarQuery, today: string): Promise<RadarResult> {
		return radar(this.radarTable, this.orgs, filter, query, today);
	}

	/**
	 * The renewal radar for the people of organisations `orgIds`: the public radar, with each map
	 * shared with them read as shared (its 'shared' dates in) instead of as published. The public
	 * answer when nothing is shared with them. Not memoised: shares change it at once.
	 */
	async radarFor(filter: RadarFilter, query: RadarQuery, today: string, orgIds: readonly number[]): Promise<RadarResult> {
		const shared = [...new Set((await this.publications.sharedWith(orgIds)).map((s) => s.mapId))];
		if (shared.length === 0) return this.radar(filter, query, today);
		const own: RadarRow[] = [];
		const read = new Set<string>();
		for (const id of shared) {
			const pub = await this.publications.get(id);
			const view = pub && (await this.viewFor(id, orgIds));
			// Their dates must reach them; otherwise the map counts as the public sees it.
			if (!pub || !view?.shared || !publishesContracts(sharedRedaction(pub.redaction), 'dates')) continue;
			read.add(id);
			own.push(...sharedRadarRows(view.snapshot, id, this.orgs.get(pub.orgId), pub.fictional, filter, this.vocabulary));
		}
		const { rows, undated, ended } = await radarRows(this.radarTable, this.orgs, filter, query, today, read);
		const result = renewalRadar([...rows, ...own], query, today);
		return { ...result, undated: result.undated + undated, ended: result.ended + ended };
	}

	/** Supplier shares and HHI for a component type. */
	concentration(typeId: string): Promise<Concentration> {
		return typeConcentration(this.radarTable, typeId);
	}

	/** The suppliers holding the most published contracts. */
	contractHolders(limit?: number): Promise<ContractHolder[]> {
		return contractHolders(this.radarTable, limit);
	}
}

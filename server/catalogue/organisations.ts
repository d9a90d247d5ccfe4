// Organisation profiles (councils and other bodies) and their admin keys. Like map links, an
// organisation's admin key is shown once at creation and stored only as a SHA-256 hash. Being
// "part of" an organisation needs its admin key or its admin's approval; names are unique.
import { timingSafeEqual } from 'node:crypto';
import { hashKey, newKey } from '../access.js';
import type { Sql } from '../db/sql.js';
import { OrgAudit } from './org-audit.js';
import { OrgTokens, type TokenScope } from './org-tokens.js';
import { isOrgType, organisationNameKey, slugify, type OrgType } from '../../src/lib/catalogue/index.js';

export interface Organisation {
	readonly id: number;
	readonly slug: string;
	readonly name: string;
	readonly type: OrgType;
	readonly region: string;
	/** The county a district sits in, and so on, as approved by that county; null for none. */
	readonly parentId: number | null;
	/** The organisation it asked to be part of, until that organisation's admin approves; null for none. */
	readonly pendingParentId: number | null;
	readonly website: string;
	readonly description: string;
	/** Demo data: an invented council. */
	readonly fictional: boolean;
	readonly createdAt: number;
}

/**
 * Who was let in: the admin key itself, one of the organisation's API tokens (by name), or a signed-in admin.
 * `label` is how the audit log shows them: "admin key" or "token “CI”".
 */
export type OrgActor =
	| { readonly kind: 'admin key'; readonly label: string }
	| { readonly kind: 'token'; readonly name: string; readonly id: number; readonly label: string }
	/** A signed-in admin of the organisation (given by the SvelteKit side, which knows the session). */
	| { readonly kind: 'user'; readonly userId: number; readonly label: string };

export interface OrganisationInput {
	readonly name: string;
	readonly type: OrgType;
	readonly region?: string;
	/** The organisation it is, or asks to be, part of; null for none; absent to keep it as it is. */
	readonly parentId?: number | null;
	readonly website?: string;
	readonly description?: string;
	readonly fictional?: boolean;
}

interface OrgRow {
	id: number;
	slug: string;
	name: string;
	type: string;
	region: string;
	parent_id: number | null;
	pending_parent_id: number | null;
	website: string;
	description: string;
	fictional: number;
	created_at: number;
}

/** What is held in memory of an organisation: everything but its admin key's hash. */
const COLUMNS = 'id, slug, name, type, region, parent_id, pending_parent_id, website, description, fictional, created_at';

const KEY = /^[A-Za-z0-9_-]{16,128}$/;
/** Slugs the site's own pages use under /catalogue/organisations/. */
const RESERVED_SLUGS = new Set(['new']);

/** Why a profile change is refused: the field it concerns, the HTTP status it becomes, and a message. */
export interface OrganisationRefusal {
	readonly field: 'name' | 'parent' | 'parentKey' | 'member';
	readonly status: 400 | 403 | 404;
	readonly message: string;
}

/** A refused change (see OrganisationRefusal). */
export class OrganisationError extends Error {
	override readonly name = 'OrganisationError';
	constructor(readonly refusal: OrganisationRefusal) {
		super(refusal.message);
	}
}

/** Where an organisation sits: its approved parent and the one it waits for. */
interface Placement {
	readonly parentId: number | null;
	readonly pendingParentId: number | null;
}

function toOrganisation(row: OrgRow): Organisation {
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		type: isOrgType(row.type) ? row.type : 'other',
		region: row.region,
		parentId: row.parent_id,
		pendingParentId: row.pending_parent_id,
		website: row.website,
		description: row.description,
		fictional: row.fictional === 1,
		createdAt: row.created_at
	};
}

/** Check an organisation's fields; returns a message for the first problem, or null. */
export function organisationProblem(input: Partial<OrganisationInput>): string | null {
	const name = input.name?.trim() ?? '';
	if (name.length < 2 || name.length > 200) return 'Enter the organisation’s name (2 to 200 characters).';
	if (!slugify(name)) return 'The name needs at least one letter or digit.';
	if (!isOrgType(input.type)) return 'Choose the type of organisation.';
	if ((input.region ?? '').length > 100) return 'The region can be at most 100 characters.';
	if (input.website && !/^https:\/\/[^\s<>"]{3,300}$/.test(input.website)) return 'The website must be an https:// address.';
	if ((input.description ?? '').length > 2000) return 'The description can be at most 2,000 characters.';
	return null;
}

/**
 * Organisations in the database, all held in memory too (there are hundreds, not millions), so
 * reads are synchronous: load() before first use. Every change reloads the copy.
 */
export class Organisations {
	private readonly sql: Sql;
	private cache: Map<number, Organisation> | null = null;
	/** Loads started: only the latest one's rows are kept (an older one may finish after it). */
	private loads = 0;
	/** Each organisation's API tokens (see org-tokens.ts). */
	readonly tokens: OrgTokens;
	/** Each organisation's log of changes (see org-audit.ts). */
	readonly audit: OrgAudit;
	/** Told after every change here (other instances drop their copies: see Catalogue). */
	onChange: (() => void) | null = null;

	constructor(sql: Sql) {
		this.sql = sql;
		this.tokens = new OrgTokens(sql);
		this.audit = new OrgAudit(sql);
	}

	/** Read every organisation into memory. */
	load(): Promise<void> {
		return this.loadFrom(this.sql);
	}

	/** Read organisations again (another instance changed them); the copy held answers until then. */
	forget(): Promise<void> {
		return this.load();
	}

	private async loadFrom(sql: Sql): Promise<void> {
		const n = ++this.loads;
		const rows = await sql.all<OrgRow>(`SELECT ${COLUMNS} FROM organisations`);
		// By name in code points on both databases (PostgreSQL's collation would order them otherwise).
		rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
		if (n === this.loads) this.cache = new Map(rows.map((r) => [r.id, toOrganisation(r)]));
	}

	private get byId(): Map<number, Organisation> {
		if (!this.cache) throw new Error('Organisations read before load()');
		return this.cache;
	}

	/**
	 * Start a change: other instances' changes to organisations wait for this transaction
	 * (PostgreSQL; SQLite's transactions hold the write lock already) and the copy in memory is
	 * read again under that lock, so names, slugs and parent loops are checked against every
	 * committed organisation. Row locks would not do: a duplicate name or a loop spans rows.
	 */
	private async lockAndRead(t: Sql): Promise<void> {
		if (t.dialect === 'postgres') await t.exec('LOCK TABLE organisations IN SHARE ROW EXCLUSIVE MODE');
		await this.loadFrom(t);
	}

	/** After a change has committed: the copy is read again and the other instances told. */
	private async changed(): Promise<void> {
		await this.load();
		this.onChange?.();
	}

	/** Every organisation, by name. */
	all(): Organisation[] {
		return [...this.byId.values()];
	}

	get(id: number | null | undefined): Organisation | undefined {
		return id == null ? undefined : this.byId.get(id);
	}

	bySlug(slug: string): Organisation | undefined {
		for (const o of this.byId.values()) if (o.slug === slug) return o;
		return undefined;
	}

	/** The organisation whose name is the same as `name` (see organisationNameKey), other than `exceptId`. */
	sameName(name: string, exceptId?: number): Organisation | undefined {
		const key = organisationNameKey(name);
		for (const o of this.byId.values()) if (o.id !== exceptId && organisationNameKey(o.name) === key) return o;
		return undefined;
	}

	/**
	 * What refuses `input` for a new organisation (`id` null) or for organisation `id`: a name
	 * already taken, a parent that would make a loop, a wrong admin key for a new parent.
	 * `parentKey` is the admin key offered for the parent asked for; empty asks its admin instead.
	 */
	async refusals(input: Partial<OrganisationInput>, id: number | null, parentKey?: string | null): Promise<OrganisationRefusal[]> {
		return this.refusalsNow(input, id, parentKey, await this.parentActor(input.parentId, parentKey));
	}

	/** Who `parentKey` lets act as the admin of the parent asked for: null for none (or no key). */
	private async parentActor(parentId: number | null | undefined, parentKey: string | null | undefined): Promise<OrgActor | null> {
		return parentId == null || !parentKey ? null : this.allows(parentId, parentKey, 'admin');
	}

	/** refusals(), with the parent's key already checked (`parentActor`). */
	private refusalsNow(input: Partial<OrganisationInput>, id: number | null, parentKey: string | null | undefined, parentActor: OrgActor | null): OrganisationRefusal[] {
		const current = this.get(id);
		const out: OrganisationRefusal[] = [];
		// Names already shared before names had to differ may keep them while nothing else changes.
		const renamed = input.name !== undefined && (!current || organisationNameKey(input.name) !== organisationNameKey(current.name));
		const taken = renamed ? this.sameName(input.name!, current?.id) : undefined;
		if (taken) out.push({ field: 'name', status: 400, message: `${taken.name} is already in the catalogue: if it is your organisation, ask whoever added it for its admin key` });
		const parent = this.get(input.parentId);
		if (!parent || parent.id === current?.parentId) return out;
		if (current && parent.id === current.id) out.push({ field: 'parent', status: 400, message: 'An organisation cannot be part of itself' });
		else if (current && this.ancestors(parent.id).includes(current.id))
			out.push({ field: 'parent', status: 400, message: `${parent.name} is part of ${current.name}, so ${current.name} cannot be part of it` });
		else if (parentKey && !parentActor)
			out.push({ field: 'parentKey', status: 403, message: `That is not the admin key of ${parent.name}: check it, or leave it empty to ask ${parent.name}’s admin to approve` });
		return out;
	}

	/** Organisations above `id`, nearest first (stops at a loop left by older data). */
	private ancestors(id: number): number[] {
		const out: number[] = [];
		for (let o = this.get(id); o?.parentId != null && !out.includes(o.parentId) && o.parentId !== id; o = this.get(o.parentId)) out.push(o.parentId);
		return out;
	}

	/** Where `current` (or a new organisation) sits after asking for `requested`, its admin's key being `parentActor`'s. Call after refusals. */
	private placement(current: Organisation | undefined, requested: number | null | undefined, parentActor: OrgActor | null): Placement {
		const now = { parentId: current?.parentId ?? null, pendingParentId: current?.pendingParentId ?? null };
		if (requested === undefined) return now;
		const parent = this.get(requested);
		if (!parent) return { parentId: null, pendingParentId: null };
		if (parent.id === now.parentId || parentActor) return { parentId: parent.id, pendingParentId: null };
		return { parentId: now.parentId, pendingParentId: parent.id };
	}

	private refuse(input: Partial<OrganisationInput>, id: number | null, parentKey: string | null | undefined, parentActor: OrgActor | null): void {
		const problem = organisationProblem(input);
		if (problem) throw new RangeError(problem);
		const [refusal] = this.refusalsNow(input, id, parentKey, parentActor);
		if (refusal) throw new OrganisationError(refusal);
	}

	/**
	 * Create an organisation; returns it and its admin key (shown once, never stored). With a
	 * parent, `parentKey` (that parent's admin key) makes it part of the parent at once; without
	 * it the parent's admin is asked (pendingParentId). Throws OrganisationError when refused.
	 */
	async create(input: OrganisationInput, parentKey?: string | null): Promise<{ organisation: Organisation; adminKey: string }> {
		const problem = organisationProblem(input);
		if (problem) throw new RangeError(problem);
		const parentActor = await this.parentActor(input.parentId, parentKey);
		const adminKey = newKey();
		const id = await this.sql.tx(async (t) => {
			await this.lockAndRead(t);
			this.refuse(input, null, parentKey, parentActor);
			const place = this.placement(undefined, input.parentId ?? null, parentActor);
			const base = slugify(input.name);
			let slug = base;
			for (let i = 2; this.bySlug(slug) || RESERVED_SLUGS.has(slug); i++) slug = `${base}-${i}`;
			const row = await t.get<{ id: number }>(
				`INSERT INTO organisations (slug, name, type, region, parent_id, pending_parent_id, website, description, fictional, admin_hash, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
				[
					slug,
					input.name.trim(),
					input.type,
					input.region?.trim() ?? '',
					place.parentId,
					place.pendingParentId,
					input.website?.trim() ?? '',
					input.description?.trim() ?? '',
					input.fictional ? 1 : 0,
					Buffer.from(hashKey(adminKey)),
					Date.now()
				]
			);
			return row!.id;
		});
		await this.changed();
		const organisation = this.get(id)!;
		await this.audit.record(organisation.id, 'admin key', 'organisation created', organisation.name);
		await this.recordPlacement(organisation, undefined, parentActor);
		return { organisation, adminKey };
	}

	/**
	 * Change a profile's fields (the slug stays, so links keep working). A new parent needs its
	 * admin key (`parentKey`) or waits for its admin's approval; leaving needs neither.
	 */
	async update(id: number, patch: Partial<OrganisationInput>, parentKey?: string | null): Promise<Organisation> {
		const before = this.get(id);
		const parentActor = await this.parentActor(patch.parentId === undefined ? before?.parentId : patch.parentId, parentKey);
		const current = await this.sql.tx(async (t) => {
			await this.lockAndRead(t);
			const current = this.get(id);
			if (!current) throw new RangeError('No such organisation.');
			const next = { ...current, ...patch };
			this.refuse(next, id, parentKey, parentActor);
			const place = this.placement(current, patch.parentId, parentActor);
			await t.run('UPDATE organisations SET name = ?, type = ?, region = ?, parent_id = ?, pending_parent_id = ?, website = ?, description = ? WHERE id = ?', [
				next.name.trim(),
				next.type,
				next.region.trim(),
				place.parentId,
				place.pendingParentId,
				next.website.trim(),
				next.description.trim(),
				id
			]);
			return current;
		});
		await this.changed();
		const updated = this.get(id)!;
		await this.recordPlacement(updated, current, parentActor);
		return updated;
	}

	/** Log, in the parent's audit log, `org` joining it with its key or token (`parentActor`), or asking to. */
	private async recordPlacement(org: Organisation, before: Organisation | undefined, parentActor: OrgActor | null): Promise<void> {
		if (org.parentId !== null && org.parentId !== (before?.parentId ?? null))
			await this.audit.record(org.parentId, parentActor ? parentActor.label : `admin of ${org.name}`, 'member added', org.name);
		if (org.pendingParentId !== null && org.pendingParentId !== (before?.pendingParentId ?? null))
			await this.audit.record(org.pendingParentId, `admin of ${org.name}`, 'membership requested', org.name);
	}

	/** Organisations asking to be part of `id`, waiting for its admin (by name). */
	requests(id: number): Organisation[] {
		return this.all().filter((o) => o.pendingParentId === id);
	}

	/** Approve `memberId`'s request to be part of `parentId` (the caller has checked the parent's admin key). */
	async approve(parentId: number, memberId: number): Promise<Organisation> {
		await this.sql.tx(async (t) => {
			await this.lockAndRead(t);
			const parent = this.get(parentId);
			const member = this.get(memberId);
			if (!parent || !member || member.pendingParentId !== parentId)
				throw new OrganisationError({ field: 'member', status: 404, message: `${member?.name ?? 'That organisation'} has not asked to be part of ${parent?.name ?? 'it'}` });
			if (this.ancestors(parentId).includes(memberId))
				throw new OrganisationError({ field: 'member', status: 400, message: `${parent.name} is part of ${member.name}, so ${member.name} cannot be part of it` });
			await this.place(t, memberId, { parentId, pendingParentId: null });
		});
		await this.changed();
		return this.get(memberId)!;
	}

	/**
	 * Decline `memberId`'s request to be part of `parentId`, or remove it from `parentId`'s members
	 * (the caller has checked the parent's admin key). Returns what was done.
	 */
	async release(parentId: number, memberId: number): Promise<'declined' | 'removed'> {
		const done = await this.sql.tx(async (t) => {
			await this.lockAndRead(t);
			const parent = this.get(parentId);
			const member = this.get(memberId);
			if (member && member.pendingParentId === parentId) {
				await this.place(t, memberId, { parentId: member.parentId, pendingParentId: null });
				return 'declined' as const;
			}
			if (member && member.parentId === parentId) {
				await this.place(t, memberId, { parentId: null, pendingParentId: member.pendingParentId });
				return 'removed' as const;
			}
			throw new OrganisationError({ field: 'member', status: 404, message: `${member?.name ?? 'That organisation'} is not part of ${parent?.name ?? 'it'} and has not asked to be` });
		});
		await this.changed();
		return done;
	}

	private async place(t: Sql, id: number, place: Placement): Promise<void> {
		await t.run('UPDATE organisations SET parent_id = ?, pending_parent_id = ? WHERE id = ?', [place.parentId, place.pendingParentId, id]);
	}

	/**
	 * Who `key` lets act for organisation `id` with `scope`: its admin key (any scope), or one of
	 * its tokens whose scope covers `scope`; null for neither. Every check of admin rights goes here.
	 */
	async allows(id: number, key: string | null | undefined, scope: TokenScope): Promise<OrgActor | null> {
		if (await this.verifyKey(id, key)) return { kind: 'admin key', label: 'admin key' };
		const token = await this.tokens.use(id, key, scope);
		return token ? { kind: 'token', name: token.name, id: token.id, label: `token “${token.name}”` } : null;
	}

	/** True when `key` is the organisation's admin key itself (constant-time comparison); see allows(). */
	async verifyKey(id: number, key: string | null | undefined): Promise<boolean> {
		if (!key || !KEY.test(key)) return false;
		const row = await this.sql.get<{ admin_hash: Buffer }>('SELECT admin_hash FROM organisations WHERE id = ?', [id]);
		if (!row) return false;
		const hash = hashKey(key);
		return row.admin_hash.length === hash.length && timingSafeEqual(row.admin_hash, hash);
	}

	/** Organisations whose parent is `id` (the districts of a county), approved by its admin. */
	children(id: number): Organisation[] {
		return this.all().filter((o) => o.parentId === id);
	}
}

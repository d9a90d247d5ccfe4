// Organisation profiles (councils and other bodies) and their admin keys. Like map links, an
// organisation's admin key is shown once at creation and stored only as a SHA-256 hash. Being
// "part of" an organisation needs its admin key or its admin's approval; names are unique.
import { timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { hashKey, newKey } from '../access.js';
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

/** Organisations in SQLite, all held in memory too (there are hundreds, not millions). */
export class Organisations {
	private readonly db: Database.Database;
	private cache: Map<number, Organisation> | null = null;
	/** Each organisation's API tokens (see org-tokens.ts). */
	readonly tokens: OrgTokens;
	/** Each organisation's log of changes (see org-audit.ts). */
	readonly audit: OrgAudit;
	/** Told after every change here (other instances drop their copies: see Catalogue). */
	onChange: (() => void) | null = null;

	constructor(db: Database.Database) {
		this.db = db;
		this.tokens = new OrgTokens(db);
		this.audit = new OrgAudit(db);
	}

	/** Read organisations again on next use (another instance changed them). */
	forget(): void {
		this.cache = null;
	}

	private load(): Map<number, Organisation> {
		if (!this.cache) {
			const rows = this.db.prepare('SELECT * FROM organisations ORDER BY name').all() as OrgRow[];
			this.cache = new Map(rows.map((r) => [r.id, toOrganisation(r)]));
		}
		return this.cache;
	}

	/** Every organisation, by name. */
	all(): Organisation[] {
		return [...this.load().values()];
	}

	get(id: number | null | undefined): Organisation | undefined {
		return id == null ? undefined : this.load().get(id);
	}

	bySlug(slug: string): Organisation | undefined {
		for (const o of this.load().values()) if (o.slug === slug) return o;
		return undefined;
	}

	/** The organisation whose name is the same as `name` (see organisationNameKey), other than `exceptId`. */
	sameName(name: string, exceptId?: number): Organisation | undefined {
		const key = organisationNameKey(name);
		for (const o of this.load().values()) if (o.id !== exceptId && organisationNameKey(o.name) === key) return o;
		return undefined;
	}

	/**
	 * What refuses `input` for a new organisation (`id` null) or for organisation `id`: a name
	 * already taken, a parent that would make a loop, a wrong admin key for a new parent.
	 * `parentKey` is the admin key offered for the parent asked for; empty asks its admin instead.
	 */
	refusals(input: Partial<OrganisationInput>, id: number | null, parentKey?: string | null): OrganisationRefusal[] {
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
		else if (parentKey && !this.allows(parent.id, parentKey, 'admin'))
			out.push({ field: 'parentKey', status: 403, message: `That is not the admin key of ${parent.name}: check it, or leave it empty to ask ${parent.name}’s admin to approve` });
		return out;
	}

	/** Organisations above `id`, nearest first (stops at a loop left by older data). */
	private ancestors(id: number): number[] {
		const out: number[] = [];
		for (let o = this.get(id); o?.parentId != null && !out.includes(o.parentId) && o.parentId !== id; o = this.get(o.parentId)) out.push(o.parentId);
		return out;
	}

	/** Where `current` (or a new organisation) sits after asking for `requested` with `parentKey`. Call after refusals(). */
	private placement(current: Organisation | undefined, requested: number | null | undefined, parentKey: string | null | undefined): Placement {
		const now = { parentId: current?.parentId ?? null, pendingParentId: current?.pendingParentId ?? null };
		if (requested === undefined) return now;
		const parent = this.get(requested);
		if (!parent) return { parentId: null, pendingParentId: null };
		if (parent.id === now.parentId || this.allows(parent.id, parentKey, 'admin')) return { parentId: parent.id, pendingParentId: null };
		return { parentId: now.parentId, pendingParentId: parent.id };
	}

	private refuse(input: Partial<OrganisationInput>, id: number | null, parentKey: string | null | undefined): void {
		const problem = organisationProblem(input);
		if (problem) throw new RangeError(problem);
		const [refusal] = this.refusals(input, id, parentKey);
		if (refusal) throw new OrganisationError(refusal);
	}

	/**
	 * Create an organisation; returns it and its admin key (shown once, never stored). With a
	 * parent, `parentKey` (that parent's admin key) makes it part of the parent at once; without
	 * it the parent's admin is asked (pendingParentId). Throws OrganisationError when refused.
	 */
	create(input: OrganisationInput, parentKey?: string | null): { organisation: Organisation; adminKey: string } {
		this.refuse(input, null, parentKey);
		const place = this.placement(undefined, input.parentId ?? null, parentKey);
		const base = slugify(input.name);
		let slug = base;
		for (let i = 2; this.bySlug(slug) || RESERVED_SLUGS.has(slug); i++) slug = `${base}-${i}`;
		const adminKey = newKey();
		const info = this.db
			.prepare(
				`INSERT INTO organisations (slug, name, type, region, parent_id, pending_parent_id, website, description, fictional, admin_hash, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
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
			);
		this.cache = null;
		this.onChange?.();
		const organisation = this.get(Number(info.lastInsertRowid))!;
		this.audit.record(organisation.id, 'admin key', 'organisation created', organisation.name);
		this.recordPlacement(organisation, undefined, parentKey);
		return { organisation, adminKey };
	}

	/**
	 * Change a profile's fields (the slug stays, so links keep working). A new parent needs its
	 * admin key (`parentKey`) or waits for its admin's approval; leaving needs neither.
	 */
	update(id: number, patch: Partial<OrganisationInput>, parentKey?: string | null): Organisation {
		const current = this.get(id);
		if (!current) throw new RangeError('No such organisation.');
		const next = { ...current, ...patch };
		this.refuse(next, id, parentKey);
		const place = this.placement(current, patch.parentId, parentKey);
		this.db
			.prepare('UPDATE organisations SET name = ?, type = ?, region = ?, parent_id = ?, pending_parent_id = ?, website = ?, description = ? WHERE id = ?')
			.run(next.name.trim(), next.type, next.region.trim(), place.parentId, place.pendingParentId, next.website.trim(), next.description.trim(), id);
		this.cache = null;
		this.onChange?.();
		const updated = this.get(id)!;
		this.recordPlacement(updated, current, parentKey);
		return updated;
	}

	/** Log, in the parent's audit log, `org` joining it with its key or token, or asking to. */
	private recordPlacement(org: Organisation, before: Organisation | undefined, parentKey: string | null | undefined): void {
		if (org.parentId !== null && org.parentId !== (before?.parentId ?? null)) {
			const actor = this.allows(org.parentId, parentKey, 'admin');
			this.audit.record(org.parentId, actor ? actor.label : `admin of ${org.name}`, 'member added', org.name);
		}
		if (org.pendingParentId !== null && org.pendingParentId !== (before?.pendingParentId ?? null))
			this.audit.record(org.pendingParentId, `admin of ${org.name}`, 'membership requested', org.name);
	}

	/** Organisations asking to be part of `id`, waiting for its admin (by name). */
	requests(id: number): Organisation[] {
		return this.all().filter((o) => o.pendingParentId === id);
	}

	/** Approve `memberId`'s request to be part of `parentId` (the caller has checked the parent's admin key). */
	approve(parentId: number, memberId: number): Organisation {
		const parent = this.get(parentId);
		const member = this.get(memberId);
		if (!parent || !member || member.pendingParentId !== parentId)
			throw new OrganisationError({ field: 'member', status: 404, message: `${member?.name ?? 'That organisation'} has not asked to be part of ${parent?.name ?? 'it'}` });
		if (this.ancestors(parentId).includes(memberId))
			throw new OrganisationError({ field: 'member', status: 400, message: `${parent.name} is part of ${member.name}, so ${member.name} cannot be part of it` });
		this.place(memberId, { parentId, pendingParentId: null });
		return this.get(memberId)!;
	}

	/**
	 * Decline `memberId`'s request to be part of `parentId`, or remove it from `parentId`'s members
	 * (the caller has checked the parent's admin key). Returns what was done.
	 */
	release(parentId: number, memberId: number): 'declined' | 'removed' {
		const parent = this.get(parentId);
		const member = this.get(memberId);
		if (member && member.pendingParentId === parentId) {
			this.place(memberId, { parentId: member.parentId, pendingParentId: null });
			return 'declined';
		}
		if (member && member.parentId === parentId) {
			this.place(memberId, { parentId: null, pendingParentId: member.pendingParentId });
			return 'removed';
		}
		throw new OrganisationError({ field: 'member', status: 404, message: `${member?.name ?? 'That organisation'} is not part of ${parent?.name ?? 'it'} and has not asked to be` });
	}

	private place(id: number, place: Placement): void {
		this.db.prepare('UPDATE organisations SET parent_id = ?, pending_parent_id = ? WHERE id = ?').run(place.parentId, place.pendingParentId, id);
		this.cache = null;
		this.onChange?.();
	}

	/**
	 * Who `key` lets act for organisation `id` with `scope`: its admin key (any scope), or one of
	 * its tokens whose scope covers `scope`; null for neither. Every check of admin rights goes here.
	 */
	allows(id: number, key: string | null | undefined, scope: TokenScope): OrgActor | null {
		if (this.verifyKey(id, key)) return { kind: 'admin key', label: 'admin key' };
		const token = this.tokens.use(id, key, scope);
		return token ? { kind: 'token', name: token.name, id: token.id, label: `token “${token.name}”` } : null;
	}

	/** True when `key` is the organisation's admin key itself (constant-time comparison); see allows(). */
	verifyKey(id: number, key: string | null | undefined): boolean {
		if (!key || !KEY.test(key)) return false;
		const row = this.db.prepare('SELECT admin_hash FROM organisations WHERE id = ?').get(id) as { admin_hash: Buffer } | undefined;
		if (!row) return false;
		const hash = hashKey(key);
		return row.admin_hash.length === hash.length && timingSafeEqual(row.admin_hash, hash);
	}

	/** Organisations whose parent is `id` (the districts of a county), approved by its admin. */
	children(id: number): Organisation[] {
		return this.all().filter((o) => o.parentId === id);
	}
}

// Organisation profiles (councils and other bodies) and their admin keys. Like map links, an
// organisation's admin key is shown once at creation and stored only as a SHA-256 hash.
import { timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { hashKey, newKey } from '../access.js';
import { isOrgType, slugify, type OrgType } from '../../src/lib/catalogue/index.js';

export interface Organisation {
	readonly id: number;
	readonly slug: string;
	readonly name: string;
	readonly type: OrgType;
	readonly region: string;
	/** The county a district sits in, and so on; null for none. */
	readonly parentId: number | null;
	readonly website: string;
	readonly description: string;
	/** Demo data: an invented council. */
	readonly fictional: boolean;
	readonly createdAt: number;
}

export interface OrganisationInput {
	readonly name: string;
	readonly type: OrgType;
	readonly region?: string;
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
	website: string;
	description: string;
	fictional: number;
	created_at: number;
}

const KEY = /^[A-Za-z0-9_-]{16,128}$/;

function toOrganisation(row: OrgRow): Organisation {
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		type: isOrgType(row.type) ? row.type : 'other',
		region: row.region,
		parentId: row.parent_id,
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

	constructor(db: Database.Database) {
		this.db = db;
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

	/** Create an organisation; returns it and its admin key (shown once, never stored). */
	create(input: OrganisationInput): { organisation: Organisation; adminKey: string } {
		const problem = organisationProblem(input);
		if (problem) throw new RangeError(problem);
		const base = slugify(input.name);
		let slug = base;
		for (let i = 2; this.bySlug(slug); i++) slug = `${base}-${i}`;
		const adminKey = newKey();
		const info = this.db
			.prepare(
				`INSERT INTO organisations (slug, name, type, region, parent_id, website, description, fictional, admin_hash, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				slug,
				input.name.trim(),
				input.type,
				input.region?.trim() ?? '',
				this.get(input.parentId)?.id ?? null,
				input.website?.trim() ?? '',
				input.description?.trim() ?? '',
				input.fictional ? 1 : 0,
				Buffer.from(hashKey(adminKey)),
				Date.now()
			);
		this.cache = null;
		return { organisation: this.get(Number(info.lastInsertRowid))!, adminKey };
	}

	/** Change a profile's fields (the slug stays, so links keep working). */
	update(id: number, patch: Partial<OrganisationInput>): Organisation {
		const current = this.get(id);
		if (!current) throw new RangeError('No such organisation.');
		const next = { ...current, ...patch };
		const problem = organisationProblem(next);
		if (problem) throw new RangeError(problem);
		const parentId = next.parentId === id ? null : (this.get(next.parentId)?.id ?? null);
		this.db
			.prepare('UPDATE organisations SET name = ?, type = ?, region = ?, parent_id = ?, website = ?, description = ? WHERE id = ?')
			.run(next.name.trim(), next.type, next.region.trim(), parentId, next.website.trim(), next.description.trim(), id);
		this.cache = null;
		return this.get(id)!;
	}

	/** True when `key` is the organisation's admin key (constant-time comparison). */
	verifyKey(id: number, key: string | null | undefined): boolean {
		if (!key || !KEY.test(key)) return false;
		const row = this.db.prepare('SELECT admin_hash FROM organisations WHERE id = ?').get(id) as { admin_hash: Buffer } | undefined;
		if (!row) return false;
		const hash = hashKey(key);
		return row.admin_hash.length === hash.length && timingSafeEqual(row.admin_hash, hash);
	}

	/** Organisations whose parent is `id` (the districts of a county). */
	children(id: number): Organisation[] {
		return this.all().filter((o) => o.parentId === id);
	}
}

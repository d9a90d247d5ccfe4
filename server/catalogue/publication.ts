// A map's publication settings (organisation, description, licence, withheld details), kept in
// `map_meta` beside the store's `maps` row, whose `visibility` column says who may see the map,
// and the organisations it is shared with (`map_shares`).
import type { Sql } from '../db/sql.js';
import { forUpdate } from '../db/sql.js';
import { contractLevel, DEFAULT_LICENCE, DEFAULT_REDACTION, LICENCES, type LicenceId, type Redaction } from '../../src/lib/catalogue/index.js';
import { VISIBILITIES, type Visibility } from '../../src/lib/catalogue/visibility.js';

export interface Publication {
	readonly visibility: Visibility;
	readonly orgId: number | null;
	/** Shown on the catalogue; '' means the map's own description. */
	readonly description: string;
	readonly licence: LicenceId;
	/** When the map was first published (ms), or null. */
	readonly publishedAt: number | null;
	readonly redaction: Redaction;
	/** Demo data about an invented council. */
	readonly fictional: boolean;
	/** The map this one was forked from, if any. */
	readonly forkedFrom: string | null;
	/** Ids of the organisations the map is shared with (their people see its 'shared' groups, and the map when it is not published). */
	readonly sharedWith: readonly number[];
}

/** The `map_meta` columns holding a Redaction. */
export interface RedactionColumns {
	redact_products: number | null;
	redact_suppliers: number | null;
	redact_notes: number | null;
	contract_dates: string | null;
	contract_costs: string | null;
	contract_references: string | null;
}

/** The Redaction stored in `row`. */
export function redactionOf(row: RedactionColumns): Redaction {
	return {
		products: row.redact_products === 1,
		suppliers: row.redact_suppliers === 1,
		notes: row.redact_notes === 1,
		// A level this version does not know reads as private.
		contracts: {
			dates: contractLevel(row.contract_dates) ?? 'private',
			costs: contractLevel(row.contract_costs) ?? 'private',
			references: contractLevel(row.contract_references) ?? 'private'
		}
	};
}

interface MetaRow extends RedactionColumns {
	org_id: number | null;
	description: string;
	licence: string;
	published_at: number | null;
	fictional: number;
	forked_from: string | null;
	visibility: string | null;
}

function licenceId(value: string): LicenceId {
	return LICENCES.find((l) => l.id === value)?.id ?? DEFAULT_LICENCE;
}

/** Reads and writes publication settings; visibility goes to the `maps` row in the same transaction. */
export class Publications {
	/** Told the map whose settings (visibility included) a write changed, once it is committed. */
	onChange: ((id: string) => void) | null = null;

	constructor(private readonly sql: Sql) {}

	/**
	 * The settings of a map (defaults when it has none); undefined for an unknown map. `db`: a
	 * transaction to read in, where `lock` holds the map's row until it ends (see publish).
	 */
	async get(id: string, db: Sql = this.sql, lock = false): Promise<Publication | undefined> {
		// Locked apart: PostgreSQL refuses FOR UPDATE on the nullable side of the outer join below.
		if (lock && !(await db.get(`SELECT id FROM maps WHERE id = ?${forUpdate(db)}`, [id]))) return undefined;
		const row = await db.get<MetaRow>(
			`SELECT m.visibility, mm.org_id, mm.description, mm.licence, mm.published_at, mm.redact_products,
			        mm.redact_suppliers, mm.redact_notes, mm.contract_dates, mm.contract_costs, mm.contract_references, mm.fictional, mm.forked_from
			 FROM maps m LEFT JOIN map_meta mm ON mm.map_id = m.id WHERE m.id = ?`,
			[id]
		);
		if (!row) return undefined;
		const shares = await db.all<{ org_id: number }>('SELECT org_id FROM map_shares WHERE map_id = ? ORDER BY org_id', [id]);
		const visibility = VISIBILITIES.includes(row.visibility as Visibility) ? (row.visibility as Visibility) : 'private';
		return {
			visibility,
			orgId: row.org_id ?? null,
			description: row.description ?? '',
			licence: licenceId(row.licence ?? DEFAULT_LICENCE),
			publishedAt: row.published_at ?? null,
			redaction: row.licence === null ? DEFAULT_REDACTION : redactionOf(row),
			fictional: row.fictional === 1,
			forkedFrom: row.forked_from ?? null,
			sharedWith: shares.map((r) => r.org_id)
		};
	}

	/**
	 * Write settings (visibility included) atomically; stamps `publishedAt` the first time a map is
	 * published. `db`: the transaction it joins, if any.
	 */
	async put(id: string, next: Publication, db: Sql = this.sql): Promise<Publication> {
		const publishedAt = next.publishedAt ?? (next.visibility === 'published' ? Date.now() : null);
		await db.tx(async (t) => {
			await t.run('UPDATE maps SET visibility = ? WHERE id = ?', [next.visibility, id]);
			await t.run(
				`INSERT INTO map_meta (map_id, org_id, description, licence, published_at, redact_products, redact_suppliers, redact_notes,
				   contract_dates, contract_costs, contract_references, fictional, forked_from)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (map_id) DO UPDATE SET org_id = excluded.org_id, description = excluded.description, licence = excluded.licence,
				   published_at = excluded.published_at, redact_products = excluded.redact_products, redact_suppliers = excluded.redact_suppliers,
				   redact_notes = excluded.redact_notes, contract_dates = excluded.contract_dates, contract_costs = excluded.contract_costs,
				   contract_references = excluded.contract_references, fictional = excluded.fictional, forked_from = excluded.forked_from`,
				[
					id,
					next.orgId,
					next.description,
					next.licence,
					publishedAt,
					next.redaction.products,
					next.redaction.suppliers,
					next.redaction.notes,
					next.redaction.contracts.dates,
					next.redaction.contracts.costs,
					next.redaction.contracts.references,
					next.fictional,
					next.forkedFrom
				]
			);
			// The whole list is replaced in the same transaction: an organisation left out loses access with the commit.
			await t.run('DELETE FROM map_shares WHERE map_id = ?', [id]);
			for (const orgId of next.sharedWith) await t.run('INSERT INTO map_shares (map_id, org_id) VALUES (?, ?) ON CONFLICT (map_id, org_id) DO NOTHING', [id, orgId]);
		});
		// Inside a caller's transaction the commit is the caller's: it tells onChange after it.
		if (db === this.sql) this.onChange?.(id);
		return { ...next, publishedAt };
	}

	/** The maps shared with any of `orgIds`, and with which of them, by map id. */
	async sharedWith(orgIds: readonly number[]): Promise<{ mapId: string; orgId: number }[]> {
		if (orgIds.length === 0) return [];
		// Quoted aliases: PostgreSQL folds unquoted names to lower case.
		return this.sql.all<{ mapId: string; orgId: number }>(
			`SELECT map_id AS "mapId", org_id AS "orgId" FROM map_shares WHERE org_id IN (${orgIds.map(() => '?').join(', ')}) ORDER BY map_id, org_id`,
			orgIds
		);
	}

	/** Ids of every published map (for rebuilding the index). */
	async publishedIds(): Promise<string[]> {
		return (await this.sql.all<{ id: string }>(`SELECT id FROM maps WHERE visibility = 'published'`)).map((r) => r.id);
	}
}

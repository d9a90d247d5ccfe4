// Read OCDS notices (Open Contracting Data Standard, as Contracts Finder and Find a Tender publish
// them): a release package or a record package. Releases of one ocid are merged, the latest date
// winning for each field; each award (or contract) becomes a row. Pure: JSON text in.
import type { Money } from '../../map/types.js';
import { readDate } from './dates.js';
import type { BadRow, RegisterRow } from './types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface OcdsRead {
	readonly rows: RegisterRow[];
	readonly bad: BadRow[];
	/** A problem with the whole file (not JSON, not a package); nothing was read. */
	readonly error: string;
	/** Contracting processes (ocids) found. */
	readonly processes: number;
}

/**
 * Merge `next` over `base` as OCDS merging does, simplified: objects merge field by field; lists of
 * objects with ids merge entry by id; anything else in `next` replaces what was there.
 */
function merge(base: unknown, next: unknown): unknown {
	if (isObj(base) && isObj(next)) {
		const out: Obj = { ...base };
		for (const [k, v] of Object.entries(next)) out[k] = v === null ? undefined : merge(base[k], v);
		return out;
	}
	if (Array.isArray(base) && Array.isArray(next) && next.every((e) => isObj(e) && 'id' in e)) {
		const out = base.filter(isObj).map((e) => ({ ...e }));
		for (const e of next as Obj[]) {
			const at = out.findIndex((o) => str(o.id) === str(e.id));
			if (at >= 0) out[at] = merge(out[at], e) as Obj;
			else out.push(e);
		}
		return out;
	}
	return next === undefined ? base : next;
}

function money(value: unknown): Money | null {
	if (!isObj(value)) return null;
	const amount = typeof value.amount === 'number' ? value.amount : Number(str(value.amount));
	if (!Number.isFinite(amount) || amount < 0 || str(value.amount) === '') return null;
	const currency = str(value.currency) || 'GBP';
	return currency === 'GBP' ? { exact: Math.round(amount * 100) / 100, band: '' } : { exact: null, band: `${currency} ${amount}` };
}

function cpvCodes(tender: Obj): string[] {
	const out: string[] = [];
	const add = (c: unknown) => {
		if (isObj(c) && /cpv/i.test(str(c.scheme)) && str(c.id)) out.push(str(c.id).replace(/-\d$/, ''));
	};
	add(tender.classification);
	for (const item of list(tender.items)) if (isObj(item)) {
		add(item.classification);
		for (const c of list(item.additionalClassifications)) add(c);
	}
	return [...new Set(out)];
}

/** Supplier names of an award: its `suppliers[].name`, else the parties its ids point to. */
function supplierNames(award: Obj, parties: Obj[]): string {
	const names = list(award.suppliers).map((s) => {
		if (!isObj(s)) return '';
		return str(s.name) || str(parties.find((p) => str(p.id) === str(s.id))?.name);
	});
	return names.filter(Boolean).join('; ');
}

/** The releases of a package in date order, or why there are none. */
function releasesOf(pkg: unknown): Obj[] | string {
	if (Array.isArray(pkg)) return pkg.filter(isObj);
	if (!isObj(pkg)) return 'not an OCDS package: expected an object with "releases" or "records"';
	if (Array.isArray(pkg.releases)) return pkg.releases.filter(isObj);
	if (Array.isArray(pkg.records)) {
		const out: Obj[] = [];
		for (const r of pkg.records) {
			if (!isObj(r)) continue;
			// A record's compiled release is already merged; otherwise its embedded releases are.
			if (isObj(r.compiledRelease)) out.push({ ...r.compiledRelease, ocid: str(r.compiledRelease.ocid) || str(r.ocid) });
			else out.push(...list(r.releases).filter((x): x is Obj => isObj(x) && 'date' in x));
		}
		return out;
	}
	if ('ocid' in pkg) return [pkg];
	return 'not an OCDS package: expected an object with "releases" or "records"';
}

/** Read an OCDS release or record package; each award (or contract without an award) is a row. */
export function readOcds(text: string): OcdsRead {
	let pkg: unknown;
	try {
		pkg = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		return { rows: [], bad: [], error: `not JSON: ${(e as Error).message}`, processes: 0 };
	}
	const releases = releasesOf(pkg);
	if (typeof releases === 'string') return { rows: [], bad: [], error: releases, processes: 0 };
	const bad: BadRow[] = [];
	const byOcid = new Map<string, Obj[]>();
	releases.forEach((r, i) => {
		const ocid = str(r.ocid);
		if (!ocid) return bad.push({ source: { release: str(r.id) || `#${i + 1}` }, reason: 'has no ocid' });
		byOcid.set(ocid, [...(byOcid.get(ocid) ?? []), r]);
	});
	const rows: RegisterRow[] = [];
	for (const [ocid, group] of byOcid) {
		// Stable sort: equal dates keep the file's order, so the later one in the file wins.
		const ordered = [...group].sort((a, b) => (str(a.date) < str(b.date) ? -1 : str(a.date) > str(b.date) ? 1 : 0));
		const merged = ordered.reduce((acc: unknown, r) => merge(acc, r), {}) as Obj;
		const release = str(ordered[ordered.length - 1].id) || ocid;
		rows.push(...processRows(merged, ocid, release, bad));
	}
	return { rows, bad, error: '', processes: byOcid.size };
}

function processRows(p: Obj, ocid: string, release: string, bad: BadRow[]): RegisterRow[] {
	const source = { release };
	const tender = isObj(p.tender) ? p.tender : {};
	const parties = list(p.parties).filter(isObj);
	const buyer = str(isObj(p.buyer) ? p.buyer.name : '') || str(parties.find((x) => list(x.roles).includes('buyer'))?.name);
	const awards = list(p.awards).filter(isObj).filter((a) => str(a.status) !== 'cancelled' && str(a.status) !== 'unsuccessful');
	const contracts = list(p.contracts).filter(isObj);
	if (awards.length === 0 && contracts.length === 0) {
		bad.push({ source, reason: `${ocid} has no award or contract yet (a tender or planning notice)` });
		return [];
	}
	// Each award, with the contract signed on it; contracts without a matching award on their own.
	const pairs: [Obj | null, Obj | null][] = awards.map((a) => [a, contracts.find((c) => str(c.awardID) === str(a.id)) ?? null]);
	for (const c of contracts) if (!awards.some((a) => str(a.id) === str(c.awardID))) pairs.push([null, c]);
	const rows: RegisterRow[] = [];
	for (const [award, contract] of pairs) {
		const period = (isObj(contract?.period) ? contract.period : null) ?? (isObj(award?.contractPeriod) ? award.contractPeriod : {});
		const start = readDate(str(period.startDate));
		const end = readDate(str(period.endDate), true);
		const which = contract ? `contract ${str(contract.id)}` : `award ${str(award?.id)}`;
		if ('error' in start || 'error' in end) {
			bad.push({ source, reason: `${which}: ${'error' in start ? `start date ${start.error}` : `end date ${(end as { error: string }).error}`}` });
			continue;
		}
		if (start.date && end.date && end.date < start.date) {
			bad.push({ source, reason: `${which} ends (${end.date}) before it starts (${start.date})` });
			continue;
		}
		const supplier = award ? supplierNames(award, parties) : '';
		const value = money(contract?.value) ?? money(award?.value) ?? money(tender.value);
		const title = str(contract?.title) || str(award?.title) || str(tender.title);
		rows.push({
			source,
			reference: pairs.length > 1 ? `${ocid}/${str(contract?.id ?? award?.id)}` : ocid,
			title,
			description: str(contract?.description) || str(award?.description) || str(tender.description),
			department: '',
			supplier: supplier || str(parties.find((x) => list(x.roles).includes('supplier'))?.name),
			wholeLifeValue: value,
			annualValue: null,
			start: start.date,
			end: end.date,
			review: '',
			extension: '',
			route: str(tender.procurementMethodDetails) || str(tender.procurementMethod),
			buyer,
			cpv: cpvCodes(tender),
			notes: value && value.exact === null ? [`value kept as written: ${value.band}`] : []
		});
	}
	return rows;
}

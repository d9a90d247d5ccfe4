// What a council must act on, and by when: every contract not yet ended, sorted by the date by
// which notice must be given (the end date when no notice period is recorded), and the components
// whose notice date falls within the next N months (the map's badges). Pure; map types only.
import { addMonths, contractStatus, noticeDate, type ContractStatus } from '../map/contracts.js';
import type { ComponentId, Contract, MapSnapshot } from '../map/types.js';

export interface ActByEntry {
	readonly componentId: ComponentId;
	readonly componentName: string;
	readonly contract: Contract;
	/** The date to act by: the notice date, else the end date (yyyy-mm-dd). */
	readonly actBy: string;
	/** True when `actBy` is the end date because no notice period is recorded. */
	readonly endOnly: boolean;
	readonly status: ContractStatus;
	/** True when the act-by date falls within the window (today to today + N months). */
	readonly soon: boolean;
}

/** The last day of a window of `months` months from `today` (yyyy-mm-dd). */
export function windowEnd(today: string, months: number): string {
	return addMonths(today, months);
}

/**
 * Contracts with an end date still to come (or today), sorted by act-by date, then component
 * name. `months` is the window that marks an entry `soon`.
 */
export function actByList(map: MapSnapshot, today: string, months: number): ActByEntry[] {
	const until = windowEnd(today, months);
	const out: ActByEntry[] = [];
	for (const c of map.components) {
		for (const k of c.contracts ?? []) {
			if (!k.end || k.end < today) continue;
			const notice = noticeDate(k);
			const actBy = notice || k.end;
			out.push({ componentId: c.id, componentName: c.name, contract: k, actBy, endOnly: !notice, status: contractStatus(k, today), soon: actBy <= until });
		}
	}
	return out.sort((a, b) => (a.actBy < b.actBy ? -1 : a.actBy > b.actBy ? 1 : a.componentName.localeCompare(b.componentName, 'en-GB')));
}

/** A component's badge: its earliest notice date within the window, and how many contracts fall due. */
export interface Badge {
	readonly componentId: ComponentId;
	readonly notice: string;
	readonly count: number;
}

/** Components with a notice date from `today` to `today` + `months` months (inclusive), by component. */
export function noticeBadges(map: MapSnapshot, today: string, months: number): Map<ComponentId, Badge> {
	const until = windowEnd(today, months);
	const out = new Map<ComponentId, Badge>();
	for (const c of map.components) {
		for (const k of c.contracts ?? []) {
			const notice = noticeDate(k);
			if (!notice || notice < today || notice > until) continue;
			const seen = out.get(c.id);
			out.set(c.id, { componentId: c.id, notice: seen && seen.notice < notice ? seen.notice : notice, count: (seen?.count ?? 0) + 1 });
		}
	}
	return out;
}

// The contracts timeline as geometry-free data: one bar per contract from its start to its end
// on a shared date scale (0..1), with the notice date, today and the vesting date marked, and
// the years to label. Pure; the view draws it and lists the same rows as a table.
import { addMonths, contractStatus, noticeDate, type ContractStatus } from '../map/contracts.js';
import type { ComponentId, Contract, MapSnapshot } from '../map/types.js';

export interface TimelineBar {
	readonly componentId: ComponentId;
	readonly componentName: string;
	readonly contract: Contract;
	/** Positions on the scale, 0..1; a missing start or end runs to the scale's edge (open). */
	readonly from: number;
	readonly to: number;
	readonly openStart: boolean;
	readonly openEnd: boolean;
	/** The notice date and its position, or '' and null. */
	readonly notice: string;
	readonly noticeAt: number | null;
	readonly status: ContractStatus;
}

export interface Timeline {
	/** The scale's first and last days (yyyy-mm-dd). */
	readonly start: string;
	readonly end: string;
	readonly bars: readonly TimelineBar[];
	readonly today: { readonly date: string; readonly at: number };
	readonly vesting: { readonly date: string; readonly at: number } | null;
	/** 1 January of each year inside the scale. */
	readonly years: readonly { readonly year: number; readonly at: number }[];
}

const DAY = 86_400_000;
const days = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;

/**
 * The timeline of every contract with a start or an end date. The scale runs from the earliest
 * start (or today, or the vesting date) to the latest end (or today + `months`, or the vesting
 * date), whole years, so today and the window are always in view.
 */
export function contractTimeline(map: MapSnapshot, today: string, months: number, vestingDate = map.vestingDate ?? ''): Timeline {
	const dated: { componentId: ComponentId; componentName: string; contract: Contract }[] = [];
	let lo = today;
	let hi = addMonths(today, months);
	for (const c of map.components) {
		for (const k of c.contracts ?? []) {
			if (!k.start && !k.end) continue;
			dated.push({ componentId: c.id, componentName: c.name, contract: k });
			for (const d of [k.start, k.end]) if (d && d < lo) lo = d;
			for (const d of [k.start, k.end]) if (d && d > hi) hi = d;
		}
	}
	if (vestingDate && vestingDate < lo) lo = vestingDate;
	if (vestingDate && vestingDate > hi) hi = vestingDate;
	const start = `${lo.slice(0, 4)}-01-01`;
	const end = `${Number(hi.slice(0, 4)) + 1}-01-01`;
	const span = days(end) - days(start);
	const at = (date: string) => (days(date) - days(start)) / span;
	const bars = dated.map(({ componentId, componentName, contract: k }): TimelineBar => {
		const notice = noticeDate(k);
		return {
			componentId,
			componentName,
			contract: k,
			from: k.start ? at(k.start) : 0,
			to: k.end ? at(k.end) : 1,
			openStart: !k.start,
			openEnd: !k.end,
			notice,
			noticeAt: notice ? at(notice) : null,
			status: contractStatus(k, today)
		};
	});
	bars.sort((a, b) => a.componentName.localeCompare(b.componentName, 'en-GB') || a.from - b.from);
	const years: { year: number; at: number }[] = [];
	for (let y = Number(start.slice(0, 4)); y < Number(end.slice(0, 4)); y++) years.push({ year: y, at: at(`${y}-01-01`) });
	return { start, end, bars, today: { date: today, at: at(today) }, vesting: vestingDate ? { date: vestingDate, at: at(vestingDate) } : null, years };
}

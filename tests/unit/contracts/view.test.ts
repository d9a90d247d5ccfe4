// The contracts view's computations: the act-by list, the notice badges and the timeline scale.
import { describe, expect, it } from 'vitest';
import { actByList, contractTimeline, noticeBadges } from '../../../src/lib/contracts/index.js';
import { blankContract, emptySnapshot, type Component, type ComponentId, type Contract, type MapSnapshot } from '../../../src/lib/map/index.js';
import { makeComponent } from '../../../src/lib/catalogue/snapshot.js';

const TODAY = '2026-12-07';
const k = (id: string, fields: Partial<Contract>): Contract => ({ ...blankContract(id), ...fields });

function map(vestingDate?: string): MapSnapshot {
	const c = (name: string, contracts: Contract[], order: number): Component => makeComponent({ name, id: name.toLowerCase() as ComponentId, contracts }, order);
	return {
		...emptySnapshot(vestingDate ? { vestingDate } : {}),
		components: [
			c('Revenues', [k('r1', { start: '2021-04-01', end: '2027-09-30', noticeMonths: 6 }), k('r2', { end: '2030-03-31', noticeMonths: 12 })], 1),
			c('Housing', [k('h1', { start: '2022-01-01', end: '2027-03-31', noticeMonths: 3 })], 2),
			c('Payroll', [k('p1', { end: '2027-06-30' })], 3),
			c('Old', [k('o1', { start: '2019-01-01', end: '2025-12-31', noticeMonths: 6 })], 4),
			c('Undated', [k('u1', { reference: 'no dates' })], 5),
			c('Plain', [], 6)
		]
	};
}

describe('actByList', () => {
	it('lists contracts not yet ended by the date to act by, flagging those within the window', () => {
		const list = actByList(map(), TODAY, 12);
		expect(list.map((e) => [e.componentName, e.actBy, e.endOnly, e.soon, e.status])).toEqual([
			['Housing', '2026-12-31', false, true, 'active'],
			['Revenues', '2027-03-30', false, true, 'active'],
			['Payroll', '2027-06-30', true, true, 'active'],
			['Revenues', '2029-03-31', false, false, 'active']
		]);
	});
	it('says a contract is in notice once its notice date has passed', () => {
		expect(actByList(map(), '2027-01-15', 3)[0]).toMatchObject({ componentName: 'Housing', status: 'in-notice', soon: true });
	});
});

describe('noticeBadges', () => {
	it.each([
		[12, ['housing', 'revenues']],
		[1, ['housing']],
		[3, ['housing']],
		[4, ['housing', 'revenues']],
		[60, ['housing', 'revenues']]
	] as const)('within %d months: %j', (months, ids) => {
		expect([...noticeBadges(map(), TODAY, months).keys()].sort()).toEqual(ids);
	});
	it('counts the contracts falling due and keeps the earliest notice date', () => {
		expect(noticeBadges(map(), TODAY, 60).get('revenues' as ComponentId)).toEqual({ componentId: 'revenues', notice: '2027-03-30', count: 2 });
	});
});

describe('contractTimeline', () => {
	it('puts every dated contract on one scale of whole years, with today and the vesting date', () => {
		const t = contractTimeline(map('2028-04-01'), TODAY, 12);
		expect([t.start, t.end]).toEqual(['2019-01-01', '2031-01-01']);
		expect(t.bars.map((b) => b.contract.id)).toEqual(['h1', 'o1', 'p1', 'r2', 'r1']);
		const r2 = t.bars.find((b) => b.contract.id === 'r2')!;
		expect(r2).toMatchObject({ from: 0, openStart: true, openEnd: false, notice: '2029-03-31' });
		expect(r2.noticeAt!).toBeLessThan(r2.to);
		expect(t.today.at).toBeGreaterThan(0);
		expect(t.today.at).toBeLessThan(t.vesting!.at);
		expect(t.years.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
		expect(t.years[0].at).toBe(0);
		expect(t.bars.find((b) => b.contract.id === 'o1')!.status).toBe('ended');
	});
	it('still shows today and the window with no contracts', () => {
		const t = contractTimeline(emptySnapshot(), TODAY, 24);
		expect([t.start, t.end, t.bars.length, t.vesting]).toEqual(['2026-01-01', '2029-01-01', 0, null]);
	});
});

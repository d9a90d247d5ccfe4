// Contracts on a component: the date arithmetic, status, checks, and the add/update/remove commands.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ModelError,
	addComponent,
	addContract,
	addMonths,
	checkContract,
	contractStatus,
	createUndoManager,
	initMap,
	isIsoDate,
	loadSnapshot,
	nextDates,
	noticeDate,
	parseMoney,
	formatMoney,
	readSnapshot,
	removeContract,
	updateComponent,
	updateContract,
	validateSnapshot,
	blankContract,
	MAX_CONTRACTS
} from '../../../src/lib/map/index.js';

describe('addMonths', () => {
	it.each([
		['2027-03-31', -1, '2027-02-28'],
		['2028-03-31', -1, '2028-02-29'],
		['2027-03-15', -3, '2026-12-15'],
		['2027-01-31', -2, '2026-11-30'],
		['2027-02-28', -1, '2027-01-28'],
		['2026-12-31', 2, '2027-02-28'],
		['2027-06-30', -18, '2025-12-30'],
		['2027-06-30', 0, '2027-06-30'],
		['2027-02-30', -1, ''],
		['31/03/2027', -1, '']
	])('%s %+d months is %s', (date, months, expected) => {
		expect(addMonths(date, months)).toBe(expected);
	});
});

describe('isIsoDate', () => {
	it.each([
		['2027-02-28', true],
		['2028-02-29', true],
		['2027-02-29', false],
		['2027-13-01', false],
		['2027-4-1', false],
		['', false],
		['2027-04-01T00:00', false]
	])('%s → %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));
});

describe('noticeDate and contractStatus', () => {
	const c = { end: '2027-03-31', noticeMonths: 6 };
	it('gives the end less the notice period, with month ends', () => {
		expect(noticeDate(c)).toBe('2026-09-30');
		expect(noticeDate({ end: '2027-08-31', noticeMonths: 6 })).toBe('2027-02-28');
		expect(noticeDate({ end: '', noticeMonths: 6 })).toBe('');
		expect(noticeDate({ end: '2027-03-31', noticeMonths: null })).toBe('');
	});
	it.each([
		['2026-09-29', 'active'],
		['2026-09-30', 'in-notice'],
		['2027-03-31', 'in-notice'],
		['2027-04-01', 'ended']
	] as const)('on %s the contract is %s', (today, status) => {
		expect(contractStatus(c, today)).toBe(status);
	});
	it('says no end date without one, and active without a notice period', () => {
		expect(contractStatus({ end: '', noticeMonths: 3 }, '2027-01-01')).toBe('no-end');
		expect(contractStatus({ end: '2027-03-31', noticeMonths: null }, '2027-03-30')).toBe('active');
	});
	it('finds the next end and notice dates still to come', () => {
		const contracts = [
			{ ...blankContract('a'), end: '2026-01-31', noticeMonths: 3 },
			{ ...blankContract('b'), end: '2028-03-31', noticeMonths: 12 },
			{ ...blankContract('c'), end: '2027-09-30', noticeMonths: 3 }
		];
		expect(nextDates({ contracts }, '2026-12-07')).toEqual({ end: '2027-09-30', notice: '2027-03-31' });
		expect(nextDates({}, '2026-12-07')).toEqual({ end: '', notice: '' });
	});
});

describe('checkContract', () => {
	const ok = { ...blankContract('k1'), start: '2024-04-01', end: '2027-03-31', noticeMonths: 6 };
	it('keeps a valid contract', () => {
		expect(checkContract(ok)).toEqual(ok);
	});
	it.each([
		[{ ...ok, end: '2027-02-30' }, 'end date “2027-02-30” is not a real date written yyyy-mm-dd'],
		[{ ...ok, start: '01/04/2024' }, 'start date “01/04/2024” is not a real date written yyyy-mm-dd'],
		[{ ...ok, end: '2023-03-31' }, 'the end date 2023-03-31 is before the start date 2024-04-01'],
		[{ ...ok, noticeMonths: 2.5 }, 'the notice period must be whole months from 0 to 120'],
		[{ ...ok, noticeMonths: -1 }, 'the notice period must be whole months from 0 to 120'],
		[{ ...ok, annualCost: { exact: -5, band: '' } }, 'annualCost.exact must be a number of pounds, 0 or more, or null'],
		[{ ...ok, annualCost: { exact: 5, band: '', x: 1 } }, 'annualCost has an unknown field x'],
		[{ ...ok, route: 'x'.repeat(201) }, 'route is longer than 200 characters'],
		[{ ...ok, sharedWith: 'Northmoor' }, 'sharedWith must be a list of council names'],
		[{ ...ok, colour: 'red' }, 'unknown contract field colour'],
		[{ ...ok, id: 'a b' }, 'a contract needs an id of letters, digits, - and _']
	])('refuses %j', (value, message) => {
		expect(() => checkContract(value)).toThrow(message);
	});
});

describe('money', () => {
	it.each([
		['£1,234,567.00', { exact: 1234567, band: '' }],
		['1.2m', { exact: 1200000, band: '' }],
		['250k', { exact: 250000, band: '' }],
		['£100k–£250k', { exact: null, band: '£100k–£250k' }],
		['  ', null],
		['£125,000 (£100k–£250k)', { exact: 125000, band: '£100k–£250k' }],
		['about (a lot)', { exact: null, band: 'about (a lot)' }]
	])('reads %s', (text, money) => expect(parseMoney(text)).toEqual(money));
	it('formats an exact amount, a band, or both', () => {
		expect(formatMoney({ exact: 125000, band: '' })).toBe('£125,000');
		expect(formatMoney({ exact: null, band: '£100k–£250k' })).toBe('£100k–£250k');
		expect(formatMoney({ exact: 125000, band: '£100k–£250k' })).toBe('£125,000 (£100k–£250k)');
	});
});

function newMap() {
	const doc = new Y.Doc();
	initMap(doc);
	const id = addComponent(doc, { name: 'Revenues and benefits' });
	return { doc, id };
}

describe('contract commands', () => {
	it('adds, updates and removes contracts, several per component', () => {
		const { doc, id } = newMap();
		expect(readSnapshot(doc).components[0].contracts).toBeUndefined();
		const a = addContract(doc, id, { reference: 'RB-2021-04', end: '2027-03-31', noticeMonths: 6, route: 'G-Cloud 14' });
		const b = addContract(doc, id, { reference: 'RB-SUP', annualCost: { exact: 42000, band: '' }, sharedWith: ['Northmoor'] });
		let contracts = readSnapshot(doc).components[0].contracts!;
		expect(contracts.map((c) => c.reference)).toEqual(['RB-2021-04', 'RB-SUP']);
		expect(contracts[1]).toMatchObject({ id: b, annualCost: { exact: 42000, band: '' }, sharedWith: ['Northmoor'], end: '' });
		updateContract(doc, id, a, { end: '2028-03-31', extensions: '+1+1 years' });
		contracts = readSnapshot(doc).components[0].contracts!;
		expect(contracts[0]).toMatchObject({ id: a, reference: 'RB-2021-04', end: '2028-03-31', extensions: '+1+1 years', noticeMonths: 6 });
		removeContract(doc, id, a);
		expect(readSnapshot(doc).components[0].contracts!.map((c) => c.id)).toEqual([b]);
		removeContract(doc, id, b);
		expect(readSnapshot(doc).components[0].contracts).toBeUndefined();
	});

	it('refuses a bad date with a clear message and writes nothing', () => {
		const { doc, id } = newMap();
		const before = Y.encodeStateAsUpdate(doc);
		expect(() => addContract(doc, id, { end: '2027-02-30' })).toThrow(ModelError);
		expect(() => addContract(doc, id, { end: '2027-02-30' })).toThrow('contract 1: end date “2027-02-30” is not a real date written yyyy-mm-dd');
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		const a = addContract(doc, id, { start: '2025-01-01' });
		expect(() => updateContract(doc, id, a, { end: '2024-12-31' })).toThrow('before the start date');
		expect(() => updateContract(doc, id, 'nope', { end: '2027-01-01' })).toThrow('no contract with id nope');
	});

	it(`holds at most ${MAX_CONTRACTS} contracts a component`, () => {
		const { doc, id } = newMap();
		for (let i = 0; i < MAX_CONTRACTS; i++) addContract(doc, id, { reference: `C${i}` });
		expect(() => addContract(doc, id)).toThrow(`a component has at most ${MAX_CONTRACTS} contracts`);
	});

	it('undoes one contract command as one step', () => {
		const { doc, id } = newMap();
		const me = {};
		const undo = createUndoManager(doc, me);
		const a = addContract(doc, id, { reference: 'X' }, me);
		undo.stopCapturing();
		updateContract(doc, id, a, { reference: 'Y' }, me);
		undo.undo();
		expect(readSnapshot(doc).components[0].contracts![0].reference).toBe('X');
		undo.undo();
		expect(readSnapshot(doc).components[0].contracts).toBeUndefined();
	});

	it('loads and validates contracts in a snapshot', () => {
		const { doc } = newMap();
		const snap = readSnapshot(doc);
		const good = { ...snap, components: [{ ...snap.components[0], contracts: [{ ...blankContract('c1'), end: '2029-03-31' }] }] };
		const other = new Y.Doc();
		loadSnapshot(other, good);
		expect(readSnapshot(other).components[0].contracts![0].end).toBe('2029-03-31');
		const bad = { ...snap, components: [{ ...snap.components[0], contracts: [{ ...blankContract('c1'), end: '31/03/2029' }] }] };
		const problems = validateSnapshot(bad);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ collection: 'components', field: 'contracts', kind: 'value' });
		expect(problems[0].message).toContain('“31/03/2029” is not a real date');
	});

	it('reads past a malformed stored entry (any client can write one)', () => {
		const { doc, id } = newMap();
		updateComponent(doc, id, { contracts: [{ ...blankContract('ok'), reference: 'Kept' }] });
		const m = doc.getMap('components').get(id) as Y.Map<unknown>;
		m.set('contracts', [{ id: 'bad', end: 'soon' }, { ...blankContract('old'), reference: 'Legacy' }]);
		m.set('contract:x', { ord: 0, ...blankContract('y') });
		m.set('contract:z', { ...blankContract('z') });
		m.set('contract:w', { ord: 0, ...blankContract('w'), end: 'soon' });
		expect(readSnapshot(doc).components[0].contracts!.map((c) => c.reference)).toEqual(['Kept', 'Legacy']);
	});
});

describe('docs/map.schema.json', () => {
	it('describes a component with contracts as readSnapshot gives it', async () => {
		const { readFileSync } = await import('node:fs');
		const { validate } = await import('../../helpers/schema.js');
		const schema = JSON.parse(readFileSync('docs/map.schema.json', 'utf8'));
		const { doc, id } = newMap();
		addContract(doc, id, { reference: 'R', start: '2024-04-01', end: '2027-03-31', noticeMonths: 6, annualCost: { exact: 1, band: '' }, wholeLifeValue: { exact: null, band: '£1m–£2m' }, sharedWith: ['A'] });
		addContract(doc, id);
		const json = JSON.parse(JSON.stringify(readSnapshot(doc)));
		expect(validate(json, schema)).toEqual([]);
		expect(Object.keys(json.components[0].contracts[0]).sort()).toEqual([...schema.$defs.contract.required].sort());
		json.components[0].contracts[0].noticeMonths = 1.5;
		expect(validate(json, schema)).not.toEqual([]);
	});
});

describe('vesting date', () => {
	it('is set, refused when no date, and removed with an empty text', async () => {
		const { setMeta } = await import('../../../src/lib/map/index.js');
		const { doc } = newMap();
		expect(readSnapshot(doc).vestingDate).toBeUndefined();
		setMeta(doc, { vestingDate: '2028-04-01' });
		expect(readSnapshot(doc).vestingDate).toBe('2028-04-01');
		expect(() => setMeta(doc, { vestingDate: '1 April 2028' })).toThrow('the vesting date “1 April 2028” is not a real date written yyyy-mm-dd');
		setMeta(doc, { vestingDate: '' });
		expect(readSnapshot(doc).vestingDate).toBeUndefined();
	});
});

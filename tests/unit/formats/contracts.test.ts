// Contracts survive every text format Stackmap writes and reads back: JSON, CSV (numbered column
// groups) and OWM (the `// stackmap:` trailer), awkward values included; bad ones are reported.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMapText, writeMapText } from '../../../src/lib/formats/index.js';
import { reconcile } from '../../../src/lib/formats/owm/index.js';
import { addComponent, addContract, blankContract, initMap, readSnapshot, type Contract, type MapSnapshot } from '../../../src/lib/map/index.js';

const AWKWARD: Contract = {
	id: 'c1',
	reference: '</script><script>alert("x")</script>, "quoted"; =SUM(A1)',
	start: '2024-04-01',
	end: '2028-02-29',
	noticeMonths: 9,
	extensions: '+1+1 years\nthen review',
	annualCost: { exact: 182500.5, band: '' },
	wholeLifeValue: { exact: 1250000, band: '£1m–£2.5m' },
	route: 'CCS RM6259 // stackmap: {"component":"x"}',
	// Names are separated by '; ' in CSV, so a name holding one would be split (docs/contracts.md).
	sharedWith: ['Northmoor, and Vale', 'Ashby Borough <b>', '-1+2']
};
const PLAIN: Contract = { ...blankContract('c2'), end: '2027-03-31', noticeMonths: 6, annualCost: { exact: null, band: '£100k–£250k' }, route: 'G-Cloud 14' };

function map(): MapSnapshot {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Contracts' });
	const a = addComponent(doc, { name: 'Revenues <script>', evolution: 0.6, visibility: 0.5, supplier: 'Capita' });
	addComponent(doc, { name: 'No contracts', evolution: 0.3, visibility: 0.3 });
	const c = addComponent(doc, { name: 'Housing', evolution: 0.5, visibility: 0.4 });
	for (const k of [AWKWARD, PLAIN]) {
		const { id: _id, ...fields } = k;
		addContract(doc, a, fields);
	}
	addContract(doc, c, { reference: 'HSG-1', start: '2023-10-01', end: '2026-09-30', noticeMonths: 3 });
	return readSnapshot(doc);
}

/** Each component's contracts by name, ids left out (a format may renumber them). */
function contractsByName(m: MapSnapshot) {
	return Object.fromEntries(m.components.map((c) => [c.name, (c.contracts ?? []).map(({ id: _id, ...rest }) => rest)]));
}

describe('contracts in text formats', () => {
	it.each(['json', 'owm', 'csv'] as const)('%s: written and read back whole', (format) => {
		const original = map();
		const text = writeMapText(original, format);
		const back = readMapText(text, { format });
		expect(back.errors).toEqual([]);
		expect(back.warnings).toEqual([]);
		expect(contractsByName(back.map)).toEqual(contractsByName(original));
		expect(back.map.components.find((c) => c.name === 'No contracts')!.contracts).toBeUndefined();
	});

	it('json keeps the contract ids', () => {
		const original = map();
		expect(readMapText(writeMapText(original, 'json'), { format: 'json' }).map.components[0].contracts).toEqual(original.components[0].contracts);
	});

	it('owm puts contracts in the stackmap trailer, one JSON line per component', () => {
		const text = writeMapText(map(), 'owm');
		const lines = text.split('\n').filter((l) => l.startsWith('// stackmap:') && l.includes('"contracts"'));
		expect(lines).toHaveLength(2);
		expect(text).not.toContain('then review\n');
		// Without extensions the text is plain OWM.
		expect(writeMapText(map(), 'owm', { extensions: false })).not.toContain('"contracts"');
	});

	it('owm reports a bad contract and keeps the component’s other fields', () => {
		const text = `component Revenues [0.5, 0.6]\n// stackmap: {"component":"Revenues","supplier":"Capita","contracts":[{"id":"c1","reference":"","start":"","end":"2027-02-30","noticeMonths":null,"extensions":"","annualCost":null,"wholeLifeValue":null,"route":"","sharedWith":[]}]}\n`;
		const back = readMapText(text, { format: 'owm' });
		expect(back.map.components[0].supplier).toBe('Capita');
		expect(back.map.components[0].contracts).toBeUndefined();
		expect(back.warnings).toEqual([{ line: 2, message: expect.stringContaining('end date “2027-02-30” is not a real date') }]);
	});

	it('owm text edits replace a component’s contracts; a comment without them removes them', () => {
		const doc = new Y.Doc();
		initMap(doc);
		const id = addComponent(doc, { name: 'Revenues', supplier: 'Capita' });
		addContract(doc, id, { end: '2027-03-31' });
		const text = writeMapText(readSnapshot(doc), 'owm');
		reconcile(doc, readMapText(text.replace('2027-03-31', '2029-03-31'), { format: 'owm' }).map);
		expect(readSnapshot(doc).components[0].contracts![0].end).toBe('2029-03-31');
		reconcile(doc, readMapText(text.replace(/,"contracts":\[.*\]\}/, '}'), { format: 'owm' }).map);
		expect(readSnapshot(doc).components[0].contracts).toBeUndefined();
	});

	it('csv writes one row per component with numbered contract column groups', () => {
		const text = writeMapText(map(), 'csv');
		const header = text.split('\r\n')[0];
		expect(header).toContain('Contract 1 reference,Contract 1 start,Contract 1 end,Contract 1 notice months,Contract 1 notice by');
		expect(header).toContain('Contract 2 shared with');
		expect(header).not.toContain('Contract 3');
		const back = readMapText(text, { format: 'csv' });
		expect(back.map.components).toHaveLength(3);
		// The derived notice date is written for people, not read back.
		expect(text).toContain('2027-05-29');
	});

	it('csv reads registers’ dd/mm/yyyy dates and amounts, and warns about what it cannot read', () => {
		const text = [
			'Name,Contract 1 end,Contract 1 notice months,Contract 1 annual cost,Contract 2 start,Contract 2 end,Contract 3 end',
			'Revenues,31/03/2027,6,"£1,234,567.00",01/04/2027,soon,',
			'Housing,,,,2027-01-01,2026-01-01,'
		].join('\n');
		const back = readMapText(text, { format: 'csv' });
		const [rev, housing] = back.map.components;
		expect(rev.contracts).toEqual([
			{ ...blankContract('c1'), end: '2027-03-31', noticeMonths: 6, annualCost: { exact: 1234567, band: '' } },
			{ ...blankContract('c2'), start: '2027-04-01' }
		]);
		expect(housing.contracts).toBeUndefined();
		expect(back.warnings.map((w) => [w.line, w.message])).toEqual([
			[2, 'contract 2 end date "soon" is not a date (use yyyy-mm-dd or dd/mm/yyyy); left empty'],
			[3, 'contract 2: the end date 2026-01-01 is before the start date 2027-01-01; left out']
		]);
	});
});

describe('the vesting date (a map setting)', () => {
	it.each(['json', 'owm'] as const)('%s: written and read back', (format) => {
		const original = { ...map(), vestingDate: '2028-04-01' };
		const back = readMapText(writeMapText(original, format), { format });
		expect(back.errors).toEqual([]);
		expect(back.map.vestingDate).toBe('2028-04-01');
	});
});

// Applying reviewed proposals: one transaction (one undo step), an update instead of a duplicate
// for a reference already on the component, new components, and nothing written when refused.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { planImport, rowContract, type Decision, type RegisterRow } from '../../../../src/lib/contracts/register/index.js';
import { VOCABULARY } from '../../../../src/lib/catalogue/index.js';
import { addComponent, addContract, createUndoManager, importContracts, readSnapshot, ModelError, type ComponentId } from '../../../../src/lib/map/index.js';

function row(fields: Partial<RegisterRow>): RegisterRow {
	return { source: { line: 2 }, reference: '', title: '', description: '', department: '', supplier: '', wholeLifeValue: null, annualValue: null, start: '', end: '', review: '', extension: '', route: '', buyer: '', cpv: [], notes: [], ...fields };
}

function setup() {
	const doc = new Y.Doc();
	const revs = addComponent(doc, { name: 'Revenues and benefits', supplier: 'Capita' });
	const hr = addComponent(doc, { name: 'Payroll', supplier: 'MHR' });
	const me = { user: 'me' };
	const undo = createUndoManager(doc, me);
	return { doc, revs, hr, me, undo };
}

const decide = (r: Partial<RegisterRow>, action: Decision['action'], componentId: ComponentId | null = null, typeId = ''): Decision => ({ row: row(r), action, componentId, typeId });

describe('planImport and importContracts', () => {
	it('writes every accepted, changed and added row in one undo step; skipped rows not at all', () => {
		const { doc, revs, hr, me, undo } = setup();
		const plan = planImport(
			[
				decide({ reference: 'R1', title: 'Revenues', start: '2022-04-01', end: '2027-03-31', wholeLifeValue: { exact: 1234567, band: '' }, route: 'CCS RM6259', extension: '+1+1 years' }, 'accept', revs),
				decide({ reference: 'P1', title: 'Pensions', annualValue: { exact: 72000, band: '' } }, 'change', hr),
				decide({ reference: 'S1', title: 'Security operations centre', supplier: 'Socura Ltd', end: '2028-12-31' }, 'add', null, 'siem-soc'),
				decide({ reference: 'S2', title: 'Security operations centre', supplier: 'Socura Ltd', end: '2029-12-31' }, 'add', null, 'siem-soc'),
				decide({ reference: 'G1', title: 'Grounds maintenance' }, 'skip')
			],
			VOCABULARY
		);
		const result = importContracts(doc, plan, me);
		expect(result).toEqual({ added: 4, updated: 0, components: 1 });
		const map = readSnapshot(doc);
		const byName = (n: string) => map.components.find((c) => c.name === n)!;
		expect(byName('Revenues and benefits').contracts).toEqual([
			expect.objectContaining({ reference: 'R1', start: '2022-04-01', end: '2027-03-31', wholeLifeValue: { exact: 1234567, band: '' }, route: 'CCS RM6259', extensions: '+1+1 years', annualCost: null })
		]);
		expect(byName('Payroll').contracts).toEqual([expect.objectContaining({ reference: 'P1', annualCost: { exact: 72000, band: '' } })]);
		// Two rows for the same new system share one new component, placed as its type usually is.
		const soc = byName('Security operations centre');
		expect(soc).toMatchObject({ supplier: 'Socura Ltd', componentType: 'siem-soc' });
		expect(soc.evolution).toBe(VOCABULARY.types.find((t) => t.id === 'siem-soc')!.x);
		expect(soc.contracts!.map((c) => c.reference)).toEqual(['S1', 'S2']);
		expect(map.components.some((c) => c.name === 'Grounds maintenance')).toBe(false);

		expect(undo.undoStack).toHaveLength(1);
		undo.undo();
		const after = readSnapshot(doc);
		expect(after.components.map((c) => c.name)).toEqual(['Revenues and benefits', 'Payroll']);
		expect(after.components.every((c) => !c.contracts)).toBe(true);
	});

	it('updates a contract whose reference is already on the component instead of adding another', () => {
		const { doc, revs, me } = setup();
		const existing = addContract(doc, revs, { reference: 'R1', end: '2026-03-31', noticeMonths: 6 });
		importContracts(doc, planImport([decide({ reference: 'R1', end: '2027-03-31', route: 'G-Cloud 14' }, 'accept', revs)], VOCABULARY), me);
		const again = importContracts(doc, planImport([decide({ reference: 'R1', end: '2027-03-31', route: 'G-Cloud 14' }, 'accept', revs)], VOCABULARY), me);
		expect(again).toEqual({ added: 0, updated: 1, components: 0 });
		const contracts = readSnapshot(doc).components.find((c) => c.id === revs)!.contracts!;
		// The id and what the register does not say (the notice period) are kept.
		expect(contracts).toEqual([expect.objectContaining({ id: existing, reference: 'R1', end: '2027-03-31', noticeMonths: 6, route: 'G-Cloud 14' })]);
	});

	it('writes nothing when one entry is refused', () => {
		const { doc, revs, hr, me } = setup();
		const many = Array.from({ length: 21 }, (_, i) => decide({ reference: `X${i}` }, 'accept', revs));
		const plan = planImport([decide({ reference: 'P1' }, 'accept', hr), ...many], VOCABULARY);
		expect(() => importContracts(doc, plan, me)).toThrow(ModelError);
		expect(() => importContracts(doc, plan, me)).toThrow(/^Revenues and benefits: .*at most 20 contracts/);
		expect(readSnapshot(doc).components.every((c) => !c.contracts)).toBe(true);
	});

	it('rowContract keeps long text within the model limits', () => {
		const c = rowContract(row({ reference: 'R'.repeat(300), route: 'x'.repeat(250) }));
		expect(c.reference).toHaveLength(200);
		expect(c.route).toHaveLength(200);
	});
});

// The register review's choices: what is proposed, the options offered, the decision each choice
// makes, and what a facilitator's locks refuse.
import { describe, expect, it } from 'vitest';
import { blocked, choiceOptions, decisionOf, proposedChoice, reviewCounts, rowSummary } from '../../../src/lib/editor/register-review.js';
import type { Proposal, RegisterRow } from '../../../src/lib/contracts/register/index.js';
import type { ComponentId } from '../../../src/lib/map/index.js';

const row: RegisterRow = {
	source: { line: 7 }, reference: 'R1', title: 'Revenues', description: '', department: '', supplier: 'Capita', wholeLifeValue: { exact: 125000, band: '' },
	annualValue: null, start: '2022-04-01', end: '2027-03-31', review: '', extension: '', route: '', buyer: '', cpv: [], notes: []
};
const proposal = (fields: Partial<Proposal>): Proposal => ({
	row, action: 'accept', componentId: 'a' as ComponentId, confidence: 0.8, reasons: [], typeId: '',
	candidates: [{ componentId: 'a' as ComponentId, name: 'Revenues', confidence: 0.8, reasons: [] }, { componentId: 'b' as ComponentId, name: 'Finance', confidence: 0.3, reasons: [] }],
	...fields
});
const components = [
	{ id: 'a' as ComponentId, name: 'Revenues', kind: 'component' as const },
	{ id: 'c' as ComponentId, name: 'Payroll', kind: 'component' as const },
	{ id: 'u' as ComponentId, name: 'Residents', kind: 'anchor' as const }
];

describe('register review', () => {
	it.each([
		[{ action: 'accept' as const }, 'c:a'],
		[{ action: 'add' as const, componentId: null }, 'new'],
		[{ action: 'skip' as const, componentId: null }, 'skip']
	])('proposes %j as %s', (fields, choice) => {
		expect(proposedChoice(proposal(fields))).toBe(choice);
	});

	it('offers the proposed component first, the likely ones, every other component, new and skip (no anchors)', () => {
		expect(choiceOptions(proposal({}), components)).toEqual([
			{ value: 'c:a', label: 'Add to Revenues (proposed, 80%)' },
			{ value: 'c:b', label: 'Add to Finance (30%)' },
			{ value: 'c:c', label: 'Add to Payroll' },
			{ value: 'new', label: 'Add as a new component' },
			{ value: 'skip', label: 'Skip' }
		]);
	});

	it('turns choices into decisions: accept, change, add, skip', () => {
		const p = proposal({ typeId: 'revs-bens' });
		expect(decisionOf(p, 'c:a')).toMatchObject({ action: 'accept', componentId: 'a' });
		expect(decisionOf(p, 'c:c')).toMatchObject({ action: 'change', componentId: 'c' });
		expect(decisionOf(p, 'new')).toMatchObject({ action: 'add', componentId: null, typeId: 'revs-bens' });
		expect(decisionOf(p, 'skip')).toMatchObject({ action: 'skip', componentId: null });
	});

	it('asks the facilitator rules: editing the chosen component, or adding one', () => {
		const refusal = (kind: string, id?: string) => (kind === 'edit' && id === 'a' ? 'Locked by Ana (facilitator).' : kind === 'add' ? 'The facilitator has not allowed “add” for now.' : null);
		expect(blocked('c:a', refusal)).toBe('Locked by Ana (facilitator).');
		expect(blocked('c:c', refusal)).toBeNull();
		expect(blocked('new', refusal)).toBe('The facilitator has not allowed “add” for now.');
		expect(blocked('skip', refusal)).toBeNull();
	});

	it('counts what Apply will do, locked rows apart', () => {
		expect(reviewCounts(['c:a', 'c:b', 'new', 'skip'], [true, false, false, false])).toEqual({ existing: 1, added: 1, skipped: 1, refused: 1 });
	});

	it('says what a row read', () => {
		expect(rowSummary(proposal({}))).toEqual({ where: 'line 7', what: 'R1: Revenues', facts: 'Capita · £125,000 · 2022-04-01 to 2027-03-31' });
	});
});

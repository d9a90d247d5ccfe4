import { describe, expect, it } from 'vitest';
import { matchReason, matchReasonText, type IndexedComponentText } from '../../../src/lib/catalogue/match-reason.js';

const revs: IndexedComponentText = { name: 'Civica OpenRevenues', product: 'Civica OpenRevenues', supplier: 'Civica', typeName: 'Revenues and benefits' };
const crm: IndexedComponentText = { name: 'Customer portal', product: 'Firmstep', supplier: 'Granicus', typeName: 'CRM' };
const pay: IndexedComponentText = { name: 'Payments', product: 'Civica Pay', supplier: 'Civica', typeName: 'Payments gateway' };

describe('matchReason', () => {
	it.each([
		['civica', [crm, revs, pay], 'component ‘Civica OpenRevenues’ (product Civica OpenRevenues, supplier Civica)'],
		['civica pay', [revs, pay], 'component ‘Payments’ (product Civica Pay, supplier Civica, type Payments gateway)'],
		['granicus', [revs, crm], 'component ‘Customer portal’ (supplier Granicus)'],
		['crm', [revs, crm], 'component ‘Customer portal’ (type CRM)'],
		['revenue', [crm, revs], 'component ‘Civica OpenRevenues’ (type Revenues and benefits)'],
		['portals', [crm], 'component ‘Customer portal’']
	] as const)('%s → %#', (query, components, text) => {
		const reason = matchReason(query, components);
		expect(reason && matchReasonText(reason)).toBe(text);
	});

	it.each([
		['kestrelford', [revs, crm]],
		['', [revs]],
		['c', [revs]]
	] as const)('names no component for %j (%#)', (query, components) => {
		expect(matchReason(query, components)).toBeNull();
	});
});

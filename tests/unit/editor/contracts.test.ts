// The editor's contract verbs (one undo step each) and the table's next notice and end dates.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ModelError, addComponent, initMap, readSnapshot } from '../../../src/lib/map/index.js';
import { EditorController } from '../../../src/lib/editor/controller.js';
import { tableRows } from '../../../src/lib/editor/table.js';

function setup() {
	const doc = new Y.Doc();
	initMap(doc);
	const id = addComponent(doc, { name: 'Revenues', visibility: 0.6 });
	const other = addComponent(doc, { name: 'Housing', visibility: 0.4 });
	return { doc, id, other, ed: new EditorController(doc) };
}

describe('contract verbs', () => {
	it('add, edit and remove a contract, each one undo step', () => {
		const { doc, id, ed } = setup();
		const k = ed.addContract(id, { reference: 'RB-1' });
		ed.setContractFields(id, k, { end: '2027-03-31', noticeMonths: 6 });
		ed.setContractFields(id, k, { route: 'G-Cloud 14' });
		expect(readSnapshot(doc).components[0].contracts![0]).toMatchObject({ reference: 'RB-1', end: '2027-03-31', route: 'G-Cloud 14' });
		ed.undo.undo();
		expect(readSnapshot(doc).components[0].contracts![0].route).toBe('');
		ed.removeContract(id, k);
		expect(readSnapshot(doc).components[0].contracts).toBeUndefined();
		ed.undo.undo();
		expect(readSnapshot(doc).components[0].contracts![0].end).toBe('2027-03-31');
	});

	it('refuses a bad date and changes nothing', () => {
		const { doc, id, ed } = setup();
		const k = ed.addContract(id, { start: '2025-04-01' });
		expect(() => ed.setContractFields(id, k, { end: '2025-03-31' })).toThrow(ModelError);
		expect(readSnapshot(doc).components[0].contracts![0].end).toBe('');
	});
});

describe('tableRows', () => {
	it('gives each component its next notice and end dates still to come', () => {
		const { doc, id, ed } = setup();
		ed.addContract(id, { end: '2027-03-31', noticeMonths: 6 });
		ed.addContract(id, { end: '2026-06-30', noticeMonths: 3 });
		const rows = tableRows(readSnapshot(doc), '2026-12-07');
		expect(rows.map((r) => [r.name, r.nextNotice, r.nextEnd])).toEqual([
			['Revenues', '', '2027-03-31'],
			['Housing', '', '']
		]);
		expect(tableRows(readSnapshot(doc), '2026-09-01')[0]).toMatchObject({ nextNotice: '2026-09-30', nextEnd: '2027-03-31' });
	});
});

// Property: importing a register loses no row. Every non-empty record after the header is either
// a proposal or a bad row with its line, whatever the cells hold; every OCDS award likewise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importRegister } from '../../../../src/lib/contracts/register/index.js';
import { VOCABULARY, buildSnapshot, makeComponent } from '../../../../src/lib/catalogue/index.js';
import type { ComponentId } from '../../../../src/lib/map/index.js';

const MAP = buildSnapshot({}, { components: [makeComponent({ id: 'a' as ComponentId, name: 'Revenues', supplier: 'Capita', product: 'One' }, 1)] });
const HEADER = 'Reference,Title,Supplier,Total Value,Start Date,End Date';

const cell = fc.oneof(
	fc.constantFrom('', 'Capita Ltd', 'Total', '£1,234.00', '1.2m', 'n/a', '31/03/2027', '2027-03-31', '31/02/2027', 'Mar-2027', 'TBC', 'Revenues, "One"', 'line\nbreak'),
	fc.string({ maxLength: 12 })
);
const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);

describe('no row is lost', () => {
	it('CSV: records = proposals + bad rows, and bad lines are real, distinct lines', () => {
		fc.assert(
			fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), (rows, eol) => {
				const text = [HEADER, ...rows.map((r) => r.map(quote).join(','))].join(eol);
				const r = importRegister(text, MAP, VOCABULARY);
				const nonEmpty = rows.filter((cells) => cells.some((c) => c.trim() !== '')).length;
				expect(r.proposals.length + r.bad.length).toBe(nonEmpty);
				const lines = [...r.proposals.map((p) => p.row.source), ...r.bad.map((b) => b.source)].map((s) => ('line' in s ? s.line : -1));
				expect(new Set(lines).size).toBe(lines.length);
				const total = text.split(/\r\n|\n/).length;
				for (const line of lines) expect(line >= 2 && line <= total).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});

	it('OCDS: every award is a proposal or its release is listed', () => {
		const award = fc.record({
			end: fc.constantFrom('2027-03-31', '', 'soon', '2020-01-01'),
			supplier: fc.constantFrom('Capita', '', 'Acme Ltd')
		});
		fc.assert(
			fc.property(fc.array(fc.array(award, { maxLength: 3 }), { maxLength: 10 }), (processes) => {
				const releases = processes.map((awards, i) => ({
					ocid: `ocds-${i}`,
					id: `ocds-${i}-r`,
					date: '2026-01-01',
					awards: awards.map((a, j) => ({ id: `a${j}`, suppliers: [{ name: a.supplier }], contractPeriod: { startDate: '2021-01-01', endDate: a.end } }))
				}));
				const r = importRegister(JSON.stringify({ releases }), MAP, VOCABULARY);
				const expected = processes.reduce((n, awards) => n + Math.max(1, awards.length), 0);
				expect(r.proposals.length + r.bad.length).toBe(expected);
			}),
			{ numRuns: 100 }
		);
	});
});

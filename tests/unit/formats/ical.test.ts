import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toICalendar } from '../../../src/lib/formats/ical/index.js';
import { mapContractEvents } from '../../../src/lib/contracts/calendar.js';
import { buildSnapshot, makeComponent } from '../../../src/lib/catalogue/index.js';
import { blankContract } from '../../../src/lib/map/contracts.js';
import type { ComponentId } from '../../../src/lib/map/index.js';
import { parseICalendar } from '../../helpers/ical.js';

const NOW = new Date('2026-12-07T06:36:00.123Z');
const NASTY = 'Revs, bens; <script>alert(1)</script>\nline two \\ end';

describe('escapeText', () => {
	it('escapes backslash, semicolon, comma and newlines', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});
});

describe('foldLine', () => {
	it('folds at 75 octets without splitting a character', () => {
		const line = `SUMMARY:${'é'.repeat(100)}`;
		const folded = foldLine(line);
		for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
		expect(folded.replaceAll('\r\n ', '')).toBe(line);
	});
});

describe('toICalendar', () => {
	const text = toICalendar(
		{
			name: NASTY,
			events: [
				{ uid: 'm1.c1.k1@stackmap', date: '2027-12-31', summary: NASTY, description: `${NASTY} ${'long '.repeat(40)}`, url: 'https://example.org/maps/m1' },
				{ uid: 'm1.c2.k1@stackmap', date: '2028-02-29', summary: 'Leap', description: '', url: '' }
			]
		},
		NOW
	);

	it('parses strictly and keeps every name as written', () => {
		const cal = parseICalendar(text);
		expect(cal.properties['X-WR-CALNAME']).toBe(NASTY);
		expect(cal.events).toHaveLength(2);
		expect(cal.events[0]).toMatchObject({ UID: 'm1.c1.k1@stackmap', DTSTAMP: '20261207T063600Z', DTSTART: '20271231', DTEND: '20280101', SUMMARY: NASTY });
		expect(cal.events[0].DESCRIPTION.startsWith(NASTY)).toBe(true);
		expect(cal.events[1].DTEND).toBe('20280301');
		expect(text).toContain('\r\nDTSTART;VALUE=DATE:20280229\r\n');
	});

	it('uses CRLF throughout and folds long lines', () => {
		expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
		expect(text.replaceAll('\r\n', '')).not.toContain('\n');
	});
});

describe('mapContractEvents', () => {
	const component = (id: string, name: string, contracts: ReturnType<typeof blankContract>[]) =>
		({ ...makeComponent({ id: id as ComponentId, name }, 1), contracts });
	const map = buildSnapshot(
		{ title: 'Kestrelford' },
		{
			components: [
				component('c1', 'Finance; ERP, core', [
					{ ...blankContract('k1'), reference: 'KCC-1', end: '2027-12-31', noticeMonths: 12 },
					{ ...blankContract('k2'), end: '2028-06-30' },
					{ ...blankContract('k3') }
				])
			]
		}
	);

	it('makes one event per dated contract, on its notice date or else its end, with stable UIDs', () => {
		const events = mapContractEvents(map, 'map1', 'https://example.org/maps/map1');
		expect(events.map((e) => [e.uid, e.date, e.summary])).toEqual([
			['map1.c1.k1@stackmap', '2026-12-31', 'Notice due: Finance; ERP, core (KCC-1)'],
			['map1.c1.k2@stackmap', '2028-06-30', 'Contract ends: Finance; ERP, core']
		]);
		const cal = parseICalendar(toICalendar({ name: 'x', events }, NOW));
		expect(cal.events.map((e) => e.SUMMARY)).toEqual(events.map((e) => e.summary));
		expect(parseICalendar(toICalendar({ name: 'x', events: mapContractEvents(map, 'map1', '') }, new Date())).events.map((e) => e.UID)).toEqual(
			cal.events.map((e) => e.UID)
		);
	});
});

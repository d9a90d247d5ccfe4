// FICTIONAL contracts for the five seed councils: ends spread from early 2027 to 2031, with
// renewals of the same component types falling close together across councils (revenues and
// benefits, finance, payroll, CRM, planning, the contact centre, Microsoft 365) so a renewal radar
// shows joint-procurement opportunities. Frameworks and amounts are plausible for UK councils;
// no real council's contracts are described. Keyed by council id and component type: the contract
// goes on the council's first component of that type.
import type { Contract, Money } from '../../map/types.js';

type Row = readonly [
	council: string,
	type: string,
	reference: string,
	start: string,
	end: string,
	noticeMonths: number | null,
	extensions: string,
	annual: number | string | null,
	wholeLife: number | string | null,
	route: string,
	sharedWith?: readonly string[]
];

const ROWS: readonly Row[] = [
	// Kestrelford County Council (large, legacy, hosts the payroll bureau for districts)
	['kestrelford', 'erp-finance', 'KCC-ICT-0412', '2020-01-01', '2027-12-31', 12, '+1 year', 1_450_000, 10_150_000, 'CCS RM6194 Back Office Software'],
	['kestrelford', 'hr-payroll', 'KCC-ICT-0413', '2020-01-01', '2027-12-31', 12, '+1 year', 620_000, 4_340_000, 'CCS RM6194 Back Office Software', ['Calderbrook District Council']],
	['kestrelford', 'crm', 'KCC-ICT-0577', '2024-07-01', '2029-06-30', 6, '+1+1 years', 310_000, 1_550_000, 'CCS RM6098 Technology Products & Associated Services 2'],
	['kestrelford', 'asc-case', 'KCC-ASC-0120', '2019-04-01', '2029-03-31', 12, '', 780_000, '£5m–£10m', 'CCS RM6259 Vertical Application Solutions'],
	['kestrelford', 'csc-case', 'KCC-CSC-0121', '2019-04-01', '2029-03-31', 12, '', 640_000, '£5m–£10m', 'CCS RM6259 Vertical Application Solutions'],
	['kestrelford', 'planning-dm', 'KCC-PLN-0098', '2022-10-01', '2027-09-30', 6, '+1 year', 48_000, 240_000, 'G-Cloud 13'],
	['kestrelford', 'website', 'KCC-DIG-0231', '2023-09-01', '2027-08-31', 3, '+1 year', 95_000, '£250k–£500k', 'G-Cloud 13'],
	['kestrelford', 'contact-centre', 'KCC-DIG-0240', '2023-11-01', '2028-10-31', 6, '+1+1 years', 160_000, 800_000, 'G-Cloud 14'],
	['kestrelford', 'm365', 'KCC-ICT-0600', '2025-07-01', '2028-06-30', 3, '', 1_900_000, 5_700_000, 'Microsoft EA via CCS RM6098'],
	['kestrelford', 'itsm', 'KCC-ICT-0455', '2023-10-01', '2028-09-30', 6, '+1 year', 210_000, 1_050_000, 'G-Cloud 13'],
	['kestrelford', 'highways-asset', 'KCC-HWY-0088', '2025-04-01', '2030-03-31', 9, '+2 years', 175_000, 875_000, 'CCS RM6259 Vertical Application Solutions'],

	// Calderbrook District Council (small district; shares revenues and benefits, buys payroll from the county)
	['calderbrook', 'revs-bens', 'CDC/2021/017', '2021-04-01', '2028-03-31', 12, '+1+1 years', 185_000, 1_295_000, 'CCS RM6259 Vertical Application Solutions', ['Marlow Vale District Council']],
	['calderbrook', 'erp-finance', 'CDC/2020/044', '2020-04-01', '2028-03-31', 9, '', 62_000, '£250k–£500k', 'ESPO 664 Software Solutions'],
	['calderbrook', 'hr-payroll', 'CDC/SLA/KCC-PAY', '2023-04-01', '2028-03-31', 6, 'annual', 38_000, 190_000, 'in-house (shared service agreement)', ['Kestrelford County Council']],
	['calderbrook', 'crm', 'CDC/2022/009', '2022-07-01', '2027-06-30', 6, '+1 year', 54_000, 270_000, 'G-Cloud 12'],
	['calderbrook', 'website', 'CDC/2022/010', '2022-07-01', '2027-06-30', 6, '+1 year', 22_000, 110_000, 'G-Cloud 12'],
	['calderbrook', 'planning-dm', 'CDC/2019/031', '2019-10-01', '2027-09-30', 6, '', 41_000, '£250k–£500k', 'Direct award'],
	['calderbrook', 'contact-centre', 'CDC/2023/002', '2023-03-01', '2028-02-29', 3, '', 28_000, 140_000, 'CCS RM6116 Network Services 3'],
	['calderbrook', 'm365', 'CDC/CSP/365', '2024-12-01', '2027-11-30', 2, '', 140_000, 420_000, 'CCS RM6098 Technology Products & Associated Services 2'],
	['calderbrook', 'itsm', 'CDC/2024/006', '2024-05-01', '2027-04-30', 3, '+1 year', 18_000, 54_000, 'G-Cloud 14'],
	['calderbrook', 'housing-mgmt', 'CDC/2024/021', '2024-04-01', '2031-03-31', 12, '+2 years', 120_000, 840_000, 'Open tender'],

	// Port Alder City Council (cloud-first city)
	['port-alder', 'revs-bens', 'PACC-RB-2023', '2023-07-01', '2028-06-30', 12, '+1+1 years', 420_000, 2_100_000, 'CCS RM6259 Vertical Application Solutions'],
	['port-alder', 'erp-finance', 'PACC-ERP-01', '2022-04-01', '2030-03-31', 12, '+2 years', 980_000, 7_840_000, 'CCS RM6194 Back Office Software'],
	['port-alder', 'hr-payroll', 'PACC-ERP-02', '2022-04-01', '2030-03-31', 12, '+2 years', 410_000, 3_280_000, 'CCS RM6194 Back Office Software'],
	['port-alder', 'crm', 'PACC-DIG-014', '2023-12-01', '2028-11-30', 6, '+1 year', 360_000, 1_800_000, 'G-Cloud 13'],
	['port-alder', 'asc-case', 'PACC-SC-007', '2020-04-01', '2030-03-31', 12, '', 690_000, '£5m–£10m', 'Open tender'],
	['port-alder', 'contact-centre', 'PACC-DIG-021', '2024-02-01', '2029-01-31', 6, '+1 year', 240_000, 1_200_000, 'G-Cloud 14'],
	['port-alder', 'm365', 'PACC-MS-2026', '2026-07-01', '2029-06-30', 3, '', 1_350_000, 4_050_000, 'Microsoft EA via CCS RM6098'],
	['port-alder', 'itsm', 'PACC-ICT-033', '2024-10-01', '2029-09-30', 6, '+1 year', 190_000, 950_000, 'G-Cloud 14'],
	['port-alder', 'housing-mgmt', 'PACC-HSG-004', '2023-10-01', '2030-09-30', 12, '+2 years', 330_000, 2_310_000, 'Open tender'],

	// Greystone Borough Council (locked-in borough: outsourced revenues and benefits, on-prem finance)
	['greystone', 'revs-bens', 'GBC-OUT-2016-01', '2016-04-01', '2028-03-31', 18, '', 3_200_000, '£35m–£40m', 'Open tender (OJEU)'],
	['greystone', 'erp-finance', 'GBC-C-0871', '2017-11-01', '2027-10-31', 12, '', 240_000, 2_400_000, 'ESPO 664 Software Solutions'],
	['greystone', 'hr-payroll', 'GBC-C-0902', '2021-09-01', '2028-08-31', 9, '+1 year', 165_000, 1_155_000, 'CCS RM6194 Back Office Software'],
	['greystone', 'crm', 'GBC-C-0655', '2014-10-01', '2027-09-30', 6, '', 130_000, '£1m–£2.5m', 'Direct award'],
	['greystone', 'asc-case', 'GBC-C-0930', '2022-10-01', '2029-09-30', 12, '+2 years', 450_000, 3_150_000, 'CCS RM6259 Vertical Application Solutions'],
	['greystone', 'csc-case', 'GBC-C-0931', '2019-04-01', '2029-03-31', 12, '', 520_000, '£5m–£10m', 'CCS RM6259 Vertical Application Solutions'],
	['greystone', 'planning-dm', 'GBC-C-0811', '2021-02-01', '2028-01-31', 6, '+1 year', 72_000, 504_000, 'G-Cloud 12'],
	['greystone', 'website', 'GBC-C-0944', '2022-12-01', '2027-11-30', 3, '+1 year', 46_000, 230_000, 'G-Cloud 13'],
	['greystone', 'contact-centre', 'GBC-C-0702', '2017-06-01', '2027-05-31', 6, '', 85_000, '£500k–£1m', 'Direct award'],
	['greystone', 'm365', 'GBC-MS-EA', '2025-07-01', '2028-06-30', 3, '', 880_000, 2_640_000, 'Microsoft EA via CCS RM6098'],
	['greystone', 'housing-mgmt', 'GBC-C-0860', '2018-01-01', '2028-12-31', 12, '', 260_000, '£2.5m–£5m', 'Open tender'],

	// Wessmoor Council (new unitary, vesting 2027: interim agreements with its sister successor)
	['wessmoor', 'revs-bens', 'WC-INT-RB-01', '2025-04-01', '2027-09-30', 6, '+6 months', 390_000, 975_000, 'novated from predecessor councils'],
	['wessmoor', 'erp-finance', 'WC-ISA-001', '2025-04-01', '2027-03-31', 3, '+1 year', 900_000, 1_800_000, 'in-house (interim service agreement)', ['Wessmoor North Council']],
	['wessmoor', 'hr-payroll', 'WC-INT-HR-02', '2025-04-01', '2028-03-31', 6, '', 270_000, 810_000, 'novated from predecessor councils'],
	['wessmoor', 'crm', 'WC-DIG-004', '2026-04-01', '2029-03-31', 6, '+1+1 years', 150_000, 450_000, 'G-Cloud 14'],
	['wessmoor', 'asc-case', 'WC-ISA-004', '2025-04-01', '2028-03-31', 6, '+1 year', 560_000, 1_680_000, 'in-house (interim service agreement)', ['Wessmoor North Council']],
	['wessmoor', 'csc-case', 'WC-ISA-005', '2025-04-01', '2028-03-31', 6, '+1 year', 470_000, 1_410_000, 'in-house (interim service agreement)', ['Wessmoor North Council']],
	['wessmoor', 'planning-dm', 'WC-INT-PL-01', '2025-04-01', '2027-12-31', 6, '', 64_000, 176_000, 'novated from predecessor councils'],
	['wessmoor', 'contact-centre', 'WC-INT-CC-01', '2025-04-01', '2027-12-31', 3, '', 58_000, 160_000, 'novated from predecessor councils'],
	['wessmoor', 'm365', 'WC-MS-2025', '2025-04-01', '2027-03-31', 2, '', 1_100_000, 2_200_000, 'CCS RM6098 Technology Products & Associated Services 2'],
	['wessmoor', 'itsm', 'WC-INT-IT-01', '2025-04-01', '2027-04-30', 3, '', 36_000, 75_000, 'novated from predecessor councils'],
	['wessmoor', 'highways-asset', 'WC-ISA-009', '2025-04-01', '2030-03-31', 9, '', 140_000, 700_000, 'in-house (interim service agreement)', ['Wessmoor North Council', 'Kestrelford County Council']]
];

const money = (v: number | string | null): Money | null => (v === null ? null : typeof v === 'number' ? { exact: v, band: '' } : { exact: null, band: v });

/** Council id → component type → its contracts (ids `seed-1`, `seed-2`… within the component). */
export const SEED_CONTRACTS: ReadonlyMap<string, ReadonlyMap<string, readonly Contract[]>> = (() => {
	const out = new Map<string, Map<string, Contract[]>>();
	for (const [council, type, reference, start, end, noticeMonths, extensions, annual, wholeLife, route, sharedWith = []] of ROWS) {
		let byType = out.get(council);
		if (!byType) out.set(council, (byType = new Map()));
		const list = byType.get(type) ?? [];
		list.push({ id: `seed-${list.length + 1}`, reference, start, end, noticeMonths, extensions, annualCost: money(annual), wholeLifeValue: money(wholeLife), route, sharedWith: [...sharedWith] });
		byType.set(type, list);
	}
	return out;
})();

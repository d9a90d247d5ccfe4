// Importing a contract register (section `register-import`): a generated 5,000-row Transparency
// Code CSV, untidy as councils publish them, read and matched against a 60-component map: in
// process (importRegister, the worker's whole job), then in Chromium through the editor's dialog
// and its Web Worker, with the main thread's longest task meanwhile. Needs `npm run build`.
import { afterAll, it } from 'vitest';
import { serverAndBrowser } from '../tests/helpers/e2e.js';
import { buildSnapshot, makeComponent, VOCABULARY } from '../src/lib/catalogue/index.js';
import { importRegister, readRegisterCsv } from '../src/lib/contracts/register/index.js';
import type { ComponentId } from '../src/lib/map/index.js';
import { random } from './catalogue-data.js';
import { percentile, table, writeSection } from './report.js';

const ROWS = 5_000;
const RUNS = 7;
const SUPPLIERS = ['Capita Business Services Ltd', 'CAPITA BUSINESS SERVICES LIMITED', 'Civica UK Limited', 'Idox Software Ltd', 'Unit4 Business Software Limited', 'MHR International UK Ltd', 'Netcall Systems Ltd', 'Microsoft Limited', 'Glendale Grounds Management Ltd', 'Churchill Contract Services Ltd', 'Zurich Municipal', 'Matrix SCM Ltd', 'Softcat plc', 'Bytes Software Services Ltd'];
const TITLES = ['Revenues and benefits system support', 'Financial management system', 'Planning back office licences', 'HR and payroll managed service', 'CRM platform licences', 'Contact centre telephony', 'Grounds maintenance', 'Cleaning of civic offices', 'Insurance', 'Temporary agency staff', 'Microsoft 365 licences', 'Library management system', 'Waste collection vehicles', 'Legal services call-off'];
/** Words councils use in contract titles, mixed so that almost every title differs (no easy caching). */
const WORDS = 'revenues benefits council tax planning building control payroll housing repairs waste collection libraries leisure parking permits highways asset street lighting cleaning grounds maintenance insurance audit legal agency staff finance purchasing licences support hosting cloud telephony contact centre website portal forms payments income cash receipting electoral registration committee social care children adults education admissions schools transport fleet vehicles fuel security monitoring backup network laptops printing mail document management records gis mapping data warehouse dashboards crm customer identity microsoft licences training consultancy catering energy gas electricity water cemeteries parks trees recycling homelessness lettings rents tenancy care homes domiciliary advocacy youth services translation interpreting courier postage stationery furniture'.split(' ');
const DATES = (rnd: () => number) => {
	const y = 2020 + Math.floor(rnd() * 6);
	const d = `${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`;
	return [`${d}/${y}`, rnd() < 0.2 ? `${y + 5}-03-31` : `31/03/${y + 3 + Math.floor(rnd() * 4)}`];
};

function register(rnd: () => number): string {
	const lines = ['Anytown Council,,,,,,,,', 'Contracts Register (Transparency Code 2015),,,,,,,,', '', 'Contract Ref,Title of Agreement,Directorate,Description of Goods/Services,Supplier Name,Total Value (£),Start Date,End Date,Procurement Route'];
	for (let i = 0; i < ROWS; i++) {
		const t = Math.floor(rnd() * TITLES.length);
		const pick = () => WORDS[Math.floor(rnd() * WORDS.length)];
		const title = `${pick()} ${pick()} ${pick()}`;
		const [start, end] = DATES(rnd);
		const value = rnd() < 0.3 ? `${(rnd() * 3).toFixed(1)}m` : `"£${Math.floor(rnd() * 900 + 10)},${String(Math.floor(rnd() * 1000)).padStart(3, '0')}.00"`;
		lines.push(`ANY-${i},${rnd() < 0.3 ? TITLES[t] : title},Resources,"${title}, ${pick()} and ${pick()} (lot ${i})",${SUPPLIERS[(t + Math.floor(rnd() * 2)) % SUPPLIERS.length]},${value},${start},${end},G-Cloud 14`);
		if (rnd() < 0.01) lines.push(',,,,,,,,');
	}
	lines.push('Total,,,,,"£123,456,789.00",,,');
	return '\uFEFF' + lines.join('\r\n');
}

function map() {
	const types = VOCABULARY.types.slice(0, 60);
	const suppliers = ['Capita', 'Civica', 'Idox', 'Unit4', 'MHR', 'Netcall', 'Microsoft', 'Granicus', 'Northgate', 'Salesforce'];
	return buildSnapshot({ title: 'Bench' }, {
		components: types.map((t, i) => makeComponent({ id: `c${i}` as ComponentId, name: t.name, componentType: t.id, product: t.examples[0] ?? '', supplier: suppliers[i % suppliers.length] }, i + 1))
	});
}

const e2e = serverAndBrowser();
const sections: string[] = [];
afterAll(() => writeSection('register-import', 'Contract register import', sections.join('\n\n')));

/** The bench map as a components CSV, for the import API. */
function mapCsv(): string {
	const m = map();
	return ['Name,Type ID,Product,Supplier', ...m.components.map((c) => [c.name, c.componentType, c.product, c.supplier].map((v) => `"${v.replaceAll('"', '""')}"`).join(','))].join('\n');
}

it('measures importing a 5,000-row register in process', () => {
	const rnd = random(20261207);
	const text = register(rnd);
	const snapshot = map();
	const read: number[] = [];
	const total: number[] = [];
	let proposals = 0;
	let bad = 0;
	for (let i = 0; i < RUNS; i++) {
		let t0 = performance.now();
		readRegisterCsv(text);
		read.push(performance.now() - t0);
		t0 = performance.now();
		const r = importRegister(text, snapshot, VOCABULARY);
		total.push(performance.now() - t0);
		proposals = r.proposals.length;
		bad = r.bad.length;
	}
	read.sort((a, b) => a - b);
	total.sort((a, b) => a - b);
	const ms = (n: number) => n.toFixed(0);
	sections.push(
		`A generated ${ROWS.toLocaleString('en-GB')}-row Transparency Code register (${(text.length / 1024).toFixed(0)} KiB: title lines, BOM, CRLF,
£ and "1.2m" values, two date forms, a totals row) read and matched against a 60-component map, ${RUNS} runs
(${proposals.toLocaleString('en-GB')} proposals, ${bad} bad row; titles and descriptions drawn from 120 council words, so almost every row's words differ). The editor runs the same \`importRegister\` in a Web Worker;
target ≤ 2,000 ms for read + match.

${table(['step', 'p50 ms', 'max ms'], [
	['read the CSV (parse, header, mapping, rows)', ms(percentile(read, 50)), ms(read[read.length - 1])],
	['read + match (the worker’s whole job)', ms(percentile(total, 50)), ms(total[total.length - 1])]
])}`
	);
});

it('measures the same import in Chromium, through the dialog and its worker', async () => {
	const text = register(random(20261207));
	const res = await fetch(`${e2e.srv.base}/api/maps/import?format=csv&title=Bench`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: mapCsv() });
	const created = (await res.json()) as { editUrl: string };
	const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
	page.setDefaultTimeout(60_000);
	await page.addInitScript(() => {
		localStorage.setItem('stackmap:name', 'Bench');
		const w = window as unknown as { longTasks: number[] };
		w.longTasks = [];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
	});
	await page.goto(created.editUrl);
	await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 15_000 });
	const toMapping: number[] = [];
	const toReview: number[] = [];
	const longest: number[] = [];
	for (let run = 0; run < 3; run++) {
		await page.getByRole('button', { name: 'Import contract register…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Import contract register' });
		await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
		let t0 = Date.now();
		await dialog.getByLabel('Register file (CSV or OCDS JSON)').setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
		await dialog.getByRole('heading', { name: "Match the register's columns" }).waitFor();
		toMapping.push(Date.now() - t0);
		longest.push(Math.max(0, ...(await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks))));
		t0 = Date.now();
		await dialog.getByRole('button', { name: 'Match rows' }).click();
		await dialog.getByRole('heading', { name: 'Review the rows' }).waitFor();
		toReview.push(Date.now() - t0);
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await dialog.waitFor({ state: 'detached' });
	}
	await page.close();
	const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	sections.push(`In Chromium (the built app, headless), 3 runs, median and max:

${table(['step', 'median ms', 'max ms'], [
	['file chosen → column step (file read, worker reads and matches all rows)', med(toMapping), Math.max(...toMapping)],
	['Match rows → review (worker again, first 200 rows drawn)', med(toReview), Math.max(...toReview)],
	['longest main-thread task while the worker read and matched', Math.round(med(longest)), Math.round(Math.max(...longest))]
])}`);
});

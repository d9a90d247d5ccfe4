// Importing a contract register in real Chromium, by keyboard: the CSV fixture into a seeded map,
// the column-mapping step, the review (change one row, skip one), Apply, the contracts in the
// table, and one Undo taking them all away. No WCAG A/AA violations in the dialog.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { axe, newPage } from '../helpers/browser.js';
import { serverAndBrowser, until } from '../helpers/e2e.js';

const e2e = serverAndBrowser();
const FIXTURES = 'tests/fixtures/contracts';

describe('contract register import', () => {
	it('reviews, applies and undoes a Transparency Code register', async () => {
		const res = await fetch(`${e2e.srv.base}/api/maps/import?format=csv&title=Northbury`, {
			method: 'POST',
			headers: { 'content-type': 'text/csv' },
			body: readFileSync(`${FIXTURES}/northbury-map.csv`, 'utf8')
		});
		expect(res.status).toBe(201);
		const map = (await res.json()) as { id: string; editUrl: string; viewUrl: string };
		const viewKey = new URL(map.viewUrl).searchParams.get('key');
		const stored = async (): Promise<MapSnapshot> => (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${viewKey}`)).json();
		const before = await stored();
		const id = (name: string) => before.components.find((c) => c.name === name)!.id;

		const page = await newPage(e2e.browser, { viewport: { width: 1400, height: 900 } });
		page.setDefaultTimeout(8000);
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto(map.editUrl);
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });

		await page.getByRole('button', { name: 'Import contract register…' }).focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Import contract register' });
		await dialog.waitFor();
		await dialog.getByLabel('Register file (CSV or OCDS JSON)').setInputFiles(`${FIXTURES}/northbury-register.csv`);

		// The column-mapping step, guessed from the header below the title lines.
		await dialog.getByRole('heading', { name: "Match the register's columns" }).waitFor();
		await dialog.getByText('the header row is line 5').waitFor();
		expect(await dialog.getByLabel('Supplier', { exact: true }).inputValue()).toBe('4');
		expect(await dialog.getByLabel('End date').inputValue()).toBe('10');
		// Each choice shows what it reads from the first row, and follows a change.
		const supplierRow = dialog.getByRole('row', { name: /^Supplier / });
		expect(await supplierRow.getByRole('cell').last().textContent()).toBe('Capita Business Services Ltd');
		// A changed choice is what the rows are read with; back to the columns to change it again.
		await dialog.getByLabel('Title', { exact: true }).selectOption('3');
		await dialog.getByRole('button', { name: 'Match rows' }).click();
		await dialog.locator('tr[data-row="line 6"]').getByText('NBC-IT-0012: Capita One Revenues & Benefits licences, support and hosting').waitFor();
		await dialog.getByRole('button', { name: 'Back to the columns' }).click();
		await page.waitForFunction(() => document.activeElement?.id === 'register-mapping-heading');
		await dialog.getByLabel('Title', { exact: true }).selectOption('1');
		await dialog.getByRole('button', { name: 'Match rows' }).focus();
		await page.keyboard.press('Enter');
		await dialog.locator('tr[data-row="line 6"]').getByText('NBC-IT-0012: Revenues and Benefits system').waitFor();

		// The review: proposals per row and the bad rows by line number.
		await dialog.getByRole('heading', { name: 'Review the rows' }).waitFor();
		const action = (line: number) => dialog.getByLabel(`Action for line ${line}`, { exact: true });
		expect(await action(6).inputValue()).toBe(`c:${id('Revenues and benefits')}`);
		expect(await action(17).inputValue()).toBe(`c:${id('Revenues and benefits')}`);
		expect(await action(20).inputValue()).toBe('new');
		expect(await action(22).inputValue()).toBe('skip');
		const bad = dialog.getByRole('list', { name: 'Rows that could not be read' }).getByRole('listitem');
		expect(await bad.allTextContents()).toEqual([
			'Line 34: start date “31/02/2025” is not a real date',
			'Line 35: ends (2024-03-31) before it starts (2025-10-01)',
			'Line 36: names neither a supplier nor a title',
			'Line 38: a totals row, not a contract'
		]);
		expect(await axe(page)).toEqual([]);

		// Change one proposal (the pension contract goes to HR and payroll) and skip one, by keyboard.
		await action(17).focus();
		await action(17).selectOption(`c:${id('HR and payroll')}`);
		await action(16).focus();
		await action(16).selectOption('skip');
		// The filter lists the rows skipped now, including the one just skipped.
		await dialog.getByLabel('Show', { exact: true }).selectOption('skip');
		await dialog.locator('tr[data-row="line 16"]').waitFor();
		expect(await dialog.locator('tr[data-row="line 6"]').count()).toBe(0);
		await dialog.getByLabel('Show', { exact: true }).selectOption('all');
		await dialog.locator('tr[data-row="line 6"]').waitFor();
		await dialog.getByRole('button', { name: 'Apply' }).focus();
		await page.keyboard.press('Enter');
		await dialog.waitFor({ state: 'detached' });
		await page.getByTestId('editor-message').filter({ hasText: 'Imported the register' }).waitFor();

		const after = await until(stored, (m) => m.components.some((c) => c.contracts?.length));
		const refs = (name: string) => (after.components.find((c) => c.name === name)?.contracts ?? []).map((c) => c.reference).sort();
		expect(refs('Revenues and benefits')).toEqual(['NBC-IT-0012']);
		expect(refs('HR and payroll')).toEqual(['NBC-HR-0007', 'NBC-IT-0031', 'NBC-IT-0075']);
		expect(after.components.find((c) => c.name === 'Revenues and benefits')!.contracts![0]).toMatchObject({
			start: '2022-04-01',
			end: '2027-03-31',
			wholeLifeValue: { exact: 1234567, band: '' },
			annualCost: { exact: 246913.4, band: '' },
			extensions: '+1+1 years',
			route: 'CCS RM6259 Vertical Application Solutions'
		});
		expect(refs('Security operations centre')).toEqual(['NBC-IT-0066']);
		expect(after.components.some((c) => c.name === 'Grounds maintenance')).toBe(false);

		// The table shows the next contract end of each component.
		await page.getByRole('button', { name: 'Table', exact: true }).click();
		await page.locator(`tr[data-id="${id('Revenues and benefits')}"]`).filter({ hasText: '2027-03-31' }).waitFor();
		await page.locator(`tr[data-id="${id('HR and payroll')}"]`).filter({ hasText: '2029-03-31' }).waitFor();

		// One undo takes every imported contract and new component away.
		await page.getByRole('button', { name: 'Undo' }).click();
		const undone = await until(stored, (m) => m.components.every((c) => !c.contracts?.length));
		expect(undone.components.every((c) => !c.contracts?.length)).toBe(true);
		expect(undone.components.map((c) => c.name).sort()).toEqual(before.components.map((c) => c.name).sort());
		expect(errors).toEqual([]);
		await page.close();
	});

	it('says a locked component cannot receive a contract, and writes none to it', async () => {
		const res = await fetch(`${e2e.srv.base}/api/maps/import?format=csv`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: readFileSync(`${FIXTURES}/northbury-map.csv`, 'utf8') });
		const map = (await res.json()) as { id: string; editUrl: string; viewUrl: string; facilitatorUrl: string };
		const viewKey = new URL(map.viewUrl).searchParams.get('key');
		const stored = async (): Promise<MapSnapshot> => (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${viewKey}`)).json();
		const revs = (await stored()).components.find((c) => c.name === 'Revenues and benefits')!.id;
		const open = async (url: string, name: string) => {
			const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
			const page = await context.newPage();
			page.setDefaultTimeout(8000);
			await page.addInitScript((n) => localStorage.setItem('stackmap:name', n), name);
			await page.goto(url);
			await page.getByRole('status').filter({ hasText: 'Connected' }).first().waitFor({ timeout: 10_000 });
			await page.getByTestId('map-canvas').waitFor();
			return { page, context };
		};
		const ana = await open(map.facilitatorUrl, 'Ana');
		const ben = await open(map.editUrl, 'Ben');
		const symbol = ana.page.locator(`.editor-canvas circle[data-collection="components"][data-id="${revs}"], .editor-canvas g[data-collection="components"][data-id="${revs}"] > circle`).first();
		const b = (await symbol.boundingBox())!;
		await ana.page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
		await ana.page.getByRole('button', { name: 'People' }).click();
		await ana.page.getByRole('button', { name: /Lock selected/ }).click();

		await ben.page.getByRole('button', { name: 'Import contract register…' }).click();
		const dialog = ben.page.getByRole('dialog', { name: 'Import contract register' });
		await dialog.getByLabel('Register file (CSV or OCDS JSON)').setInputFiles(`${FIXTURES}/northbury-register.csv`);
		await dialog.getByRole('button', { name: 'Match rows' }).click();
		await dialog.getByRole('heading', { name: 'Review the rows' }).waitFor();
		const row6 = dialog.locator('tr[data-row="line 6"]');
		await row6.getByText('Locked by Ana (facilitator). This row will not be written.').waitFor();
		expect(await dialog.getByLabel('Action for line 6', { exact: true }).getAttribute('aria-describedby')).toMatch(/^reg-locked-/);
		await dialog.getByText(/locked \(not written\)/).waitFor();
		await dialog.getByRole('button', { name: 'Apply' }).click();
		await dialog.waitFor({ state: 'detached' });
		const after = await until(stored, (m) => m.components.some((c) => c.contracts?.length));
		expect(after.components.find((c) => c.id === revs)!.contracts ?? []).toEqual([]);
		expect(after.components.find((c) => c.name === 'HR and payroll')!.contracts!.length).toBeGreaterThan(0);
		await ana.context.close();
		await ben.context.close();
	});

	it('cancels without writing anything', async () => {
		const res = await fetch(`${e2e.srv.base}/api/maps/import?format=csv`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: readFileSync(`${FIXTURES}/northbury-map.csv`, 'utf8') });
		const map = (await res.json()) as { id: string; editUrl: string; viewUrl: string };
		const page = await newPage(e2e.browser, { viewport: { width: 1400, height: 900 } });
		page.setDefaultTimeout(8000);
		await page.goto(map.editUrl);
		await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 10_000 });
		await page.getByRole('button', { name: 'Import contract register…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Import contract register' });
		await dialog.getByLabel('Register file (CSV or OCDS JSON)').setInputFiles(`${FIXTURES}/ocds-releases.json`);
		// OCDS has no columns to map: straight to the review, bad releases listed by id.
		await dialog.getByRole('heading', { name: 'Review the rows' }).waitFor();
		await dialog.getByText('Release ocds-b5fd17-7a7a7a7a-0004-tender-1: ocds-b5fd17-7a7a7a7a-0004 has no award or contract yet').waitFor();
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'detached' });
		expect(await page.getByRole('button', { name: 'Import contract register…' }).evaluate((b) => b === document.activeElement)).toBe(true);
		const s = (await (await fetch(`${e2e.srv.base}/api/maps/${map.id}?key=${new URL(map.viewUrl).searchParams.get('key')}`)).json()) as MapSnapshot;
		expect(s.components.every((c) => !c.contracts?.length)).toBe(true);
		await page.close();
	});
});

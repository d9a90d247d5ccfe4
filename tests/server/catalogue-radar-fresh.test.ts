// The radar answers from memory between index changes: a published map's contract edits, its
// unpublishing and its organisation show up in the very next radar, concentration and holders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NO_REDACTION, PRIVATE_CONTRACTS, radarWindow } from '../../src/lib/catalogue/index.js';
import { addComponent, type ComponentId } from '../../src/lib/map/index.js';
import { addContract, removeContract, updateContract } from '../../src/lib/map/contract-commands.js';
import { publish, type StackmapApp } from '../../server/app.js';
import { startCollab, type TestServer } from '../helpers/collab.js';

let s: TestServer;
let app: StackmapApp;
const TODAY = '2026-12-07';
const WINDOW = radarWindow(TODAY, '2027-01-01', '2029-12-31');

beforeAll(async () => {
	s = await startCollab();
	app = s.app;
	publish(app);
});

afterAll(async () => {
	await s.close();
});

/** A published map with one payroll component on a contract ending `end`; its live document to edit. */
async function publishedPayroll(title: string, end: string): Promise<{ id: string; doc: Y.Doc; component: ComponentId; contract: string }> {
	const doc = new Y.Doc();
	const component = addComponent(doc, { name: 'Payroll', componentType: 'hr-payroll', supplier: 'Fresh Payroll Ltd', evolution: 0.7, visibility: 0.5 });
	const contract = addContract(doc, component, { reference: `${title}-PAY`, start: '2022-04-01', end, noticeMonths: null });
	const { id } = await app.createMap({ title, doc });
	// Contract dates published (every group is private until chosen): what puts a map on the radar.
	await app.catalogue.publish(id, { visibility: 'published', redaction: { ...NO_REDACTION, contracts: { ...PRIVATE_CONTRACTS, dates: 'published' } } });
	return { id, doc, component, contract };
}

const dues = async (mapId: string) =>
	(await app.catalogue.radar({ type: 'hr-payroll' }, WINDOW, TODAY)).hits.filter((h) => h.mapId === mapId).map((h) => h.due);

describe('radar after a published map changes', () => {
	it('shows a contract’s new end date, a removed contract and an added one in the next query', async () => {
		const { id, doc, component, contract } = await publishedPayroll('Freshwick', '2028-03-31');
		expect(await dues(id)).toEqual(['2028-03-31']);
		// The same call the room makes about a second after an edit; it writes the index behind the room's back.
		updateContract(doc, component, contract, { end: '2029-06-30' });
		await app.catalogue.docChanged(id, doc);
		await app.catalogue.settled();
		expect(await dues(id)).toEqual(['2029-06-30']);
		removeContract(doc, component, contract);
		await app.catalogue.docChanged(id, doc);
		await app.catalogue.settled();
		expect(await dues(id)).toEqual([]);
		addContract(doc, component, { reference: 'Freshwick-PAY-2', start: '2023-01-01', end: '2027-09-30', noticeMonths: 3 });
		await app.catalogue.docChanged(id, doc);
		await app.catalogue.settled();
		expect(await dues(id)).toEqual(['2027-06-30']);
	});

	it('drops an unpublished map from the radar, concentration and contract holders at once', async () => {
		const { id } = await publishedPayroll('Freshford', '2028-09-30');
		expect(await dues(id)).toEqual(['2028-09-30']);
		expect((await app.catalogue.concentration('hr-payroll')).shares.map((x) => x.supplier)).toContain('fresh-payroll-ltd');
		expect((await app.catalogue.contractHolders()).map((h) => h.slug)).toContain('fresh-payroll-ltd');
		await app.catalogue.publish(id, { visibility: 'unlisted' });
		expect(await dues(id)).toEqual([]);
		await app.catalogue.publish(id, { visibility: 'published' });
		expect(await dues(id)).toEqual(['2028-09-30']);
	});

	it('files a map under its organisation as soon as it joins one, and follows the organisation’s profile', async () => {
		const { id } = await publishedPayroll('Freshley', '2028-01-31');
		const districts = async () => (await app.catalogue.radar({ type: 'hr-payroll', orgType: 'district' }, WINDOW, TODAY)).hits.map((h) => h.mapId);
		expect(await districts()).not.toContain(id);
		const { organisation, adminKey } = await app.catalogue.orgs.create({ name: 'Freshley District Council', type: 'district', region: 'South West' });
		await app.catalogue.publish(id, { organisation: organisation.slug, organisationKey: adminKey });
		expect(await districts()).toContain(id);
		const orgName = async () => (await app.catalogue.radar({ type: 'hr-payroll' }, WINDOW, TODAY)).hits.find((h) => h.mapId === id)?.organisation?.name;
		expect(await orgName()).toBe('Freshley District Council');
		await app.catalogue.orgs.update(organisation.id, { name: 'Freshley and Dene District Council', type: 'unitary' });
		expect(await orgName()).toBe('Freshley and Dene District Council');
		expect(await districts()).not.toContain(id);
	});
});

// Contract field groups in the public snapshot: every combination of published groups against a
// map with a marker in every contract field (tests/fixtures/contract-markers.ts).
import { describe, expect, it } from 'vitest';
import {
	contractLevel,
	DEFAULT_REDACTION,
	isRedacted,
	NO_REDACTION,
	publishesContracts,
	redactSnapshot,
	sharedRedaction,
	VOCABULARY,
	withheldDetails,
	type ContractGroup
} from '../../../src/lib/catalogue/index.js';
import type { MapSnapshot } from '../../../src/lib/map/index.js';
import { contractMarkedMap, GROUP_SETTINGS, publishing } from '../../fixtures/contract-markers.js';

const { snapshot, markers } = contractMarkedMap('ut', 0);
const label = (groups: readonly ContractGroup[]) => (groups.length ? groups.join(' + ') : 'nothing');
const ALL: readonly ContractGroup[] = ['dates', 'costs', 'references'];

describe('redactSnapshot with contract groups', () => {
	it.each(GROUP_SETTINGS.map((g) => [label(g), g] as const))('publishing %s: only those groups’ fields are public', (_, groups) => {
		const text = JSON.stringify(redactSnapshot(snapshot, publishing(groups), VOCABULARY)).toLowerCase();
		const shown = (m: string) => text.includes(m.toLowerCase());
		for (const g of ALL) expect(markers[g].filter(shown), g).toEqual(groups.includes(g) ? markers[g] : []);
		// Ids may carry a reference: public ones are by position, unless nothing is withheld.
		expect(markers.id.filter(shown)).toEqual(groups.length === 3 ? markers.id : []);
	});

	it('empties a private group’s fields and renumbers ids', () => {
		const r = redactSnapshot(snapshot, publishing(['costs']), VOCABULARY);
		const k = r.components[0].contracts![1];
		expect(k).toEqual({
			id: 'k2',
			reference: '',
			start: '',
			end: '',
			noticeMonths: null,
			extensions: '',
			annualCost: { exact: 7_310_001, band: 'utband01x' },
			wholeLifeValue: { exact: 7_310_006, band: 'utwhole01x' },
			route: '',
			sharedWith: []
		});
	});

	it('leaves contracts out when every group is private, and copies no field it does not know', () => {
		expect(redactSnapshot(snapshot, DEFAULT_REDACTION, VOCABULARY).components.map((c) => c.contracts)).toEqual([undefined, undefined]);
		const extra = {
			...snapshot,
			components: snapshot.components.map((c) => ({ ...c, contracts: c.contracts?.map((k) => ({ ...k, secretTerms: 'utsecretx' })) }))
		} as MapSnapshot;
		expect(JSON.stringify(redactSnapshot(extra, publishing(['dates', 'costs']), VOCABULARY))).not.toContain('utsecretx');
	});

	it('withholds contracts whole with products, suppliers or notes, whatever the groups', () => {
		for (const withheld of ['products', 'suppliers', 'notes'] as const) {
			const r = redactSnapshot(snapshot, { ...NO_REDACTION, [withheld]: true }, VOCABULARY);
			expect(r.components.map((c) => c.contracts), withheld).toEqual([undefined, undefined]);
		}
	});
});

describe('contract levels', () => {
	it('keeps every group private until the publisher chooses', () => {
		expect(DEFAULT_REDACTION.contracts).toEqual({ dates: 'private', costs: 'private', references: 'private' });
		expect(ALL.filter((g) => publishesContracts(DEFAULT_REDACTION, g))).toEqual([]);
		expect(withheldDetails(DEFAULT_REDACTION)).toEqual(['contract dates', 'contract costs', 'contract references']);
	});

	it('counts a map as redacted (no public live view) unless every group is published', () => {
		expect(GROUP_SETTINGS.map((g) => isRedacted(publishing(g)))).toEqual(GROUP_SETTINGS.map((g) => g.length < 3));
	});

	it('reads only known levels; anything else is not public', () => {
		expect(['private', 'published', 'shared', 'friends', '', null, 1].map(contractLevel)).toEqual(['private', 'published', 'shared', undefined, undefined, undefined, undefined]);
	});
});

describe('the shared level', () => {
	const shared = { ...publishing(['dates']), contracts: { dates: 'published', costs: 'shared', references: 'private' } } as const;
	const text = (map: MapSnapshot) => JSON.stringify(map).toLowerCase();
	const found = (map: MapSnapshot, group: ContractGroup) => markers[group].filter((m) => text(map).includes(m.toLowerCase()));

	it('is not public: the public snapshot has no shared field', () => {
		const view = redactSnapshot(snapshot, shared, VOCABULARY);
		expect([found(view, 'dates').length > 0, found(view, 'costs'), found(view, 'references')]).toEqual([true, [], []]);
		expect(publishesContracts(shared, 'costs')).toBe(false);
		expect(isRedacted(shared)).toBe(true);
	});

	it('opens the shared groups, and only them, to the named organisations', () => {
		const view = redactSnapshot(snapshot, sharedRedaction(shared), VOCABULARY);
		expect([found(view, 'dates').length > 0, found(view, 'costs').length > 0, found(view, 'references')]).toEqual([true, true, []]);
		expect(markers.id.filter((m) => text(view).includes(m.toLowerCase()))).toEqual([]);
	});

	it('keeps names and notes withheld from the named organisations too', () => {
		const r = sharedRedaction({ ...shared, suppliers: true });
		expect(r.suppliers).toBe(true);
		expect(redactSnapshot(snapshot, r, VOCABULARY).components.map((c) => c.contracts)).toEqual([undefined, undefined]);
	});
});

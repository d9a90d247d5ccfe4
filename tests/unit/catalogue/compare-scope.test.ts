import { describe, expect, it } from 'vitest';
import { compareMaps, type CompareScope } from '../../../src/lib/catalogue/compare.js';
import { couldShare } from '../../../src/lib/catalogue/could-share.js';
import { buildSnapshot, decoratorsFor, makeComponent, type ComponentDraft } from '../../../src/lib/catalogue/snapshot.js';
import { VOCABULARY } from '../../../src/lib/catalogue/vocabulary.js';

function mapOf(drafts: ComponentDraft[]) {
	return buildSnapshot({ title: 't' }, { components: drafts.map((d, i) => makeComponent(d, i + 1)) });
}

/** A small service map (payments and forms) against a wider estate. */
const service = mapOf([
	{ name: 'Pay', componentType: 'payments-gateway', product: 'Civica Pay', supplier: 'Civica', evolution: 0.7 },
	{ name: 'Forms', componentType: 'forms', supplier: 'In-house', decorators: decoratorsFor('build'), lifecycle: 'live', evolution: 0.3 },
	{ name: 'Notes', evolution: 0.5 }
]);
const estate = mapOf([
	{ name: 'Payments', componentType: 'payments-gateway', product: 'Civica Pay (hosted)', supplier: 'Civica', evolution: 0.75 },
	{ name: 'Self service', componentType: 'forms', product: 'Firmstep', supplier: 'Granicus', decorators: decoratorsFor('buy'), evolution: 0.7 },
	{ name: 'CRM', componentType: 'crm', supplier: 'Microsoft', evolution: 0.6 },
	{ name: 'Revenues', componentType: 'revs-bens', supplier: 'Capita', evolution: 0.8 },
	{ name: 'Website', componentType: 'website', supplier: 'In-house', decorators: decoratorsFor('build'), lifecycle: 'live', evolution: 0.5 }
]);

describe('compareMaps with a scope', () => {
	it.each([
		[{}, ['payments-gateway', 'forms'], [], ['website', 'crm', 'revs-bens']],
		[{ smallerTypes: true }, ['payments-gateway', 'forms'], [], []],
		[{ layers: ['Capabilities'] }, ['payments-gateway', 'forms'], [], []],
		[{ layers: ['Business Areas', 'Corporate Areas'] }, [], [], ['crm', 'revs-bens']],
		[{ layers: ['Council Interfaces'], smallerTypes: true }, [], [], []]
	] as [CompareScope, string[], string[], string[]][])('%j: both, only A, only B', (scope, both, onlyA, onlyB) => {
		const c = compareMaps(service, estate, VOCABULARY, scope);
		expect(c.both.map((t) => t.typeId).sort()).toEqual([...both].sort());
		expect(c.onlyA.map((t) => t.typeId)).toEqual(onlyA);
		expect(c.onlyB.map((t) => t.typeId).sort()).toEqual([...onlyB].sort());
		expect(c.untypedA.map((x) => x.name)).toEqual(['Notes']);
	});

	it('scopes to the smaller map whichever side it is on, so shared types reach 100%', () => {
		expect(compareMaps(estate, service, VOCABULARY, { smallerTypes: true }).similarity).toBe(1);
		expect(compareMaps(estate, service, VOCABULARY).similarity).toBeCloseTo(2 / 5, 10);
	});
});

describe('couldShare', () => {
	it('finds joint contract candidates, who is ahead and services built in house', () => {
		const s = couldShare(compareMaps(service, estate, VOCABULARY));
		expect(s.jointContracts.map((t) => [t.typeId, t.commonSuppliers, t.commonProducts])).toEqual([['payments-gateway', ['Civica'], ['Civica Pay']]]);
		expect(s.ahead.map((x) => [x.shared.typeId, x.ahead])).toEqual([['forms', 'b']]);
		expect(s.reusable.map((r) => [r.from, r.typeId, r.component.name, r.otherHas])).toEqual([
			['a', 'forms', 'Forms', true],
			['b', 'website', 'Website', false]
		]);
	});

	it('shares only what is in scope', () => {
		const s = couldShare(compareMaps(service, estate, VOCABULARY, { smallerTypes: true }));
		expect(s.reusable.map((r) => r.component.name)).toEqual(['Forms']);
	});
});

import { describe, expect, it } from 'vitest';
import { compareMaps } from '../../../src/lib/catalogue/compare.js';
import { couldShare } from '../../../src/lib/catalogue/could-share.js';
import { SEED_COUNCILS, seedCouncilMaps } from '../../../src/lib/catalogue/seed.js';
import { buildSnapshot, decoratorsFor, makeComponent, makeEvolve, type ComponentDraft } from '../../../src/lib/catalogue/snapshot.js';
import { VOCABULARY } from '../../../src/lib/catalogue/vocabulary.js';
import type { ComponentId } from '../../../src/lib/map/types.js';

const seeded = new Map(seedCouncilMaps(SEED_COUNCILS).map((s) => [s.council.id, s.map]));
const seed = (id: string) => seeded.get(id)!;
const offered = (a: string, b: string) => couldShare(compareMaps(seed(a), seed(b), VOCABULARY)).reusable.map((r) => `${r.from}:${r.component.name}`);

describe('couldShare: services to reuse, on the seeded councils', () => {
	it('does not offer legacy point-to-point interfaces (retiring) or any anti-pattern type', () => {
		for (const [a, b] of [['kestrelford', 'port-alder'], ['greystone', 'calderbrook'], ['wessmoor', 'kestrelford']]) {
			const names = offered(a, b).join('\n');
			expect(names).not.toMatch(/point-to-point|file drops/i);
		}
	});

	it('leaves out retiring, evolving (to be replaced) and inertia components built in house', () => {
		expect(offered('calderbrook', 'wessmoor')).not.toContain('a:Hyper-V cluster (town hall server room)');
		expect(offered('calderbrook', 'wessmoor')).not.toContain('a:Application list (spreadsheet)');
		expect(offered('wessmoor', 'greystone')).not.toContain('a:In-house Access database');
		expect(offered('wessmoor', 'greystone')).not.toContain('a:Three server rooms (VMware / Hyper-V)');
		expect(offered('greystone', 'wessmoor')).not.toContain('a:SQL Server data warehouse');
		expect(offered('kestrelford', 'wessmoor')).not.toContain('a:County data centre (VMware)');
	});

	it("offers a council's live in-house services", () => {
		const names = offered('port-alder', 'kestrelford');
		expect(names).toEqual(expect.arrayContaining(['a:In-house forms (GOV.UK Frontend patterns)', 'a:Open Referral UK directory', 'a:Single view of resident (UPRN-keyed)']));
		expect(names).toContain('b:Public health intelligence (in-house)');
		expect(names.every((n) => !/^b:.*(interfaces|data centre)/.test(n))).toBe(true);
	});

	it('offers only live components marked built in house, never bought, planned or unmarked ones', () => {
		for (const a of seeded.keys()) {
			for (const b of seeded.keys()) {
				if (a === b) continue;
				for (const r of couldShare(compareMaps(seed(a), seed(b), VOCABULARY)).reusable) {
					expect([r.component.sourcing, r.component.lifecycle, r.component.evolving, r.component.inertia]).toEqual(['build', 'live', false, false]);
				}
			}
		}
	});
});

describe('couldShare: what marks a service as offerable', () => {
	const other = buildSnapshot({ title: 'b' }, { components: [makeComponent({ name: 'CRM', componentType: 'crm', evolution: 0.6 }, 1)] });
	const build = decoratorsFor('build');
	it.each([
		[{ lifecycle: 'live', decorators: build }, true],
		[{ lifecycle: '', decorators: build }, false],
		[{ lifecycle: 'planned', decorators: build }, false],
		[{ lifecycle: 'legacy', decorators: build }, false],
		[{ lifecycle: 'retiring', decorators: build }, false],
		[{ lifecycle: 'retired', decorators: build }, false],
		[{ lifecycle: 'live', decorators: decoratorsFor('buy') }, false],
		[{ lifecycle: 'live', decorators: build, inertia: true }, false]
	] as [Partial<ComponentDraft>, boolean][])('%j → %s', (draft, expected) => {
		const a = buildSnapshot({ title: 'a' }, { components: [makeComponent({ name: 'Forms', componentType: 'forms', evolution: 0.3, ...draft }, 1)] });
		expect(couldShare(compareMaps(a, other, VOCABULARY)).reusable.length).toBe(expected ? 1 : 0);
	});

	it('leaves out a component with an evolve move (the map plans to replace it)', () => {
		const forms = makeComponent({ id: 'forms1' as ComponentId, name: 'Forms', componentType: 'forms', evolution: 0.3, lifecycle: 'live', decorators: build }, 1);
		const still = buildSnapshot({ title: 'a' }, { components: [forms] });
		const moving = buildSnapshot({ title: 'a' }, { components: [forms], evolves: [makeEvolve(forms.id, 0.7, 1)] });
		expect(couldShare(compareMaps(still, other, VOCABULARY)).reusable).toHaveLength(1);
		expect(couldShare(compareMaps(moving, other, VOCABULARY)).reusable).toHaveLength(0);
	});
});

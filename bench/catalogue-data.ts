// A generated catalogue for benchmarks: N maps of about 50 components made from the fictional
// seed councils with shuffled positions, products and suppliers, under a few hundred invented
// organisations. Deterministic for a given seed.
import { buildSnapshot, decoratorsFor, makeComponent, ORG_TYPES, REGIONS, SEED_COUNCILS, seedCouncilMaps, VOCABULARY, type OrgType } from '../src/lib/catalogue/index.js';
import type { MapSnapshot } from '../src/lib/map/index.js';
import { seeded } from '../tests/helpers/seeded.js';

/** A small seeded random generator (mulberry32), 0..1. */
export const random = seeded;


const SYLLABLES = ['Ash', 'Bram', 'Cal', 'Dun', 'Elm', 'Fen', 'Gar', 'Hol', 'Ick', 'Kin', 'Lud', 'Mar', 'Nor', 'Ock', 'Pen', 'Quen', 'Rav', 'Sel', 'Tam', 'Wil'];
const ENDINGS = ['ford', 'bury', 'ton', 'ham', 'field', 'mouth', 'wick', 'stead', 'ley', 'by', 'worth', 'minster'];

export interface GeneratedOrg {
	readonly name: string;
	readonly type: OrgType;
	readonly region: string;
}

export function generateOrgs(n: number, rnd: () => number): GeneratedOrg[] {
	const out: GeneratedOrg[] = [];
	const used = new Set<string>();
	while (out.length < n) {
		const place = `${SYLLABLES[Math.floor(rnd() * SYLLABLES.length)]}${ENDINGS[Math.floor(rnd() * ENDINGS.length)]}`;
		const type = ORG_TYPES[Math.floor(rnd() * ORG_TYPES.length)].value;
		const name = `${place} ${type === 'county' ? 'County Council' : type === 'district' ? 'District Council' : type === 'london-borough' ? 'London Borough Council' : 'Council'}`;
		if (used.has(name)) continue;
		used.add(name);
		out.push({ name, type, region: REGIONS[Math.floor(rnd() * 9)] });
	}
	return out;
}

const SEEDS = seedCouncilMaps(SEED_COUNCILS);
const TYPES = VOCABULARY.types;

/** One generated map of about `size` components (anchors and links left out). */
export function generateMap(i: number, size: number, rnd: () => number): MapSnapshot {
	const base = SEEDS[i % SEEDS.length].map.components.filter((c) => c.kind === 'component');
	const picked = base.filter(() => rnd() > 0.12).slice(0, size);
	while (picked.length < size) picked.push(...base.slice(0, size - picked.length));
	const components = picked.map((c, k) => {
		const type = rnd() < 0.15 ? TYPES[Math.floor(rnd() * TYPES.length)] : VOCABULARY.byId.get(c.componentType);
		const example = type && type.examples.length ? type.examples[Math.floor(rnd() * type.examples.length)] : c.product;
		const vendor = rnd() < 0.5 ? c.supplier : `${example.split(/\s+/)[0]} Ltd`;
		return makeComponent(
			{
				name: rnd() < 0.7 ? example : `${c.name} ${k}`,
				componentType: type?.id ?? c.componentType,
				product: example,
				supplier: vendor,
				evolution: Math.min(1, Math.max(0, c.evolution + (rnd() - 0.5) * 0.2)),
				visibility: Math.min(1, Math.max(0, c.visibility + (rnd() - 0.5) * 0.1)),
				decorators: decoratorsFor(rnd() < 0.7 ? 'buy' : rnd() < 0.5 ? 'build' : 'outsource'),
				lifecycle: rnd() < 0.9 ? 'live' : 'retiring'
			},
			k + 1
		);
	});
	return buildSnapshot({ title: `Technology stack ${i}`, description: `Generated map ${i} for benchmarks.` }, { components });
}

// Evolution stages: names and boundaries. Stackmap draws OWM's boundaries (0.175 / 0.40 / 0.70)
// so imported maps look as their authors drew them; the vocabulary's quartile stage labels are
// converted only at the edge (stageOfQuartile).

export type Stage = 'genesis' | 'custom' | 'product' | 'commodity';
export const STAGES: readonly Stage[] = ['genesis', 'custom', 'product', 'commodity'];

/** Evolution values where stages II, III and IV start, as OWM draws them. */
export const STAGE_BOUNDARIES: readonly [number, number, number] = [0.175, 0.4, 0.7];

/** The stage an evolution value 0..1 falls in, by the drawn boundaries. */
export function stageOf(evolution: number): Stage {
	if (evolution < STAGE_BOUNDARIES[0]) return 'genesis';
	if (evolution < STAGE_BOUNDARIES[1]) return 'custom';
	if (evolution < STAGE_BOUNDARIES[2]) return 'product';
	return 'commodity';
}

/** The stage by quartiles (0.25 / 0.5 / 0.75), the convention of the shared vocabulary and seed data. */
export function stageOfQuartile(evolution: number): Stage {
	if (evolution < 0.25) return 'genesis';
	if (evolution < 0.5) return 'custom';
	if (evolution < 0.75) return 'product';
	return 'commodity';
}

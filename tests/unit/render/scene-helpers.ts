// Helpers shared by the scene tests.
import { addComponent } from '../../../src/lib/map/index.js';
import type { ComponentItem, Scene, SceneItem } from '../../../src/lib/render/index.js';
import { mapOf } from './fixtures.js';

/** A map of one component. */
export const one = (input: Parameters<typeof addComponent>[1]) => mapOf((doc) => void addComponent(doc, input));
/** The scene's first component item. */
export const only = (scene: Scene): ComponentItem => scene.components[0];
/** The plot's right and bottom edges in px. */
export const right = (s: Scene) => s.plot.x + s.plot.width;
export const bottom = (s: Scene) => s.plot.y + s.plot.height;

/** Every scene item, of every list. */
export function items(scene: Scene): SceneItem[] {
	const a = scene.axes;
	return [
		...[a.evolution, a.valueChain, a.title].filter((x): x is NonNullable<typeof x> => x !== null),
		...scene.areas, ...scene.pipelines, ...scene.links, ...scene.evolves, ...scene.accelerators,
		...scene.components, ...scene.notes, ...scene.annotations, ...(scene.legend ? [scene.legend] : [])
	];
}

// Label placement and wrapping: no overlaps on the seeded councils and the OWM corpus, the same
// bytes on every run, hints kept where free, pinned labels exactly where put, word-aware wrapping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addComponent, type Component, type ComponentId, type MapSnapshot } from '../../../src/lib/map/index.js';
import { buildScene, defaultSize, placedLabelOffsets, renderSvg, wrapText, type Box, type Scene } from '../../../src/lib/render/index.js';
import { legibility, legibilityMaps, midWordBreaks, withNames } from '../../helpers/legibility.js';
import { generated, mapOf } from './fixtures.js';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const labelOf = (scene: Scene, name: string) => scene.components.find((k) => k.label.lines.join(' ') === name)!;

describe('placement on real maps', () => {
	const maps = legibilityMaps();

	it('judges the five seeded councils and the 15 corpus maps', () => {
		expect(maps.map((m) => m.name)).toContain('Greystone Borough Council');
		expect(maps).toHaveLength(20);
	});

	it.each(maps.flatMap(({ name, map }) => [
		{ name, map, size: 'default', options: {} },
		{ name, map, size: '1440×900', options: { width: 1440, height: 900 } }
	]))('$name at $size: no label over a label or a mark, none clipped, no word cut', ({ map, options }) => {
		const scene = withNames(buildScene(map, options), map);
		const { labelLabel, labelMark, outside, midWord } = legibility(scene);
		expect({ labelLabel, labelMark, outside, midWord }).toEqual({ labelLabel: 0, labelMark: 0, outside: 0, midWord: 0 });
	});
});

describe('placeLabels: false', () => {
	it('leaves every label where OWM puts it, the rest of the scene unchanged', () => {
		const map = legibilityMaps()[3].map;
		const placed = buildScene(map);
		const unplaced = buildScene(map, { placeLabels: false });
		expect(unplaced.components.every((k) => k.leader === undefined || k.leader === null)).toBe(true);
		expect(legibility(placed).labelLabel).toBe(0);
		expect(legibility(unplaced).labelLabel).toBeGreaterThan(0);
		expect(unplaced.components.map((k) => [k.key, k.x, k.y])).toEqual(placed.components.map((k) => [k.key, k.x, k.y]));
		expect(unplaced.links).toEqual(placed.links);
	});
});

describe('determinism', () => {
	it('renders the same map to the same bytes twice (seeded council and a generated 1,000)', () => {
		const council = legibilityMaps()[3].map;
		expect(renderSvg(council)).toBe(renderSvg(council));
		const big = generated(1000, 1500);
		expect(renderSvg(big, { width: 1440, height: 900 })).toBe(renderSvg(structuredClone(big), { width: 1440, height: 900 }));
	});

	it('over generated maps: no label over another, none outside the canvas, the same placement twice', () => {
		const base = generated(1, 0).components[0];
		const component = fc.record({
			evolution: fc.double({ min: 0, max: 1, noNaN: true }),
			visibility: fc.double({ min: 0, max: 1, noNaN: true }),
			name: fc.stringMatching(/^[A-Za-z][A-Za-z ()/-]{0,40}$/),
			anchor: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(component, { maxLength: 25 }), (list) => {
				const map: MapSnapshot = {
					...generated(1, 0),
					components: list.map((c, i): Component => ({
						...base, id: `c${i}` as ComponentId, kind: c.anchor && i % 4 === 0 ? 'anchor' : 'component',
						name: c.name, evolution: c.evolution, visibility: c.visibility, order: i + 1
					})),
					links: []
				};
				const scene = buildScene(map, { width: 1100, height: 700 });
				const boxes = scene.components.filter((k) => k.label.lines.length > 0).map((k) => k.label.bounds);
				for (const b of boxes) {
					expect(b.x).toBeGreaterThanOrEqual(0);
					expect(b.y).toBeGreaterThanOrEqual(0);
					expect(b.x + b.width).toBeLessThanOrEqual(scene.width);
					expect(b.y + b.height).toBeLessThanOrEqual(scene.height);
				}
				for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
				expect(renderSvg(map, { width: 1100, height: 700 })).toBe(renderSvg(map, { width: 1100, height: 700 }));
			}),
			{ numRuns: 60, seed: 20 }
		);
	});
});

describe('offsets: hints and pinned labels', () => {
	/** Two components side by side; B's label offset points into A's label. */
	const pair = (pinB: boolean) => {
		const map = mapOf((doc) => {
			addComponent(doc, { name: 'Alpha system', visibility: 0.5, evolution: 0.5 });
			addComponent(doc, { name: 'Beta', visibility: 0.5, evolution: 0.53, label: { x: -25, y: -10 } });
		});
		return pinB ? { ...map, components: map.components.map((c) => (c.name === 'Beta' ? { ...c, labelPinned: true } : c)) } : map;
	};

	it('keeps a hint where it is free', () => {
		const map = mapOf((doc) => void addComponent(doc, { name: 'Alone', visibility: 0.5, evolution: 0.5, label: { x: 12, y: 20 } }));
		const k = buildScene(map).components[0];
		expect([k.label.x - k.x, k.label.y - k.y]).toEqual([12, 20]);
		expect(k.leader).toBeNull();
		expect(placedLabelOffsets(map).size).toBe(0);
	});

	it('moves a hint that lands on another label to the nearest free spot', () => {
		const map = pair(false);
		const scene = buildScene(map);
		const [a, b] = [labelOf(scene, 'Alpha system'), labelOf(scene, 'Beta')];
		expect(overlaps(a.label.bounds, b.label.bounds)).toBe(false);
		// Alpha is placed first (same height, further left) at the default spot; Beta moved from its hint.
		expect([b.label.x - b.x, b.label.y - b.y]).not.toEqual([-25, -10]);
		expect(placedLabelOffsets(map).get(b.id)).toEqual({ x: Math.round(b.label.x - b.x), y: Math.round(b.label.y - b.y) });
	});

	it('draws a pinned label exactly where it was put, and the others keep off it', () => {
		const scene = buildScene(pair(true));
		const [a, b] = [labelOf(scene, 'Alpha system'), labelOf(scene, 'Beta')];
		expect([b.label.x - b.x, b.label.y - b.y]).toEqual([-25, -10]);
		expect(overlaps(a.label.bounds, b.label.bounds)).toBe(false);
	});

	it('writes offsets that, read back as hints, draw every label where it was drawn', () => {
		const map = legibilityMaps().find((m) => m.name.startsWith('Greystone'))!.map;
		const offsets = placedLabelOffsets(map);
		expect(offsets.size).toBeGreaterThan(0);
		const written: MapSnapshot = {
			...map,
			components: map.components.map((c) => (offsets.has(c.id) ? { ...c, label: offsets.get(c.id)! } : c)),
			evolves: map.evolves.map((e) => (offsets.has(e.id) ? { ...e, label: offsets.get(e.id)! } : e))
		};
		const at = (s: Scene) => s.components.map((k) => [k.key, k.label.x - k.x, k.label.y - k.y]);
		const [before, after] = [at(buildScene(map)), at(buildScene(written))];
		const moved = before.filter((b, i) => Math.abs(Number(b[1]) - Number(after[i][1])) > 1 || Math.abs(Number(b[2]) - Number(after[i][2])) > 1);
		expect(moved).toEqual([]);
	});

	it('draws a leader to a label moved away from its mark', () => {
		const map = mapOf((doc) => {
			for (let i = 0; i < 9; i++) addComponent(doc, { name: `Crowded ${i}`, visibility: 0.5, evolution: 0.5 });
		});
		const scene = buildScene(map);
		expect(scene.components.filter((k) => k.leader).length).toBeGreaterThan(0);
		expect(renderSvg(map)).toMatch(/<line [^>]*data-leader="/);
	});
});

describe('canvas size', () => {
	it.each([
		{ components: 10, width: 1100, height: 700 },
		{ components: 45, width: 1100, height: 700 },
		{ components: 180, width: 2200, height: 1400 },
		{ components: 5000, width: 3300, height: 2100 }
	])('the default canvas for $components components is $width × $height', ({ components, width, height }) => {
		expect(defaultSize(components)).toEqual({ width, height });
	});

	it('gives a map without a size of its own the grown canvas', () => {
		const scene = buildScene({ ...generated(180, 0), size: { width: 0, height: 0 } });
		expect([scene.width, scene.height]).toEqual([2200, 1400]);
	});
});

describe('wrapText: word-aware', () => {
	it.each([
		{ text: 'Idox Uniform (minerals & waste planning)', lines: ['Idox Uniform (minerals', '& waste planning)'] },
		{ text: 'Legacy point-to-point interfaces', lines: ['Legacy point-to-point', 'interfaces'] },
		{ text: 'SharePoint/OneDrive/Teams storage', lines: ['SharePoint/OneDrive/', 'Teams storage'] },
		{ text: 'Electoral-registration-canvass', lines: ['Electoral-', 'registration-canvass'] },
		{ text: 'CouncilTax(Revenues) module', lines: ['CouncilTax(Revenues)', 'module'] },
		{ text: 'CouncilTaxAndBenefits(Revenues)', lines: ['CouncilTaxAndBenefits', '(Revenues)'] },
		// 23 characters at 22 a line: a little wide rather than a one-letter tail.
		{ text: 'Abcdefghijklmnopqrstuvw', lines: ['Abcdefghijklmnopqrstuvw'] },
		{ text: 'Supercalifragilisticexpialidociousness', lines: ['Supercalifragilistice-', 'xpialidociousness'] },
		{ text: 'Abcdefghijklmnopqrstuvwxyz', lines: ['Abcdefghijklmnopqrstu-', 'vwxyz'] },
		{ text: 'Public health intelligence a', lines: ['Public health', 'intelligence a'] }
	])('wraps "$text" as $lines', ({ text, lines }) => {
		expect(wrapText(text, 150, 12)).toEqual(lines);
	});

	it('cuts only words too long for a line, never into a piece under three letters', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z]{1,12}( [A-Za-z]{1,60}){0,6}$/), fc.integer({ min: 40, max: 300 }), (text, width) => {
				const lines = wrapText(text, width, 12);
				// The text has no hyphens: each one ends a piece of a cut word, and both sides are 3+ letters.
				lines.forEach((line, i) => {
					if (!line.endsWith('-')) return;
					expect(line.slice(0, -1).split(' ').pop()!.length).toBeGreaterThanOrEqual(3);
					expect(lines[i + 1].split(' ')[0].replace(/-$/, '').length).toBeGreaterThanOrEqual(3);
				});
				expect(lines.join(' ').replace(/- ?/g, '').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
				const maxChars = Math.max(6, Math.floor(width / (12 * 0.56)));
				expect(midWordBreaks(text, lines) > 0).toBe(text.split(' ').some((w) => w.length > maxChars + 2));
			}),
			{ numRuns: 200, seed: 20 }
		);
	});
});

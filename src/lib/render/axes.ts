// Scene builder for the map's furniture: axis lines, stage dividers at STAGE_BOUNDARIES, the four
// stage labels, the value-chain labels and the title. Honours hideEvolution / hideValueChain.
import { STAGE_BOUNDARIES, type MapSnapshot } from '../map/index.js';
import { textBlock, type Projection } from './layout.js';
import { arrowhead } from './path.js';
import type { Axes, EvolutionAxis, Segment, TextBlock, ValueChainAxis } from './scene-types.js';
import { cleanText, textWidth, wrapText } from './text.js';
import type { Theme } from './theme.js';

const MIN_HIT = 12;

/** The axes, stage furniture and title of `map` on the projection `p`. */
export function buildAxes(map: MapSnapshot, p: Projection, theme: Theme): Axes {
	const { plot } = p;
	const right = plot.x + plot.width;
	const bottom = plot.y + plot.height;
	const head = theme.stroke.axis * 4 + 4;
	const lines: Segment[] = [
		{ x1: plot.x, y1: bottom, x2: plot.x, y2: plot.y },
		{ x1: plot.x, y1: bottom, x2: right, y2: bottom }
	];
	const heads = arrowhead(plot.x, plot.y, -Math.PI / 2, head) + ' ' + arrowhead(right, bottom, 0, head);
	const title = cleanText(map.title).replace(/\n/g, ' ');
	return {
		lines,
		heads,
		evolution: map.hideEvolution ? null : evolutionAxis(map, p, theme),
		valueChain: map.hideValueChain ? null : valueChainAxis(map, p, theme),
		title: title
			? {
					key: 'meta/title',
					collection: 'meta',
					id: 'title',
					hit: MIN_HIT,
					text: textBlock(plot.x, 8 + theme.font.title, [title], {
						size: theme.font.title,
						lineHeight: theme.font.title * theme.lineHeight,
						bold: true
					})
				}
			: null
	};
}

function evolutionAxis(map: MapSnapshot, p: Projection, theme: Theme): EvolutionAxis {
	const { plot } = p;
	const size = theme.font.axis;
	const lineHeight = size * theme.lineHeight;
	const bottom = plot.y + plot.height;
	const baseline = bottom + size * 1.3;
	const starts = [0, ...STAGE_BOUNDARIES];
	const ends = [...STAGE_BOUNDARIES, 1];
	const titleText = 'Evolution';
	const titleWidth = textWidth(titleText, size, true) + 12;
	const stages: TextBlock[] = map.evolutionLabels.map((label, i) => {
		const x = p.x(starts[i]) + 4;
		// The last stage shares its row with the axis title at the right end.
		const room = p.x(ends[i]) - x - 6 - (i === 3 ? titleWidth : 0);
		const lines = wrapText(label.replace(/\s+\/\s+/g, '\n'), Math.max(room, size * 4), size).slice(0, 2);
		return textBlock(x, baseline, lines, { size, lineHeight });
	});
	return {
		key: 'meta/evolutionLabels',
		collection: 'meta',
		id: 'evolutionLabels',
		hit: MIN_HIT,
		dividers: STAGE_BOUNDARIES.map((b) => ({ x1: p.x(b), y1: plot.y, x2: p.x(b), y2: bottom })),
		stages,
		title: textBlock(plot.x + plot.width, baseline, [titleText], { size, lineHeight, anchor: 'end', bold: true })
	};
}

function valueChainAxis(map: MapSnapshot, p: Projection, theme: Theme): ValueChainAxis {
	const { plot } = p;
	const size = theme.font.axis;
	const o = { size, lineHeight: size * theme.lineHeight, rotate: -90 };
	const x = plot.x - 8;
	const one = (s: string) => [cleanText(s).replace(/\n/g, ' ')];
	const labels = map.valueChainLabels;
	return {
		key: 'meta/valueChainLabels',
		collection: 'meta',
		id: 'valueChainLabels',
		hit: MIN_HIT,
		title: textBlock(x, plot.y + plot.height / 2, one(labels.axis), { ...o, anchor: 'middle', bold: true }),
		top: textBlock(x, plot.y, one(labels.top), { ...o, anchor: 'end' }),
		bottom: textBlock(x, plot.y + plot.height, one(labels.bottom), { ...o, anchor: 'start' })
	};
}

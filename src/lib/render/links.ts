// Scene builder for links: segments between the edges of the two ends' symbols, arrowheads for
// flows, and the context / flow-value labels at the midpoint.
import type { MapSnapshot } from '../map/index.js';
import type { End } from './components.js';
import { textBlock } from './layout.js';
import { arrowhead } from './path.js';
import type { LinkItem } from './scene-types.js';
import { wrapText } from './text.js';
import type { Theme } from './theme.js';

/** Links get this pointer tolerance (px) either side of the line. */
export const LINE_HIT = 12;

/** The segment from a's edge to b's edge (px); centre to centre when the symbols overlap. */
export function edgeToEdge(a: End, b: End): { x1: number; y1: number; x2: number; y2: number } {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const length = Math.hypot(dx, dy);
	if (length <= a.outer + b.outer) return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
	const ux = dx / length;
	const uy = dy / length;
	return { x1: a.x + ux * a.outer, y1: a.y + uy * a.outer, x2: b.x - ux * b.outer, y2: b.y - uy * b.outer };
}

/** One item per link whose two ends are drawn. */
export function buildLinks(map: MapSnapshot, ends: ReadonlyMap<string, End>, theme: Theme): LinkItem[] {
	const items: LinkItem[] = [];
	const size = theme.font.context;
	const lineHeight = size * theme.lineHeight;
	for (const link of map.links) {
		const a = ends.get(link.from);
		const b = ends.get(link.to);
		if (!a || !b) continue;
		const s = edgeToEdge(a, b);
		const angle = Math.atan2(s.y2 - s.y1, s.x2 - s.x1);
		const head = theme.stroke.flowBand * 1.1;
		let heads = '';
		if (link.flow === 'forward' || link.flow === 'both') heads += arrowhead(s.x2, s.y2, angle, head);
		if (link.flow === 'reverse' || link.flow === 'both') heads += (heads ? ' ' : '') + arrowhead(s.x1, s.y1, angle + Math.PI, head);
		const mx = (s.x1 + s.x2) / 2;
		const my = (s.y1 + s.y2) / 2;
		const context = wrapText(link.context, theme.labelWrap, size);
		const value = link.flow ? wrapText(link.flowLabel, theme.labelWrap, size, true) : [];
		items.push({
			key: `links/${link.id}`,
			collection: 'links',
			id: link.id,
			hit: LINE_HIT,
			...s,
			flow: link.flow,
			heads,
			context: context.length > 0
				? textBlock(mx + 4, my - 4 - (context.length - 1) * lineHeight, context, { size, lineHeight })
				: null,
			flowLabel: value.length > 0 ? textBlock(mx + 4, my + size + 4, value, { size, lineHeight, bold: true }) : null
		});
	}
	return items;
}

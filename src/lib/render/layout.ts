// Layout helpers shared by the scene builders: margins and the map → px projection, and text
// blocks with estimated bounds. Pure geometry.
import type { Box, TextBlock } from './scene-types.js';
import type { Theme } from './theme.js';
import { textWidth } from './text.js';

/** Turns map coordinates (0..1) into px inside the plot area. */
export interface Projection {
	readonly plot: Box;
	/** Evolution 0..1 → px from the canvas's left edge (0 is the plot's left edge). */
	x(evolution: number): number;
	/** Visibility 0..1 → px from the canvas's top edge (1 is the plot's top edge). */
	y(visibility: number): number;
}

/** The plot area for a canvas of width × height px: margins leave room for the title and axis labels. */
export function plotArea(width: number, height: number, theme: Theme): Box {
	const left = Math.round(12 + theme.font.axis * 1.6);
	const top = Math.round(14 + theme.font.title * 1.5);
	const bottom = Math.round(12 + theme.font.axis * theme.lineHeight * 3);
	const right = 24;
	return { x: left, y: top, width: Math.max(1, width - left - right), height: Math.max(1, height - top - bottom) };
}

/** A projection onto the plot area. */
export function project(plot: Box): Projection {
	return {
		plot,
		x: (evolution) => plot.x + evolution * plot.width,
		y: (visibility) => plot.y + (1 - visibility) * plot.height
	};
}

export interface TextOptions {
	size: number;
	lineHeight: number;
	anchor?: TextBlock['anchor'];
	bold?: boolean;
	rotate?: number;
}

/** A text block with its first baseline at (x, y) and estimated bounds. */
export function textBlock(x: number, y: number, lines: readonly string[], o: TextOptions): TextBlock {
	const anchor = o.anchor ?? 'start';
	const bold = o.bold ?? false;
	let width = 0;
	for (const line of lines) width = Math.max(width, textWidth(line, o.size, bold));
	const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
	const top = y - o.size * 0.8;
	const height = lines.length === 0 ? 0 : o.size + (lines.length - 1) * o.lineHeight;
	return {
		x,
		y,
		lines,
		size: o.size,
		lineHeight: o.lineHeight,
		anchor,
		bold,
		rotate: o.rotate ?? 0,
		bounds: { x: left, y: top, width, height }
	};
}

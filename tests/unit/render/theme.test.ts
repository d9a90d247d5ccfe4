import { describe, expect, it } from 'vitest';
import {
	contrastRatio, getTheme, GRAPHIC_COLOURS, TEXT_COLOURS, THEME_NAMES, THEMES, wrapText, cleanText, type Theme
} from '../../../src/lib/render/index.js';

/** `colour` painted at `opacity` over `background` (both #rrggbb). */
function blend(colour: string, background: string, opacity: number): string {
	const ch = (hex: string, i: number) => parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
	return '#' + [0, 1, 2].map((i) => Math.round(ch(colour, i) * opacity + ch(background, i) * (1 - opacity)).toString(16).padStart(2, '0')).join('');
}

describe('contrastRatio', () => {
	it.each([
		['#000000', '#ffffff', 21],
		['#ffffff', '#ffffff', 1],
		['#777777', '#ffffff', 4.48],
		['#fff', '#000', 21]
	])('%s on %s is %d:1', (a, b, ratio) => {
		expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
	});
	it('rejects what is not a hex colour', () => {
		expect(() => contrastRatio('red', '#fff')).toThrow();
	});
});

describe.each(THEME_NAMES)('theme %s', (name) => {
	const theme: Theme = THEMES[name];
	const bg = theme.colours.background;

	it.each(TEXT_COLOURS)('text colour %s has at least 4.5:1 contrast with the background', (key) => {
		expect(contrastRatio(theme.colours[key], bg)).toBeGreaterThanOrEqual(4.5);
	});
	it.each(GRAPHIC_COLOURS)('graphic colour %s has at least 3:1 contrast with the background', (key) => {
		expect(contrastRatio(theme.colours[key], bg)).toBeGreaterThanOrEqual(3);
	});
	it.each(['pioneers', 'settlers', 'townplanners'] as const)('the %s label stays at 4.5:1 on its own tinted area', (kind) => {
		const tint = blend(theme.colours[kind], bg, theme.areaOpacity);
		expect(contrastRatio(theme.colours[kind], tint)).toBeGreaterThanOrEqual(4.5);
	});
	it('uses a system font stack ending in a generic family', () => {
		expect(theme.fontFamily).toMatch(/^system-ui, .*, sans-serif$/);
		expect(theme.fontFamily).not.toContain('"');
	});
	it('gives build, buy and outsource different colours (their shapes differ too)', () => {
		const { build, buy, outsource } = theme.colours;
		expect(new Set([build, buy, outsource]).size).toBe(3);
	});
});

describe('getTheme', () => {
	it('defaults to the default theme; the projector theme has larger labels and thicker lines', () => {
		expect(getTheme()).toBe(THEMES.default);
		expect(getTheme('nope' as never)).toBe(THEMES.default);
		expect(THEMES.projector.font.label).toBeGreaterThanOrEqual(18);
		expect(THEMES.projector.stroke.link).toBeGreaterThan(THEMES.default.stroke.link);
	});
});

describe('wrapText', () => {
	it.each([
		{ text: '', lines: [] },
		{ text: '   ', lines: [] },
		{ text: 'one two three', width: 1000, lines: ['one two three'] },
		{ text: 'one two three', width: 40, lines: ['one', 'two', 'three'] },
		{ text: 'a\n\nb', lines: ['a', '', 'b'] },
		{ text: 'a\r\nb', lines: ['a', 'b'] },
		{ text: '\nlead', lines: ['lead'] },
		{ text: 'abcdefghij', width: 30, lines: ['abcde-', 'fghij'] }
	])('wraps $text at $width px', ({ text, width, lines }) => {
		expect(wrapText(text, width ?? 150, 12)).toEqual(lines);
	});
});

describe('cleanText', () => {
	it('drops characters XML cannot carry and normalises line ends', () => {
		expect(cleanText('a\u0000b\u0008c\td\r\ne\uFFFEf\uD800g')).toBe('abc d\nefg');
		expect(cleanText('emoji 🚀 ok')).toBe('emoji 🚀 ok');
	});
});

// Themes: the colours, fonts and sizes the scene and the node tree draw with. Plain data, no DOM.
// Every text colour meets WCAG AA (4.5:1) and every graphic colour 3:1 against its background.

export type ThemeName = 'default' | 'high-contrast' | 'projector';
export const THEME_NAMES: readonly ThemeName[] = ['default', 'high-contrast', 'projector'];

/** A system font stack: no web font to load, so an exported SVG looks the same anywhere. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Colours as `#rrggbb`. Keys listed in TEXT_COLOURS are used for text, the rest for graphics. */
export interface Colours {
	readonly background: string;
	readonly text: string;
	readonly mutedText: string;
	readonly axis: string;
	readonly divider: string;
	readonly component: string;
	readonly componentFill: string;
	readonly link: string;
	readonly flow: string;
	readonly evolve: string;
	readonly inertia: string;
	readonly pipeline: string;
	readonly note: string;
	readonly annotation: string;
	readonly accelerator: string;
	readonly build: string;
	readonly buy: string;
	readonly outsource: string;
	readonly pioneers: string;
	readonly settlers: string;
	readonly townplanners: string;
}

/** Colours drawn as text (need 4.5:1); evolve, flow and the PST colours also label things. */
export const TEXT_COLOURS: readonly (keyof Colours)[] = [
	'text', 'mutedText', 'note', 'annotation', 'evolve', 'flow', 'pioneers', 'settlers', 'townplanners'
];
/** Colours drawn as lines and symbols (need 3:1). */
export const GRAPHIC_COLOURS: readonly (keyof Colours)[] = [
	'axis', 'divider', 'component', 'link', 'flow', 'evolve', 'inertia', 'pipeline', 'annotation',
	'accelerator', 'build', 'buy', 'outsource', 'pioneers', 'settlers', 'townplanners'
];

/** Font sizes in px. */
export interface FontSizes {
	readonly title: number;
	readonly axis: number;
	readonly label: number;
	readonly anchor: number;
	readonly context: number;
	readonly note: number;
	readonly annotation: number;
}

/** Stroke widths in px. */
export interface Strokes {
	readonly axis: number;
	readonly divider: number;
	readonly component: number;
	readonly link: number;
	readonly flowBand: number;
	readonly flowCore: number;
	readonly evolve: number;
	readonly inertia: number;
	readonly pipeline: number;
	readonly marker: number;
	readonly area: number;
}

export interface Theme {
	readonly name: ThemeName;
	readonly fontFamily: string;
	readonly colours: Colours;
	readonly font: FontSizes;
	readonly stroke: Strokes;
	/** Line height as a multiple of the font size. */
	readonly lineHeight: number;
	/** Component circle radius in px. */
	readonly radius: number;
	/** Labels wider than this (px, estimated) wrap onto more lines. */
	readonly labelWrap: number;
	/** Opacity 0..1 of the flow band and of PST area fills. */
	readonly flowOpacity: number;
	readonly areaOpacity: number;
	/** Opacity 0..1 of the build/buy/outsource marker fills (their outline stays opaque). */
	readonly markerOpacity: number;
}

const light: Colours = {
	background: '#ffffff',
	text: '#0b0c0c',
	mutedText: '#505a5f',
	axis: '#0b0c0c',
	divider: '#6f777b',
	component: '#0b0c0c',
	componentFill: '#ffffff',
	link: '#505a5f',
	flow: '#1d70b8',
	evolve: '#c0281b',
	inertia: '#0b0c0c',
	pipeline: '#0b0c0c',
	note: '#0b0c0c',
	annotation: '#0b0c0c',
	accelerator: '#0b0c0c',
	build: '#4c2c92',
	buy: '#00703c',
	outsource: '#8a4a00',
	pioneers: '#912b88',
	settlers: '#1d5fa0',
	townplanners: '#005a30'
};

const dark: Colours = {
	background: '#000000',
	text: '#ffffff',
	mutedText: '#e0e0e0',
	axis: '#ffffff',
	divider: '#c0c0c0',
	component: '#ffffff',
	componentFill: '#000000',
	link: '#ffffff',
	flow: '#33ccff',
	evolve: '#ffdd00',
	inertia: '#ffffff',
	pipeline: '#ffffff',
	note: '#ffffff',
	annotation: '#ffffff',
	accelerator: '#ffffff',
	build: '#ff99ff',
	buy: '#66ff99',
	outsource: '#ffb366',
	pioneers: '#ff99ff',
	settlers: '#33ccff',
	townplanners: '#66ff99'
};

const defaultTheme: Theme = {
	name: 'default',
	fontFamily: FONT_FAMILY,
	colours: light,
	font: { title: 16, axis: 12, label: 12, anchor: 13, context: 11, note: 12, annotation: 11 },
	stroke: {
		axis: 1.5, divider: 1, component: 1.5, link: 1, flowBand: 10, flowCore: 1.5, evolve: 1.5,
		inertia: 5, pipeline: 1.5, marker: 1.5, area: 1.5
	},
	lineHeight: 1.25,
	radius: 6,
	labelWrap: 150,
	flowOpacity: 0.25,
	areaOpacity: 0.08,
	markerOpacity: 0.25
};

/** The built-in themes. `projector` has large labels and thick lines for a room; `high-contrast` is light on black. */
export const THEMES: Readonly<Record<ThemeName, Theme>> = {
	default: defaultTheme,
	'high-contrast': {
		...defaultTheme,
		name: 'high-contrast',
		colours: dark,
		font: { title: 18, axis: 14, label: 14, anchor: 15, context: 13, note: 14, annotation: 13 },
		stroke: {
			axis: 2, divider: 1.5, component: 2, link: 1.5, flowBand: 12, flowCore: 2, evolve: 2,
			inertia: 6, pipeline: 2, marker: 2, area: 2
		},
		radius: 7,
		labelWrap: 170,
		flowOpacity: 0.35,
		areaOpacity: 0.15,
		markerOpacity: 0.3
	},
	projector: {
		...defaultTheme,
		name: 'projector',
		font: { title: 26, axis: 18, label: 20, anchor: 22, context: 16, note: 18, annotation: 16 },
		stroke: {
			axis: 2.5, divider: 1.5, component: 2.5, link: 2, flowBand: 16, flowCore: 2.5, evolve: 2.5,
			inertia: 8, pipeline: 2.5, marker: 2.5, area: 2.5
		},
		radius: 9,
		labelWrap: 240
	}
};

/** The theme of that name (unknown names give the default theme). */
export function getTheme(name: ThemeName = 'default'): Theme {
	return THEMES[name] ?? THEMES.default;
}

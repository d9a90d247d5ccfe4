// Route matcher for map file suffixes: /maps/<id>.<format> (svg, png, owm, mmd, json, csv).
import type { ParamMatcher } from '@sveltejs/kit';

const SUFFIXES = new Set(['svg', 'png', 'owm', 'mmd', 'json', 'csv']);

export const match: ParamMatcher = (param) => SUFFIXES.has(param);

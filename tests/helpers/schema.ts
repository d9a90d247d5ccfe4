// A small JSON Schema checker for tests (no validator package is installed): the keywords
// docs/map.schema.json uses — type, required, properties, additionalProperties: false, enum,
// const, items, minItems, maxItems, pattern, oneOf and local $ref. Returns the problems found.

type Schema = Record<string, unknown>;

function typeOk(type: string, v: unknown): boolean {
	switch (type) {
		case 'object':
			return typeof v === 'object' && v !== null && !Array.isArray(v);
		case 'array':
			return Array.isArray(v);
		case 'integer':
			return Number.isInteger(v);
		case 'null':
			return v === null;
		default:
			return typeof v === type;
	}
}

/** Problems of `value` against `schema` (with `root` for $ref), as "path: message" strings. */
export function validate(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
	if (typeof schema.$ref === 'string') {
		const target = schema.$ref.replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Schema)[k], root) as Schema;
		return validate(value, target, root, path);
	}
	const out: string[] = [];
	if (schema.oneOf) {
		const matching = (schema.oneOf as Schema[]).filter((s) => validate(value, s, root, path).length === 0).length;
		if (matching !== 1) out.push(`${path}: matches ${matching} of oneOf`);
	}
	const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
	if (types.length && !types.some((t) => typeOk(t, value))) return [...out, `${path}: not ${types.join('|')}`];
	if ('const' in schema && value !== schema.const) out.push(`${path}: not ${JSON.stringify(schema.const)}`);
	if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${path}: ${JSON.stringify(value)} not in enum`);
	if (typeof schema.pattern === 'string' && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) out.push(`${path}: does not match ${schema.pattern}`);
	if (Array.isArray(value)) {
		if (typeof schema.minItems === 'number' && value.length < schema.minItems) out.push(`${path}: fewer than ${schema.minItems} items`);
		if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) out.push(`${path}: more than ${schema.maxItems} items`);
		if (schema.items) value.forEach((v, i) => out.push(...validate(v, schema.items as Schema, root, `${path}[${i}]`)));
	}
	if (typeOk('object', value)) {
		const obj = value as Record<string, unknown>;
		for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in obj)) out.push(`${path}: missing ${key}`);
		const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
		for (const [key, v] of Object.entries(obj)) {
			if (props[key]) out.push(...validate(v, props[key], root, `${path}.${key}`));
			else if (schema.additionalProperties === false) out.push(`${path}: unexpected ${key}`);
		}
	}
	return out;
}

// The columns of a components CSV: our field names, their export headers, and the spreadsheet
// headers we recognise for each when importing. Pure data.

/** A field of the components register that a CSV column can hold. */
export type CsvField =
	| 'name'
	| 'kind'
	| 'typeId'
	| 'typeName'
	| 'layer'
	| 'node'
	| 'evolution'
	| 'visibility'
	| 'stage'
	| 'product'
	| 'supplier'
	| 'lifecycle'
	| 'sourcing'
	| 'dependsOn'
	| 'notes'
	| 'predecessors';

/** Export columns in order, with their headers. */
export const CSV_COLUMNS: readonly { readonly field: CsvField; readonly header: string }[] = Object.freeze([
	{ field: 'name', header: 'Name' },
	{ field: 'kind', header: 'Kind' },
	{ field: 'typeId', header: 'Type ID' },
	{ field: 'typeName', header: 'Type' },
	{ field: 'layer', header: 'LGAM layer' },
	{ field: 'node', header: 'LGAM node' },
	{ field: 'evolution', header: 'Evolution' },
	{ field: 'visibility', header: 'Visibility' },
	{ field: 'stage', header: 'Stage' },
	{ field: 'product', header: 'Product' },
	{ field: 'supplier', header: 'Supplier' },
	{ field: 'lifecycle', header: 'Lifecycle' },
	{ field: 'sourcing', header: 'Sourcing' },
	{ field: 'dependsOn', header: 'Depends on' },
	{ field: 'notes', header: 'Notes' },
	{ field: 'predecessors', header: 'Predecessors' }
]);

/**
 * Headers recognised per field, normalised (lower case, words separated by single spaces), best
 * first. Our own export headers come first, then common register and CMDB spellings.
 */
export const HEADER_SYNONYMS: Readonly<Record<CsvField, readonly string[]>> = Object.freeze({
	name: ['name', 'component', 'component name', 'system', 'system name', 'application', 'application name', 'app', 'app name', 'service', 'title', 'label', 'asset', 'asset name', 'ci name'],
	kind: ['kind', 'element', 'element kind'],
	typeId: ['type id', 'typeid', 'component type id', 'vocabulary id', 'lgam id'],
	typeName: ['type', 'type name', 'component type', 'category', 'capability', 'function', 'role'],
	layer: ['lgam layer', 'layer'],
	node: ['lgam node', 'node', 'lgam capability'],
	evolution: ['evolution', 'x', 'evolution x', 'x evolution', 'maturity', 'evolution score'],
	visibility: ['visibility', 'y', 'visibility y', 'y visibility', 'value chain', 'value chain position'],
	stage: ['stage', 'evolution stage'],
	product: ['product', 'product name', 'software', 'solution', 'platform', 'package', 'system product'],
	supplier: ['supplier', 'vendor', 'supplier name', 'vendor name', 'provider', 'manufacturer', 'company', 'contractor'],
	lifecycle: ['lifecycle', 'life cycle', 'status', 'lifecycle status', 'state'],
	sourcing: ['sourcing', 'build buy', 'buy build', 'build or buy', 'build buy outsource', 'delivery model'],
	dependsOn: ['depends on', 'dependencies', 'dependency', 'depends upon', 'uses', 'needs', 'integrates with', 'integrations', 'upstream'],
	notes: ['notes', 'note', 'comments', 'comment', 'description', 'remarks'],
	predecessors: ['predecessors', 'predecessor', 'previous system', 'previous systems', 'replaces', 'legacy system']
});

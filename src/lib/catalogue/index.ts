// The catalogue: the shared component vocabulary, matching free text to it, and comparing,
// overlaying and merging councils' maps by component type; the shapes of what the catalogue
// answers (results.ts). Pure; imports only src/lib/map.
export type { ComponentType, Vocabulary, Sourcing } from './types.js';
export { VOCABULARY, LGAM_LAYERS, createVocabulary, typeById, typesByLayer, typePhrase, layerRank, type LayerGroup } from './vocabulary.js';
export { COMPONENT_TYPES } from './vocabulary-data.js';
export { searchTypes } from './search.js';
export { matchReason, matchReasonText, type IndexedComponentText, type MatchField, type MatchReason } from './match-reason.js';
export { suggestTypes, type TypeSuggestion, type MatchInput } from './match.js';
export {
	compareMaps,
	groupByType,
	supplierParts,
	productKey,
	type Comparison,
	type CompareScope,
	type ComparedComponent,
	type SharedType,
	type TypePresence
} from './compare.js';
export { couldShare, AHEAD_GAP, type AheadType, type CouldShare, type ReusableService } from './could-share.js';
export { summarise, listPhrase, type SummaryNames, type SummaryOptions } from './summarise.js';
export { overlayMaps, type Overlay, type OverlayInput, type OverlayNode, type OverlayPresence, type OverlayType } from './overlay.js';
export { spreadOf, quantileSorted, type Spread } from './stats.js';
export { mergeMaps, type MergeInput, type MergeResult, type MergeDuplicate, type MergeSource } from './merge.js';
export {
	SEED_COUNCILS,
	FICTIONAL_NOTE,
	seedCouncilMap,
	seedCouncilMaps,
	type SeedCouncilMap,
	type SeedCouncilInfo,
	type SeedFile,
	type SeedCouncil,
	type SeedComponent,
	type SeedAnchor
} from './seed.js';
export {
	buildSnapshot,
	makeComponent,
	makeLink,
	makeEvolve,
	defaultMeta,
	sourcingOf,
	decoratorsFor,
	type ComponentDraft
} from './snapshot.js';
export {
	redactSnapshot,
	publicDescription,
	withheldText,
	isRedacted,
	publishesContracts,
	sharedRedaction,
	withheldDetails,
	contractLevel,
	contractLevels,
	NO_REDACTION,
	DEFAULT_REDACTION,
	PRIVATE_CONTRACTS,
	CONTRACT_GROUPS,
	CONTRACT_LEVELS,
	type ContractGroup,
	type ContractLevel,
	type ContractLevels,
	type Redaction
} from './redact.js';
export { scrubber, WITHHELD, type Scrubber } from './scrub.js';
export {
	ORG_TYPES,
	REGIONS,
	LICENCES,
	DEFAULT_LICENCE,
	isOrgType,
	orgTypeLabel,
	licenceOf,
	shortOrgName,
	slugify,
	organisationNameKey,
	type OrgType,
	type LicenceId
} from './organisations.js';
export {
	FACETS,
	SORTS,
	PER_PAGE,
	parseSearchQuery,
	searchParamsOf,
	toggleFilter,
	isEmptyQuery,
	ftsQuery,
	tsQuery,
	searchText,
	type FacetName,
	type SortKey,
	type SearchQuery
} from './query.js';
export { VISIBILITIES, type Visibility } from './visibility.js';
export type { OrgFormValues, OrgFormErrors } from './org-form.js';
export {
	orgSummary,
	type OrgSummary,
	type CatalogueEntry,
	type FacetCount,
	type FacetOption,
	type SearchResult,
	type TypeUse,
	type NamedCount,
	type PositionStats,
	type TypeUsage,
	type FootprintType,
	type Footprint,
	type ComparisonRow
} from './results.js';
export {
	parseFocus,
	formatFocus,
	focusIds,
	focusSummary,
	focusOptions,
	mergeFocusGroups,
	FOCUS_KINDS,
	type Focus,
	type FocusKind,
	type FocusResult,
	type FocusOption,
	type FocusGroup
} from './focus.js';
export {
	renewalRadar,
	radarWindow,
	parseRadarParams,
	radarParamsOf,
	actByDate,
	OPPORTUNITY_MONTHS,
	type RadarBasis,
	type RadarFilter,
	type RadarHit,
	type RadarMember,
	type RadarQuery,
	type RadarResult,
	type RadarRow,
	type Opportunity
} from './radar.js';
export { concentration, hhiBand, type Concentration, type ContractHolder, type SupplierShare, type SupplierUse } from './concentration.js';

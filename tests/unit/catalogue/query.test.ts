import { describe, expect, it } from 'vitest';
import { ftsQuery, isEmptyQuery, searchText, tsQuery, organisationNameKey, parseSearchQuery, searchParamsOf, shortOrgName, slugify, toggleFilter } from '../../../src/lib/catalogue/index.js';

describe('parseSearchQuery and searchParamsOf', () => {
	it.each([
		['', ''],
		['q=crm', 'q=crm'],
		['q=crm&sort=relevance', 'q=crm'],
		['sort=title', ''],
		['type=crm&type=revs-bens', 'type=crm&type=revs-bens'],
		['type=crm,revs-bens', 'type=crm&type=revs-bens'],
		['type=crm&type=crm', 'type=crm'],
		['page=0&perPage=1000', 'perPage=100'],
		['page=3&sort=updated&orgType=district', 'orgType=district&sort=updated&page=3'],
		['sort=nonsense&q=x', 'q=x'],
		['q=%20%20spaces%20', 'q=spaces']
	])('%s → %s', (input, output) => {
		expect(searchParamsOf(parseSearchQuery(new URLSearchParams(input))).toString()).toBe(new URLSearchParams(output).toString());
	});

	it('defaults the sort to relevance with text and title without', () => {
		expect(parseSearchQuery(new URLSearchParams('q=a')).sort).toBe('relevance');
		expect(parseSearchQuery(new URLSearchParams('')).sort).toBe('title');
	});

	it('toggles a facet value and goes back to page 1', () => {
		const q = parseSearchQuery(new URLSearchParams('type=crm&page=4'));
		expect(searchParamsOf(toggleFilter(q, 'type', 'crm')).toString()).toBe('');
		expect(searchParamsOf(toggleFilter(q, 'region', 'London')).toString()).toBe('region=London&type=crm');
		expect(isEmptyQuery(toggleFilter(q, 'type', 'crm'))).toBe(true);
	});
});

describe('ftsQuery', () => {
	it.each([
		['', ''],
		['crm', '"crm"*'],
		['Revenues & benefits', '"Revenues"* "benefits"*'],
		['GOV.UK Notify', '"GOV"* "UK"* "Notify"*'],
		['"); DROP TABLE maps; --', '"DROP"* "TABLE"* "maps"*'],
		['NEAR(a b) OR c*', '"NEAR"* "a" "b" "OR"* "c"'],
		['Éléctricité', '"Éléctricité"*']
	])('%s → %s', (text, query) => {
		expect(ftsQuery(text)).toBe(query);
	});
});

describe('organisation names', () => {
	it.each([
		['Kestrelford County Council', 'Kestrelford'],
		['Calderbrook District Council', 'Calderbrook'],
		['Port Alder City Council', 'Port Alder'],
		['Wessmoor Council', 'Wessmoor'],
		['London Borough of Hackney', 'Hackney'],
		['Council', 'Council'],
		['Greater London Authority', 'Greater London Authority']
	])('shortOrgName(%s) = %s', (name, short) => expect(shortOrgName(name)).toBe(short));

	it.each([
		['Port Alder City Council', 'port-alder-city-council'],
		['St. Helens & Knowsley', 'st-helens-and-knowsley'],
		['Ynys Môn', 'ynys-mon'],
		['  --  ', '']
	])('slugify(%s) = %s', (text, slug) => expect(slugify(text)).toBe(slug));

	it.each([
		['Kestrelford County Council', '  kestrelford   COUNTY council. ', true],
		['St. Helens & Knowsley', 'St Helens and Knowsley', true],
		['King’s Lynn Borough Council', "Kings Lynn Borough Council", true],
		['Ynys Môn', 'ynys mon', true],
		['Bath-and-Wells', 'Bath and Wells', true],
		['Kestrelford County Council', 'Kestrelford Council', false],
		['Andover Council', '& over Council', false]
	])('organisationNameKey: “%s” and “%s” are the same name: %s', (a, b, same) => expect(organisationNameKey(a) === organisationNameKey(b)).toBe(same));
});

describe('tsQuery', () => {
	it.each([
		['', false, ''],
		['crm', false, 'crm:*'],
		['Revenues & benefits', false, 'Revenues:* & benefits:*'],
		['"); DROP TABLE maps; --', false, 'DROP:* & TABLE:* & maps:*'],
		['NEAR(a b) OR c*', false, 'NEAR:* & a & b & OR:* & c'],
		['Éléctricité', false, 'Electricite:*'],
		['Ynys Môn c', true, 'Ynys:*A & Mon:*A & c:A']
	])('%s (title only: %s) → %s', (text, titleOnly, query) => {
		expect(tsQuery(text, titleOnly)).toBe(query);
	});
});

describe('searchText', () => {
	it('keeps words and drops diacritics and punctuation', () => {
		expect(searchText('GOV.UK Notify — Ynys Môn, Café 2.0')).toBe('GOV UK Notify Ynys Mon Cafe 2 0');
	});
});

// Real Chromium for browser tests: Debian's /usr/bin/chromium (or $CHROMIUM_PATH) driven by
// playwright-core. Every page is watched for Content-Security-Policy violations: closing the
// browser fails on any.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable to use, or null when there is none (tests that can skip do). */
export function chromiumPath(): string | null {
	return CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export async function launchBrowser(): Promise<Browser> {
	const browser = await chromium.launch({
		executablePath: chromiumPath() ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
	return watchCsp(browser);
}

const violations = new WeakMap<Browser, string[]>();

/**
 * The CSP violations Chromium reported so far in any page of `browser` (URL: console message),
 * removed from the list: for a test that provokes one on purpose (framing a page).
 */
export function takeCspViolations(browser: Browser): string[] {
	return violations.get(browser)?.splice(0) ?? [];
}

/**
 * Record every console message about a Content Security Policy in every page and popup of every
 * context of `browser`, and make `browser.close()` throw when there were any, so an e2e file
 * fails (in its afterAll) if the app's own pages break their policy.
 */
function watchCsp(browser: Browser): Browser {
	const found: string[] = [];
	violations.set(browser, found);
	const pages = new WeakSet<Page>();
	const contexts = new WeakSet<BrowserContext>();
	const watchPage = (page: Page) => {
		if (pages.has(page)) return;
		pages.add(page);
		page.on('console', (msg) => {
			if (/content[- ]security[- ]policy/i.test(msg.text())) found.push(`${page.url()}: ${msg.text()}`);
		});
	};
	const watchContext = (context: BrowserContext) => {
		if (!contexts.has(context)) {
			contexts.add(context);
			context.on('page', watchPage);
		}
		context.pages().forEach(watchPage);
		return context;
	};
	const newContext = browser.newContext.bind(browser);
	const newPage = browser.newPage.bind(browser);
	const close = browser.close.bind(browser);
	browser.newContext = async (options) => watchContext(await newContext(options));
	browser.newPage = async (options) => {
		const page = await newPage(options);
		watchContext(page.context());
		return page;
	};
	browser.close = async (options) => {
		await close(options);
		if (found.length > 0) throw new Error(`Content Security Policy violations in Chromium:\n${found.join('\n')}`);
	};
	return browser;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[]; failureSummary?: string }[];
}

/** Run axe-core in the page for WCAG 2.0/2.1/2.2 A and AA rules; returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
	// Evaluated over the DevTools protocol, which the pages' CSP does not govern (an inline
	// <script> tag would be refused, as it should be).
	await page.evaluate(AXE_SOURCE);
	return page.evaluate(async () => {
		const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };
		const result = await w.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
		});
		return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
	});
}

/** A page whose device already joined once as `name`, so map links open straight into the map. */
export async function newPage(browser: Browser, options: Parameters<Browser['newPage']>[0] = {}, name = 'Tester'): Promise<Page> {
	const page = await browser.newPage(options);
	await page.addInitScript((n) => localStorage.setItem('stackmap:name', n), name);
	return page;
}

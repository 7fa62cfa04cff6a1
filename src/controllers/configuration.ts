import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseChildConfiguration } from '../config/child.js';
import { resolveConfiguration, type Configuration } from '../config/resolve.js';
import { report } from '../diagnostics.js';
import { builtInLocales, localeFor } from '../i18n/locales.js';
import type { LeadCaptureStrings } from '../i18n/strings.js';
import type { Indicator } from '../lead/schema.js';
import { indicatorFromElement } from '../lead-indicator.js';
import { optionNames, type OptionName, type RawOptions } from '../options.js';

/** A Lit element: `requestUpdate(name, old)` records which option changed. */
type ConfigurationHost = ReactiveControllerHost & HTMLElement & { requestUpdate(name?: PropertyKey, oldValue?: unknown): void };

/**
 * The widget's configuration, from everywhere it can come: its options (attributes and
 * properties, which the element hands over as they are written), the JSON config child, the
 * `<lead-indicator>` children, and the language of the element or its nearest ancestor with
 * `lang`. Each write, child change or language change marks it stale; it is resolved again
 * when next read, which is at the latest the next render's `willUpdate` (a keystroke changes
 * none of it). Each mistake is one console error naming the element, the attribute and the fix.
 */
export class ConfigurationController implements ReactiveController {
  /** The options as the page wrote them, unchecked. */
  private readonly raw: RawOptions = {};
  private childJson?: string | null;
  private childIndicators: Partial<Indicator>[] = [];
  private resolved?: { configuration: Configuration; locale: string; text: LeadCaptureStrings; language?: string };
  private waitingForParser = false;
  private readonly childObserver = new MutationObserver(() => this.readChildren());

  constructor(private readonly host: ConfigurationHost) {
    host.addController(this);
  }

  /** What an option was given, for its property to store: the element asks for a render. */
  write(name: OptionName, value: unknown): void {
    const old = this.raw[name];
    this.raw[name] = value;
    this.resolved = undefined;
    this.host.requestUpdate(name, old);
  }

  /** The configuration in use, resolved again if anything it is made of changed. */
  get configuration(): Configuration {
    return this.current().configuration;
  }

  /** The built-in language in use. */
  get locale(): string {
    return this.current().locale;
  }

  /** The texts in use: the language's, with the site's overrides. */
  get text(): LeadCaptureStrings {
    return this.current().text;
  }

  hostConnected(): void {
    this.readChildren();
    this.childObserver.observe(this.host, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value'] });
    // A script tag in <head> upgrades the element before the parser has reached its
    // children; judge them only once the document is parsed (once, however often it moves).
    if (document.readyState === 'loading' && !this.waitingForParser) {
      this.waitingForParser = true;
      document.addEventListener('DOMContentLoaded', () => this.readChildren(true), { once: true });
    }
    watchLanguage(this.host);
  }

  hostDisconnected(): void {
    this.childObserver.disconnect();
    languageWatchers.delete(this.host);
  }

  /**
   * Before each render (`willUpdate`): resolved again when an option or the language changed (a
   * keystroke changes neither), and its mistakes reported. Not on each write: attributes arrive
   * one by one, and a page that sets `endpoint` after `offer` has made no mistake.
   */
  update(changed: ReadonlyMap<PropertyKey, unknown>): void {
    if (changed.has('lang') || optionNames.some((name) => changed.has(name))) this.resolved = undefined;
    const { configuration } = this.current();
    // Until the document is parsed, a missing endpoint or half a JSON child may not be a
    // mistake yet: judged again once it is (the children are read again then).
    if (document.readyState !== 'loading' || this.raw.indicators != null) for (const { attribute, message } of configuration.problems) report(this.host, attribute, message);
  }


  private current(): NonNullable<ConfigurationController['resolved']> {
    const host = this.host;
    // The property first: it is reflected to the attribute only after this render.
    const language = host.lang || (host.closest('[lang]')?.getAttribute('lang') ?? undefined);
    if (this.resolved && this.resolved.language === language) return this.resolved;
    const child = parseChildConfiguration(this.childJson);
    const configuration = resolveConfiguration(this.raw, { baseUrl: document.baseURI, knownStrings: Object.keys(builtInLocales.en), childIndicators: this.childIndicators }, child.options);
    configuration.problems.push(...child.problems);
    const locale = localeFor(language);
    this.resolved = { configuration, locale, text: { ...builtInLocales[locale], ...configuration.values.strings }, language };
    return this.resolved;
  }

  /** The children: `<lead-indicator>` elements and the JSON config child. `parsed`: the document just finished. */
  private readChildren(parsed = false): void {
    const host = this.host;
    const childJson = host.querySelector(':scope > script[type="application/json"][slot="config"]')?.textContent;
    // Attributes and text, not properties: children may not be upgraded yet.
    const indicators = Array.from(host.querySelectorAll(':scope > lead-indicator'), indicatorFromElement);
    const same = childJson === this.childJson && indicators.length === this.childIndicators.length && indicators.every((indicator, index) => indicator.value === this.childIndicators[index].value && indicator.label === this.childIndicators[index].label);
    if (same && !parsed) return;
    this.childJson = childJson;
    this.childIndicators = indicators;
    this.resolved = undefined;
    host.requestUpdate();
  }
}

/** Widgets to tell when any element's `lang` changes (an app switching language). */
const languageWatchers = new Set<ReactiveControllerHost>();
let languageObserver: MutationObserver | undefined;

function watchLanguage(host: ReactiveControllerHost): void {
  languageWatchers.add(host);
  // The language is looked up at each resolution: a render is all a change needs.
  languageObserver ??= new MutationObserver(() => languageWatchers.forEach((watcher) => watcher.requestUpdate()));
  languageObserver.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['lang'] });
}

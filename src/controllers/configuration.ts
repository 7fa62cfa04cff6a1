import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkIndicators, parseChildConfiguration, resolveConfiguration, type Configuration, type ConfigurationProblem } from '../config.js';
import { builtInLocales, localeFor } from '../i18n/locales.js';
import type { LeadCaptureStrings } from '../i18n/strings.js';
import type { Indicator } from '../lead/schema.js';
import { indicatorFromElement } from '../lead-indicator.js';
import { setOptions } from '../options.js';

type ConfigurationHost = ReactiveControllerHost & HTMLElement;

/**
 * The widget's configuration, from everywhere it can come: the JSON config child, then the
 * attributes and properties (the same Lit properties: the last write wins), the
 * `<lead-indicator>` children, and the language of the element or its nearest ancestor with
 * `lang`. Resolved before each render in which any of them changed; each mistake is one
 * console error naming the element, the attribute and the fix.
 */
export class ConfigurationController implements ReactiveController {
  configuration: Configuration = resolveConfiguration({}, 'http://localhost/');
  /** The built-in language in use. */
  locale = 'en';
  /** The texts in use: the language's, with the site's overrides. */
  text: LeadCaptureStrings = builtInLocales.en;
  /** The indicators offered, checked. */
  indicators: Indicator[] = [];
  private childIndicators: Indicator[] = [];
  private inputs: unknown[] = [];
  /** Problems found while the document was still being parsed. */
  private heldBack: ConfigurationProblem[] = [];
  private readonly reported = new Set<string>();
  private waitingForParser = false;
  private readonly childObserver = new MutationObserver(() => this.readChildren());

  constructor(private readonly host: ConfigurationHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.readChildren();
    this.childObserver.observe(this.host, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value'] });
    // A script tag in <head> upgrades the element before the parser has reached its
    // children; judge them only once the document is parsed (once, however often it moves).
    if (document.readyState === 'loading' && !this.waitingForParser) {
      this.waitingForParser = true;
      document.addEventListener(
        'DOMContentLoaded',
        () => {
          this.readChildren();
          // Parsed: what was held back while parsing (a missing endpoint) is reported now, or
          // the configuration resolved again if the JSON child changed meanwhile.
          this.host.requestUpdate();
        },
        { once: true },
      );
    }
    watchLanguage(this.host);
  }

  hostDisconnected(): void {
    this.childObserver.disconnect();
    languageWatchers.delete(this.host);
  }

  /** Before each render: resolve again only when something it is made of changed (not on every keystroke). */
  hostUpdate(): void {
    const host = this.host;
    const options = setOptions(host);
    const childJson = host.querySelector(':scope > script[type="application/json"][slot="config"]')?.textContent;
    // The property first: it is reflected to the attribute only after this render.
    const language = host.lang || (host.closest('[lang]')?.getAttribute('lang') ?? undefined);
    const parsing = document.readyState === 'loading';
    const inputs = [childJson, language, this.childIndicators, ...Object.entries(options).flat()];
    if (inputs.length === this.inputs.length && inputs.every((input, index) => input === this.inputs[index])) {
      if (!parsing) this.report(this.heldBack.splice(0));
      return;
    }
    this.inputs = inputs;

    const child = parseChildConfiguration(childJson);
    const knownStrings = Object.keys(builtInLocales.en);
    const configuration = resolveConfiguration(options, document.baseURI, knownStrings, child.options);
    this.configuration = configuration;
    this.locale = localeFor(language);
    this.text = { ...builtInLocales[this.locale], ...configuration.strings };
    const declared = configuration.indicators ?? (this.childIndicators.length > 0 ? this.childIndicators : (child.options.indicators as unknown[] | undefined) ?? []);
    const checked = checkIndicators(declared);
    this.indicators = checked.indicators;
    const problems = [...configuration.problems, ...child.problems, ...checked.problems];
    // Until the document is parsed, a missing endpoint or half a JSON child may not be a
    // mistake yet: held back, and reported then unless the options changed meanwhile.
    const holdBack = parsing && !configuration.indicators;
    this.heldBack = holdBack ? problems : [];
    if (!holdBack) this.report(problems);
  }

  /** One console error per distinct mistake, naming the element (and its id, on a page with several), the attribute and the fix. */
  report(problems: readonly ConfigurationProblem[]): void {
    const element = this.host.id ? `<lead-capture id="${this.host.id}">` : '<lead-capture>';
    for (const problem of problems) {
      const message = `${element} ${problem.attribute}: ${problem.message}`;
      if (this.reported.has(message)) continue;
      this.reported.add(message);
      console.error(message, this.host);
    }
  }

  private readChildren(): void {
    // Attributes and text, not properties: children may not be upgraded yet.
    const read = Array.from(this.host.querySelectorAll(':scope > lead-indicator'), indicatorFromElement);
    // Unchanged (the parser finishing, a mutation elsewhere in the subtree): nothing to resolve again.
    if (read.length === this.childIndicators.length && read.every((indicator, index) => indicator.value === this.childIndicators[index].value && indicator.label === this.childIndicators[index].label)) return;
    this.childIndicators = read;
    this.host.requestUpdate();
  }
}

/** Widgets to update when any element's `lang` changes (an app switching language). */
const languageWatchers = new Set<ReactiveControllerHost>();
let languageObserver: MutationObserver | undefined;

function watchLanguage(host: ReactiveControllerHost): void {
  languageWatchers.add(host);
  languageObserver ??= new MutationObserver(() => languageWatchers.forEach((watcher) => watcher.requestUpdate()));
  languageObserver.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['lang'] });
}

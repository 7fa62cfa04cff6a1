// The preview frame: the real widget (the script tag's own entry), rendered from the code's
// markup and driven as a prospect would drive it. Its `fetch` is a stand-in that answers as
// each state needs, and beacons go nowhere: nothing in this frame ever leaves the browser.
import '../src/script-tag.js';
import type { LeadCapture } from '../src/lead-capture.js';
import type { PreviewApi, PreviewScene, PreviewState } from './preview-protocol.js';

/** How the stand-in answers the widget's requests. */
type Answer = 'accept' | 'refuse' | 'network' | 'hang';
let answer: Answer = 'accept';

/** A refusal as an endpoint words it (RFC 9457 problem details): the widget shows its `detail`. */
const refusal = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'the endpoint refused the lead (a preview of a refusal)' };

window.fetch = (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  switch (answer) {
    case 'accept':
      return Promise.resolve(new Response(JSON.stringify({ id: 'preview' }), { status: 201, headers: { 'Content-Type': 'application/json' } }));
    case 'refuse':
      return Promise.resolve(new Response(JSON.stringify(refusal), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    case 'network':
      return Promise.reject(new TypeError('Failed to fetch (preview: no network)'));
    case 'hang':
      // A request that never answers, whatever its timeout: the widget stays "sending".
      void init;
      return new Promise<Response>(() => {});
  }
};
Object.defineProperty(navigator, 'sendBeacon', { value: () => false, configurable: true });

// The widget tells the site owner in the console why a lead waits; here the failure is the
// stand-in's, on purpose, and not worth an error in the builder's console.
const consoleError = console.error.bind(console);
console.error = (...data: unknown[]) => {
  if (!String(data[0]).includes('(preview: no network)')) consoleError(...data);
};

// While the builder drives a widget, the widget's own focus moves (to the first mistake, to the
// thank-you) stay in the frame's head: a frame that takes focus would take it from the field
// the person is typing in, in the builder, and their keys would land in the preview.
let driving = false;
const focus = HTMLElement.prototype.focus;
HTMLElement.prototype.focus = function focusUnlessDriven(this: HTMLElement, options?: FocusOptions) {
  if (!driving) focus.call(this, options);
};

// A link in the preview (the download, the privacy policy) would lead the frame away.
document.addEventListener('click', (event) => {
  if (event.composedPath().some((target) => target instanceof HTMLAnchorElement)) event.preventDefault();
});

const stage = document.getElementById('stage')!;
const theme = document.head.appendChild(document.createElement('style'));

/** Where a widget without an endpoint posts in the preview (never reached: fetch is the stand-in). */
const standInEndpoint = 'https://preview.invalid/leads';

/**
 * An endpoint the widget would send to: an http(s) address or a path. Without one (none yet,
 * or one the builder shows a problem for) the preview still shows every state, with the stand-in.
 */
function isUsable(endpoint: string | null): boolean {
  if (!endpoint?.trim()) return false;
  try {
    return /^https?:$/.test(new URL(endpoint.trim(), location.href).protocol);
  } catch {
    return false;
  }
}

/** The widget's copies of leads (queued ones included): cleared so no preview sends an earlier one. */
function clearWidgetStorage(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('lead-capture:')) localStorage.removeItem(key);
  } catch {
    // Storage off: nothing kept either.
  }
}

/** A new widget from the code's markup (parsed, never run), on a page set up like the scene's. */
async function place(scene: PreviewScene, attributes: Record<string, string> = {}): Promise<LeadCapture> {
  clearWidgetStorage();
  stage.replaceChildren();
  theme.textContent = scene.css;
  document.documentElement.lang = scene.language;
  document.documentElement.dataset.scheme = scene.scheme;
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${scene.markup}`, 'text/html');
  const source = parsed.querySelector('lead-capture');
  const widget = (source ? document.importNode(source, true) : document.createElement('lead-capture')) as LeadCapture;
  // The visitor's dark scheme, for a widget that follows it (a forced theme stays as it is).
  if (scene.scheme === 'dark' && !widget.hasAttribute('theme')) widget.setAttribute('theme', 'dark');
  if (!isUsable(widget.getAttribute('endpoint'))) widget.setAttribute('endpoint', standInEndpoint);
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  stage.append(widget);
  await customElements.whenDefined('lead-capture');
  await widget.updateComplete;
  return widget;
}

/** A prospect's moves, on the widget's own controls. */
function prospect(widget: LeadCapture) {
  const find = <T extends Element>(selector: string) => widget.shadowRoot?.querySelector<T>(selector) ?? null;
  return {
    async choose(preference: 'none' | 'email' | 'call') {
      find<HTMLInputElement>(`input[name="preference"][value="${preference}"]`)?.click();
      await widget.updateComplete;
    },
    async fill(field: 'name' | 'email' | 'phone', value: string) {
      const input = find<HTMLInputElement>(`#${field}`);
      if (!input) return;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await widget.updateComplete;
    },
    async submit() {
      find<HTMLButtonElement>('button[type="submit"]')?.click();
      await widget.updateComplete;
    },
  };
}

/** Resolves once the widget's state is one of `states`, or after `ms` (a preview must not hang). */
function until(widget: LeadCapture, states: string[], ms = 5000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => states.includes(widget.state) && done());
    const timer = setTimeout(done, ms);
    observer.observe(widget, { attributes: true, attributeFilter: ['state'] });
    if (states.includes(widget.state)) done();
  });
}

type Preference = 'none' | 'email' | 'call';

/**
 * Drives a new widget to `state`; `preference`: how the prospect chose to be followed up on the
 * way (for `invalid`, `none` means no choice made at all).
 */
async function drive(scene: PreviewScene, state: PreviewState, preference: Preference = 'email'): Promise<LeadCapture> {
  const answers: Partial<Record<PreviewState, Answer>> = { sending: 'hang', sent: 'accept', queued: 'network', error: 'refuse' };
  answer = answers[state] ?? 'accept';
  // Queued is where a failed attempt lands when no retry is left: none here, so it lands at once.
  const widget = await place(scene, state === 'queued' ? { retries: '0' } : {});
  const person = prospect(widget);
  if (state === 'idle') return widget;
  if (state === 'invalid') {
    if (preference !== 'none') await person.choose(preference);
    await person.submit();
    return widget;
  }
  if (state === 'call') {
    await person.choose('call');
    return widget;
  }
  await person.choose(preference);
  await person.fill('name', 'Ada Lovelace');
  if (preference !== 'none') await person.fill('email', 'ada@example.com');
  if (preference === 'call') await person.fill('phone', '+1 555 010 0199');
  await person.submit();
  // These settings refuse this way of filling the form (a newsletter without an email): the
  // mistakes are shown at once and no state follows; waiting out the time limit cost 5 s a scene.
  if (widget.shadowRoot?.querySelector('[part~="error"]')) return widget;
  await until(widget, state === 'sending' ? ['submitting'] : ['sent', 'queued', 'error']);
  await widget.updateComplete;
  return widget;
}

const heightRem = (widget: Element) => widget.getBoundingClientRect().height / parseFloat(getComputedStyle(document.documentElement).fontSize);

/**
 * Every way the widget can look, each reached as a prospect reaches it: what is tallest
 * depends on the options (a long title, many indicators, a long text), so all are measured.
 */
const scenarios: [PreviewState, Preference?][] = [
  ['idle'],
  ['invalid', 'none'],
  ['invalid', 'email'],
  ['invalid', 'call'],
  ['call'],
  ['sending', 'email'],
  ['sending', 'call'],
  ['sent', 'none'],
  ['sent', 'email'],
  ['sent', 'call'],
  ['queued', 'email'],
  ['queued', 'call'],
  ['error', 'email'],
  ['error', 'call'],
];

/** One request at a time: each renders its own widget on the one stage. */
let queue: Promise<unknown> = Promise.resolve();
const serial = <T>(task: () => Promise<T>): Promise<T> => {
  const driven = async () => {
    driving = true;
    try {
      return await task();
    } finally {
      driving = false;
    }
  };
  const run = queue.then(driven, driven);
  queue = run.catch(() => undefined);
  return run;
};

const api: PreviewApi = {
  show: (scene, state) =>
    serial(async () => {
      // An empty form submitted shows the first mistake a prospect meets; the rest go by email.
      const widget = await drive(scene, state, state === 'invalid' ? 'none' : 'email');
      return { widgetState: widget.state, heightRem: heightRem(widget), pageHeight: Math.ceil(document.body.getBoundingClientRect().bottom + parseFloat(getComputedStyle(document.body).marginBottom)) };
    }),
  tallest: (scene, current = () => true) =>
    serial(async () => {
      let tallest = 0;
      for (const [state, preference] of scenarios) {
        if (!current()) break;
        tallest = Math.max(tallest, heightRem(await drive(scene, state, preference)));
      }
      stage.replaceChildren();
      return tallest;
    }),
};

window.leadCapturePreview = api;

/**
 * What the builder asks of a preview frame (`preview.html`, same origin): render the widget
 * from the code's own markup, in a state, and say how tall it is; or find its tallest height
 * over every state. The frame's `fetch` is a local stand-in: the preview never posts anywhere.
 */

/** The states a preview shows, in the order a prospect meets them. */
export const previewStates = ['idle', 'invalid', 'call', 'sending', 'sent', 'queued', 'error'] as const;
export type PreviewState = (typeof previewStates)[number];

export const previewStateLabels: Record<PreviewState, string> = {
  idle: 'Idle',
  invalid: 'Invalid',
  call: 'Call chosen',
  sending: 'Sending',
  sent: 'Sent',
  queued: 'Queued',
  error: 'Error',
};

export interface PreviewScene {
  /** The `<lead-capture>` element exactly as the code writes it. */
  markup: string;
  /** The theme's CSS (custom properties), as the code writes it, without the reservation. */
  css: string;
  /** The page's language (`lang` on `<html>`): the widget follows it unless it has its own. */
  language: string;
  /** The visitor's colour scheme; the page and a widget that follows it turn dark. */
  scheme: 'light' | 'dark';
}

export interface PreviewResult {
  /** The widget's own `state` once there. */
  widgetState: string;
  /** Its height, in rem of the frame's page. */
  heightRem: number;
  /** The height of the frame's page, in CSS pixels (for the frame that shows it). */
  pageHeight: number;
}

/** What `preview.html` puts on its window for the builder. */
export interface PreviewApi {
  /** Renders a new widget for the scene and drives it to `state`. */
  show(scene: PreviewScene, state: PreviewState): Promise<PreviewResult>;
  /**
   * The widget's tallest height over every state and the ways a prospect can reach it, in rem;
   * it stops early (the height is then of no use) once `current` says the configuration changed.
   */
  tallest(scene: PreviewScene, current?: () => boolean): Promise<number>;
}

declare global {
  interface Window {
    leadCapturePreview?: PreviewApi;
  }
}

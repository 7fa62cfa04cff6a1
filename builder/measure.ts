import type { Reservation } from './code.js';
import type { PreviewApi, PreviewScene } from './preview-protocol.js';

/** The widths the space to reserve is measured at: a phone, and a desktop. */
export const measuredWidths = { phone: 375, desktop: 1280 } as const;

/** A preview frame's API once its page has loaded (same origin: called directly). */
export async function previewApi(frame: HTMLIFrameElement): Promise<PreviewApi> {
  const ready = () => frame.contentWindow?.leadCapturePreview;
  const api = ready();
  if (api && frame.contentDocument?.readyState === 'complete') return api;
  await new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  const loaded = ready();
  if (!loaded) throw new Error('The preview page did not start');
  return loaded;
}

/** Rounded up to a tenth of a rem: a reservation a little over the height never lets content move. */
const upToTenth = (rem: number) => Math.ceil(rem * 10 - 1e-6) / 10;

/**
 * The widget at its tallest at each width: every state and way of reaching it, in each
 * language it may be shown in, on two frames as wide as a phone and a desktop.
 */
export async function measureReservation(
  frames: { phone: HTMLIFrameElement; desktop: HTMLIFrameElement },
  scenes: PreviewScene[],
  /** False once the configuration changed: the measurement stops (undefined) rather than finish for nothing. */
  current: () => boolean = () => true,
): Promise<Reservation | undefined> {
  const tallest = async (frame: HTMLIFrameElement) => {
    const api = await previewApi(frame);
    let height = 0;
    for (const scene of scenes) {
      if (!current()) return undefined;
      height = Math.max(height, await api.tallest(scene, current));
    }
    return upToTenth(height);
  };
  const [phone, desktop] = await Promise.all([tallest(frames.phone), tallest(frames.desktop)]);
  return phone === undefined || desktop === undefined || !current() ? undefined : { phone, desktop };
}

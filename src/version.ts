declare const __LEAD_CAPTURE_VERSION__: string | undefined;

/** The widget's version, stamped in by the build (and the test runner) from package.json. */
export const widgetVersion: string = typeof __LEAD_CAPTURE_VERSION__ === 'string' ? __LEAD_CAPTURE_VERSION__ : '0.0.0-development';

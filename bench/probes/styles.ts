// Size probe: the widget's CSS alone. The build aliases `lit` to ./css-text.ts, so the output
// is the style sheet as the bundle carries it (after minifyTemplates), not lit's `css` tag,
// which the lit probe already counts.
export { leadCaptureStyles } from '../../src/lead-capture.styles.js';

// Stand-in for lit's `css` tag in the styles probe: keeps the template's text and nothing else.
export const css = (strings: TemplateStringsArray, ...values: unknown[]): string =>
  strings.reduce((text, part, index) => text + String(values[index - 1] ?? '') + part);

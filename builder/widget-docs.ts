import manifest from '../custom-elements.json';

/**
 * What the builder says about each option and custom property: the widget's own
 * documentation, from the manifest (`custom-elements.json`). The manifest's option entries are
 * made by `scripts/option-docs.mjs` from the doc comments of the option table
 * (`src/options.ts`), and CI fails when it is stale; the builder's build (vite.builder.config.ts)
 * reads the table again through option-docs.mjs, so a built builder is never behind the table.
 */

interface ManifestMember {
  kind: string;
  name: string;
  description?: string;
}

interface ManifestDeclaration {
  tagName?: string;
  members?: ManifestMember[];
  cssProperties?: { name: string; description?: string; default?: string }[];
}

const leadCapture = (manifest.modules as { declarations?: ManifestDeclaration[] }[])
  .flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.tagName === 'lead-capture');

if (!leadCapture) throw new Error('custom-elements.json has no <lead-capture>: run npm run analyze');

/** Each option's documentation (its doc comment in the option table), by property name. */
export const optionDescriptions: ReadonlyMap<string, string> = new Map(
  (leadCapture.members ?? []).filter((member) => member.kind === 'field').map((member) => [member.name, member.description ?? '']),
);

export interface CustomPropertyDoc {
  /** `--lead-capture-accent` */
  name: string;
  description: string;
  /** The light theme's default, as documented (`#1d4ed8`, `0.5rem`, `inherit`). */
  default: string;
  /** Its default is a colour: the builder offers a colour picker beside the text. */
  colour: boolean;
}

/** The custom properties a site may set (colours, radius, spacing, font), in the manifest's order. */
export const customProperties: readonly CustomPropertyDoc[] = (leadCapture.cssProperties ?? []).map((property) => ({
  name: property.name,
  description: property.description ?? '',
  default: property.default ?? '',
  colour: /^#[0-9a-f]{6}$/i.test(property.default ?? ''),
}));

// `npm run analyze`: the manifest is generated from the JSDoc on the classes and committed.
// It describes what the published package offers: the two elements, their public members,
// attributes, events, parts and custom properties, at the paths the package ships
// (`dist/element.js` declares them, `dist/lead-capture.js` registers them). Internal modules
// are not listed. The options (properties and attributes, their types, defaults and
// descriptions) come from the option table in `src/options.ts`, the one place they are
// declared (scripts/option-docs.mjs reads it; the analyzer cannot see accessors defined in a loop).
import { optionDocs } from './scripts/option-docs.mjs';

const options = await optionDocs();

const elementFiles = ['src/lead-capture.ts', 'src/lead-indicator.ts'];
const declaringModule = 'dist/element.js';

/** Public members only: what a user can read or set. */
const isPublic = (member) => (member.privacy ?? 'public') === 'public' && !member.static && !member.name.startsWith('_');

/** A field for each option, as its property reads back. */
function optionFields() {
  return options.map((option) => ({
    kind: 'field',
    name: option.name,
    type: { text: option.default !== undefined ? option.type : `${option.type} | undefined` },
    description: option.description,
    ...(option.default !== undefined ? { default: JSON.stringify(option.default) } : {}),
    ...(option.attribute ? { attribute: option.attribute } : {}),
    ...(option.reflect ? { reflects: true } : {}),
  }));
}

/** An attribute for each option that has one, described by its field; and `lang` and `state`. */
function optionAttributes(declaration) {
  const fields = new Map(declaration.members.map((member) => [member.name, member]));
  const attributes = options.filter((option) => option.attribute).map((option) => [option.attribute, option.name]);
  attributes.push(['lang', 'lang'], ['state', 'state']);
  return attributes.map(([name, fieldName]) => {
    const field = fields.get(fieldName);
    return { name, fieldName, ...(field?.type ? { type: field.type } : {}), ...(field?.description ? { description: field.description } : {}) };
  });
}

export default {
  globs: elementFiles,
  litelement: true,
  plugins: [
    {
      name: 'public-package-view',
      packageLinkPhase({ customElementsManifest }) {
        const declarations = customElementsManifest.modules
          .flatMap((module) => module.declarations ?? [])
          .filter((declaration) => declaration.customElement)
          .map((declaration) => {
            const ownMembers = (declaration.members ?? []).filter(isPublic);
            const members = declaration.tagName === 'lead-capture' ? [...optionFields(), ...ownMembers] : ownMembers;
            const element = { ...declaration, members };
            if (declaration.tagName === 'lead-capture') element.attributes = optionAttributes(element);
            for (const attribute of element.attributes ?? []) {
              if (!attribute.fieldName && members.some((member) => member.name === attribute.name)) attribute.fieldName = attribute.name;
            }
            // The analyzer can only guess events it sees dispatched; they are declared with @fires.
            element.events = (declaration.events ?? []).filter((event) => event.name?.startsWith('lead-'));
            return element;
          });
        customElementsManifest.modules = [
          {
            kind: 'javascript-module',
            path: declaringModule,
            declarations,
            exports: declarations.map(({ name }) => ({ kind: 'js', name, declaration: { name, module: declaringModule } })),
          },
          {
            kind: 'javascript-module',
            path: 'dist/lead-capture.js',
            declarations: [],
            exports: declarations.map(({ name, tagName }) => ({ kind: 'custom-element-definition', name: tagName, declaration: { name, module: declaringModule } })),
          },
        ];
      },
    },
  ],
};

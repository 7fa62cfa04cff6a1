// `npm run analyze`: the manifest is generated from the JSDoc on the classes and committed.
// It describes what the published package offers: the two elements, their public members,
// attributes, events, parts and custom properties, at the paths the package ships
// (`dist/element.js` declares them, `dist/lead-capture.js` registers them). Internal modules
// are not listed. The attributes come from the option table in `src/options.ts`, the one
// place they are declared, transpiled here by TypeScript (the analyzer cannot evaluate a spread;
// options.ts imports only types, so it runs alone).
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const optionsModule = ts.transpileModule(readFileSync('src/options.ts', 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
const { optionTable, attributeName } = await import(`data:text/javascript,${encodeURIComponent(optionsModule.outputText)}`);

const elementFiles = ['src/lead-capture.ts', 'src/lead-indicator.ts'];
const declaringModule = 'dist/element.js';

/** Public members only: what a user can read or set. */
const isPublic = (member) => (member.privacy ?? 'public') === 'public' && !member.static && !member.name.startsWith('_');

/** An attribute for each option that has one, described by its field. */
function optionAttributes(declaration) {
  const fields = new Map(declaration.members.map((member) => [member.name, member]));
  const attributes = Object.entries(optionTable)
    .filter(([, spec]) => spec.kind !== 'function')
    .map(([property]) => [attributeName(property), property]);
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
            const members = (declaration.members ?? []).filter(isPublic);
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

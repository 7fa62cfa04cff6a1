// The options of <lead-capture> as documentation: read from the one table in src/options.ts,
// its values by running it (through tsx) and its doc comments and declared types from the
// source (TypeScript's parser), so that the manifest, the reference page and the builder say
// exactly what the widget does. `optionDocs()` lists them in the table's order.
import { readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';
import ts from 'typescript';

const optionsFile = new URL('../src/options.ts', import.meta.url);

/** Each entry of `optionTable`: its doc comment and, for `json<T>()` / `property<T>()`, the text of T. */
function readSource() {
  const source = ts.createSourceFile('options.ts', readFileSync(optionsFile, 'utf8'), ts.ScriptTarget.ES2022, true);
  const entries = new Map();
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'optionTable') {
      let table = node.initializer;
      while (table && !ts.isObjectLiteralExpression(table)) table = table.expression;
      for (const property of table.properties) {
        const description = ts
          .getJSDocCommentsAndTags(property)
          .map((doc) => (typeof doc.comment === 'string' ? doc.comment : (doc.comment ?? []).map((part) => part.text).join('')))
          .join('\n')
          .replace(/\s*\n\s*/g, ' ')
          .trim();
        const typeArgument = ts.isCallExpression(property.initializer) ? property.initializer.typeArguments?.[0]?.getText() : undefined;
        entries.set(property.name.getText(), { description, typeArgument });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return entries;
}

const quote = (value) => `'${value}'`;

/** The option's type as TypeScript would print it, and its default in words. */
function describeSpec(name, spec, typeArgument) {
  switch (spec.kind) {
    case 'number':
      return { type: 'number', default: spec.fallback, range: [spec.min, spec.max] };
    case 'flag':
      return { type: 'boolean', default: spec.fallback };
    case 'choice':
      return { type: spec.values.map(quote).join(' | '), default: spec.fallback, values: [...spec.values] };
    case 'json':
      return { type: typeArgument, json: true };
    case 'property':
      return { type: typeArgument, propertyOnly: true };
    default:
      return { type: 'string' };
  }
}

/** Every option: name, attribute (none for a property only), kind, type, default, range or values, description. */
export async function optionDocs() {
  const { optionTable, attributeName } = await tsImport('../src/options.ts', import.meta.url);
  const source = readSource();
  return Object.entries(optionTable).map(([name, spec]) => {
    const { description = '', typeArgument } = source.get(name) ?? {};
    const described = describeSpec(name, spec, typeArgument);
    return {
      name,
      attribute: spec.kind === 'property' ? undefined : attributeName(name),
      kind: spec.kind,
      ...described,
      ...(spec.reflect ? { reflect: true } : {}),
      ...(spec.overLimit ? { overLimit: spec.overLimit } : {}),
      description,
    };
  });
}

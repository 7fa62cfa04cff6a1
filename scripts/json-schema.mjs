// dist/lead.schema.json: the lead as JSON Schema, generated from the zod schema of the
// build just made, for endpoints that are not written in JavaScript. Cross-field rules
// (an email only when the preference needs it, channels matching the choice, ...) cannot
// be expressed in JSON Schema; they are described in the README and enforced by parseLead.
import { writeFileSync } from 'node:fs';
import { toJSONSchema } from 'zod/mini';
import { leadSchema } from '../dist/schema.js';

const schema = {
  $id: 'urn:lead-capture:schema:lead:v1',
  title: 'Lead captured by <lead-capture>',
  ...toJSONSchema(leadSchema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    io: 'input',
    // Whole numbers are checked by Number.isInteger (src/lead/schema.ts), which zod cannot describe.
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.checks?.some((check) => check._zod.def.fn === Number.isInteger)) jsonSchema.type = 'integer';
    },
  }),
};
writeFileSync('dist/lead.schema.json', `${JSON.stringify(schema, null, 2)}\n`);

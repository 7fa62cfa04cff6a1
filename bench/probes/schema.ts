// Size probe: zod/mini with the lead schema and parseLead.
export { leadSchema, parseLead } from '../../src/lead/schema.js';

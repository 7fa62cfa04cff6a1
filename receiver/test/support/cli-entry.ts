// The command from the TypeScript sources, for the process tests (no build needed).
import { main } from '../../src/cli.js';

await main(process.argv.slice(2), process.env);

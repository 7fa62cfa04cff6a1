// One throwaway Postgres for a whole `npm test` run (scripts/test.mjs starts this): prints the
// cluster's admin URL on one line (`url=…`), then keeps it running until its standard input closes (the
// runner ended, or died) and stops it. Without Postgres binaries the URL is empty: each
// file then says how to enable them (or fails, in CI).
import { startPostgres } from './postgres.js';

const cluster = await startPostgres();
console.log(`url=${cluster?.adminUrl ?? ''}`);
process.stdin.resume();
process.stdin.once('end', () => {
  cluster?.stop();
  process.exit(0);
});

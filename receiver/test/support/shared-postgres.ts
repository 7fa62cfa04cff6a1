// One throwaway Postgres for a whole `npm test` run (scripts/test.mjs starts this): prints the
// variable to set for the test files, `LEAD_TEST_POSTGRES=<admin URL>`, then keeps the cluster
// running until its standard input closes (the runner ended, or died) and stops it. Without
// Postgres binaries the URL is empty: each file then says how to enable them (or fails, in CI).
import { sharedClusterVariable, startPostgres } from './postgres.js';

const cluster = await startPostgres();
console.log(`${sharedClusterVariable}=${cluster?.adminUrl ?? ''}`);
process.stdin.resume();
process.stdin.once('end', () => {
  cluster?.stop();
  process.exit(0);
});

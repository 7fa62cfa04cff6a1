// The bench's load: POST /leads from a worker thread (its own event loop, as real clients are
// elsewhere), at a given concurrency; answers the leads per second.
import { parentPort, workerData } from 'node:worker_threads';

const { url, bodies, concurrency } = workerData;
let next = 0;
const began = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      if (response.status !== 201) throw new Error(`POST /leads answered ${response.status}: ${await response.text()}`);
    }
  }),
);
parentPort.postMessage(bodies.length / ((performance.now() - began) / 1000));

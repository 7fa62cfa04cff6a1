// Size probe: the destinations (lead → request, answer → outcome for each tool) and the automatic choice.
import { destinationFor } from '../../src/delivery/destinations/index.js';
import { destinations } from '../../src/delivery/destinations/index.js';

(globalThis as { probe?: unknown }).probe = { destinations, destinationFor };

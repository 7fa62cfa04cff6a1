// The benchmark's arithmetic (no timings measured or asserted here): CLS session windows,
// profile self time, cost per widget, and the size check's ceiling.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cumulativeLayoutShift } from '../../scripts/bench/measure.mjs';
import { selfTimes } from '../../scripts/bench/profile.mjs';
import { growth, median, quantile } from '../../scripts/bench/report.mjs';
import { checkSize, distance, regressionCeiling } from '../../scripts/size.mjs';

test('CLS is the largest session window of shifts not caused by input', () => {
  const shifts = [
    { start: 100, value: 0.1, recentInput: false },
    { start: 600, value: 0.05, recentInput: false },
    { start: 700, value: 0.5, recentInput: true },
    // More than a second after the last shift: a new window, smaller than the first.
    { start: 2000, value: 0.12, recentInput: false },
  ];
  assert.equal(cumulativeLayoutShift(shifts).toFixed(2), '0.15');
  assert.equal(cumulativeLayoutShift([]), 0);
});

test('a CLS session window closes after 5 seconds even without a pause', () => {
  const shifts = Array.from({ length: 8 }, (_, index) => ({ start: index * 900, value: 0.1, recentInput: false }));
  // 0, 900, …, 4500 fit in the first window (6 shifts); 5400 starts the next.
  assert.equal(cumulativeLayoutShift(shifts).toFixed(1), '0.6');
});

test('self time: each sample lasts until the next one, the last until the end', () => {
  const profile = { startTime: 0, endTime: 1000, samples: [1, 2, 1], timeDeltas: [100, 300, 200] };
  // Samples at 100, 400, 600 µs: node 1 gets 300 + 400, node 2 gets 200.
  assert.deepEqual(selfTimes(profile), new Map([[1, 0.7], [2, 0.2]]));
});

test('cost per widget is compared between 1→10 and 10→50', () => {
  assert.equal(growth({ 1: 100, 10: 190, 50: 590 }).shape, 'about linear');
  assert.equal(growth({ 1: 100, 10: 190, 50: 990 }).shape, 'worse than linear');
  assert.match(growth({ 1: 200, 10: 190, 50: 590 }).shape, /too noisy/);
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(quantile([5, 1, 3, 2, 4], 0.25), 2);
  assert.equal(quantile([4, 1, 3, 2], 0.75), 3.25);
});

test('the size check enforces the ceiling, which stays at 35 KB', () => {
  assert.equal(regressionCeiling, 35 * 1024);
  assert.equal(checkSize(regressionCeiling).ok, true);
  assert.equal(checkSize(regressionCeiling + 1).ok, false);
  assert.equal(checkSize(28 * 1024 + 1, 28 * 1024).ok, false);
  assert.equal(distance(1000, 1024), '24 B under');
  assert.equal(distance(30 * 1024, 28 * 1024), '2.0 KB over');
});

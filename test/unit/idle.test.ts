import { expect } from '@open-wc/testing';
import { whenIdle } from '../../src/idle.js';

/** Resolves when `task` has run once more, or false after 5 s (the idle timeout is 2 s). */
function nextRun(task: { ran?: () => void }): Promise<boolean> {
  return Promise.race([new Promise<boolean>((resolve) => (task.ran = () => resolve(true))), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))]);
}

describe('whenIdle', () => {
  it('runs a task once however often it is asked for while it waits, and again when asked after it ran', async () => {
    let runs = 0;
    const state: { ran?: () => void } = {};
    const task = () => {
      runs += 1;
      state.ran?.();
    };
    let ran = nextRun(state);
    whenIdle(task);
    whenIdle(task);
    expect(await ran).to.equal(true);
    expect(runs).to.equal(1);
    // Forgotten once run: a widget's task (and the widget it holds) is not kept for the page's life.
    ran = nextRun(state);
    whenIdle(task);
    expect(await ran, 'asked again after it ran').to.equal(true);
    expect(runs).to.equal(2);
  });
});

// Test shim for `k6/execution`: one VU, one iteration; test.abort() records and throws.
import { shimState } from './state.js';

export const vu = { idInTest: 1, idInInstance: 1, iterationInInstance: 0, iterationInScenario: 0, tags: {}, metrics: { tags: {}, metadata: {} } };
export const scenario = { name: 'shim', executor: 'shared-iterations', startTime: Date.now(), progress: 0, iterationInInstance: 0, iterationInTest: 0 };
export const instance = { iterationsInterrupted: 0, iterationsCompleted: 0, vusActive: 1, vusInitialized: 1, currentTestRunDuration: 0 };
export const test = {
  abort(reason?: string): never {
    shimState().aborted = reason ?? 'aborted';
    throw new Error(`test aborted: ${reason ?? ''}`);
  },
  options: {},
};
export default { vu, scenario, instance, test };

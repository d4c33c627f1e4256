#!/usr/bin/env node
// Usage: CATALOG_ENGINE_TOKEN=<ADMIN token> node external_task_client_worker.js
//            <happy|fail-confirm|retry> <port> <processInstanceId>
// (camunda-external-task-client-js from test/node, e.g. NODE_PATH)
//
// A worker of the offering publication saga (bpmn/offering-publication-saga.bpmn) written with
// Camunda's official external-task client, as a team running a real Camunda 7 would write it:
// long polling, typed variables, BPMN errors, failures with retries. It runs one scenario against
// catalogd's /engine-rest, prints one JSON line per task it handled (what it saw and what it
// did), and exits 0 once the process instance has ended. Anything the engine refuses, a poll
// that fails, or no end within kTimeoutMs: a JSON line on stderr and exit 1.
'use strict';

const { pathToFileURL } = require('node:url');

const kTimeoutMs = 10000;
const kLockDurationMs = 10000;
const kExtendedLockMs = 60000;
const kRetryTimeoutMs = 200;
const kTopics = [
  'lock-prices', 'validate-specifications', 'create-store-entry', 'confirm-publication',
  'delete-store-entry', 'unlock-prices', 'revert-offering-to-draft',
];

function fail(problem) {
  console.error(JSON.stringify(problem));
  process.exit(1);
}

// The client is an ES module: resolve it the CommonJS way, so NODE_PATH is honoured, then import.
async function loadClient() {
  return import(pathToFileURL(require.resolve('camunda-external-task-client-js')).href);
}

// Plain HTTP beside the client, for what a worker doesn't do through it.
async function engineGet(baseUrl, token, path) {
  const response = await fetch(`${baseUrl}${path}`,
                               { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// What each scenario does with a task; `seen` counts the deliveries of its topic so far.
// Every handler returns what it did, for the line printed once the engine accepted it.
function scenarioHandlers(scenario, { Variables }, engine) {
  const complete = (variables) => async ({ task, taskService }) => {
    await taskService.complete(task, variables && variables());
    return { action: 'complete' };
  };
  // Variables().set types by the JS value: Boolean, String, and for a Date Camunda's Date type.
  const completing = {
    'lock-prices': complete(),
    'validate-specifications': complete(() => new Variables().set('validationResult', true)),
    'create-store-entry': complete(() => new Variables().set('storeEntryId', 'store-entry-1')),
    'confirm-publication': complete(() => new Variables().set('publishedAt', new Date())),
    'delete-store-entry': complete(),
    'unlock-prices': complete(),
    'revert-offering-to-draft': complete(),
  };
  const handlers = { ...completing };
  if (scenario === 'happy') {
    // A worker not ready for the task hands it back; the engine offers it again at once.
    handlers['validate-specifications'] = async (context, seen) => {
      if (seen > 1) return completing['validate-specifications'](context);
      await context.taskService.unlock(context.task);
      return { action: 'unlock' };
    };
    // A slow store: the worker extends its lock before it goes on.
    handlers['create-store-entry'] = async (context) => {
      await context.taskService.extendLock(context.task, kExtendedLockMs);
      const { id, processInstanceId } = context.task;
      const open = await engine(`/external-task?processInstanceId=${processInstanceId}`);
      const extended = open.find((t) => t.id === id)?.lockExpirationTime;
      await completing['create-store-entry'](context);
      return { action: 'complete', extendedLockExpirationTime: extended };
    };
  } else if (scenario === 'fail-confirm') {
    handlers['confirm-publication'] = async ({ task, taskService }) => {
      await taskService.handleBpmnError(task, 'PublicationFailed', 'store said no');
      return { action: 'bpmnError' };
    };
  } else if (scenario === 'retry') {
    handlers['lock-prices'] = async (context, seen) => {
      if (seen > 1) return completing['lock-prices'](context);
      await context.taskService.handleFailure(context.task, {
        errorMessage: 'price service unavailable',
        errorDetails: 'connect ECONNREFUSED',
        retries: 1,
        retryTimeout: kRetryTimeoutMs,
      });
      return { action: 'failure' };
    };
  } else {
    fail({ problem: `unknown scenario ${scenario}` });
  }
  return handlers;
}

function describe(task, seen, fetchedAt) {
  return {
    topic: task.topicName,
    delivery: seen,
    activityId: task.activityId,
    processInstanceId: task.processInstanceId,
    retries: task.retries,
    errorMessage: task.errorMessage,
    errorDetails: task.errorDetails,
    lockExpirationTime: task.lockExpirationTime,
    fetchedAt,
    variables: task.variables.getAll(),
    variableTypes: Object.fromEntries(
        Object.entries(task.variables.getAllTyped()).map(([name, typed]) => [name, typed.type])),
  };
}

async function main([scenario, port, processInstanceId]) {
  const token = process.env.CATALOG_ENGINE_TOKEN;
  if (!scenario || !port || !processInstanceId || !token) {
    fail({ problem: 'usage: CATALOG_ENGINE_TOKEN=… node external_task_client_worker.js ' +
                    '<happy|fail-confirm|retry> <port> <processInstanceId>' });
  }
  const baseUrl = `http://127.0.0.1:${port}/engine-rest`;
  const engine = (path) => engineGet(baseUrl, token, path);
  const camunda = await loadClient();
  const handlers = scenarioHandlers(scenario, camunda, engine);

  // No camunda.logger: it writes to stdout, which carries this worker's lines.
  const client = new camunda.Client({
    baseUrl,
    workerId: `catalog-js-worker-${scenario}`,
    maxTasks: 2,
    asyncResponseTimeout: 2000,
    interval: 20,
    lockDuration: kLockDurationMs,
    interceptors: (config) => ({
      ...config, headers: { ...config.headers, Authorization: `Bearer ${token}` } }),
  });
  client.on('poll:error', (e) => fail({ problem: 'fetchAndLock failed', error: e.message }));
  client.on('handler:error', (e) => fail({ problem: 'a handler failed', error: e.message }));

  const deliveries = {};
  const pending = new Set();
  for (const topic of kTopics) {
    client.subscribe(topic, async (context) => {
      const fetchedAt = Date.now();
      const seen = deliveries[topic] = (deliveries[topic] || 0) + 1;
      const line = describe(context.task, seen, fetchedAt);
      const handled = handlers[topic](context, seen).then(
          (done) => console.log(JSON.stringify({ ...line, ...done })),
          (e) => fail({ problem: `${topic} was refused`, task: line, error: e.message,
                        httpStatusCode: e.httpStatusCode, type: e.type }));
      pending.add(handled);
      await handled;
      pending.delete(handled);
    });
  }

  const deadline = Date.now() + kTimeoutMs;
  while (Date.now() < deadline) {
    const [instance] =
        await engine(`/history/process-instance?processInstanceId=${processInstanceId}`);
    if (!instance) fail({ problem: `no process instance ${processInstanceId}` });
    if (instance.state !== 'ACTIVE') {
      client.stop();
      await Promise.all(pending);  // the last task's line is printed once its answer came
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fail({ problem: `process instance ${processInstanceId} did not end within ${kTimeoutMs} ms`,
         handled: deliveries });
}

main(process.argv.slice(2)).then((code) => process.exit(code),
                                 (e) => fail({ problem: 'worker crashed', error: e.stack }));

#!/usr/bin/env node
// Usage: node bpmn_file_check.js <file.bpmn>   (bpmn-moddle from test/node, e.g. NODE_PATH)
//
// Reads the offering publication saga (SRS §3.2.4, §7) with bpmn-moddle, the model bpmn-js and
// Camunda Modeler load, and checks what both engines and the diagram rely on: no parse warning
// (an unresolved reference is one), the executable process, its external tasks and topics, the
// steps a publication runs, the undo each failure runs, and a complete, non-overlapping
// diagram. Prints one line on success; otherwise every problem on stderr and exit 1.
'use strict';

const fs = require('node:fs');
const { pathToFileURL } = require('node:url');

const kProcessId = 'offering-publication-saga';
const kCamundaNamespace = 'http://camunda.org/schema/1.0/bpmn';
const kErrorCode = 'PublicationFailed';

const kTopics = {
  Task_LockPrices: 'lock-prices',
  Task_ValidateSpecifications: 'validate-specifications',
  Task_CreateStoreEntry: 'create-store-entry',
  Task_ConfirmPublication: 'confirm-publication',
  Task_ReleasePrices: 'unlock-prices',
  Task_DeleteStoreEntry: 'delete-store-entry',
  Task_UnlockPrices: 'unlock-prices',
  Task_RevertOfferingToDraft: 'revert-offering-to-draft',
};

// Every step succeeds: the prices stay locked only until the offering is published.
const kPublishedPath = ['lock-prices', 'validate-specifications', 'create-store-entry',
                        'confirm-publication', 'unlock-prices'];

// A failure undoes exactly the steps already done, one after another, in reverse.
const kUndoAfterFailureOf = {
  'lock-prices': ['revert-offering-to-draft'],
  'validate-specifications': ['unlock-prices', 'revert-offering-to-draft'],
  'create-store-entry': ['unlock-prices', 'revert-offering-to-draft'],
  'confirm-publication': ['delete-store-entry', 'unlock-prices', 'revert-offering-to-draft'],
};
const kUndoWhenSpecificationsInvalid = ['unlock-prices', 'revert-offering-to-draft'];

// bpmn-moddle is an ES module: resolve it the CommonJS way, so NODE_PATH is honoured, then import.
async function loadBpmnModdle() {
  const { BpmnModdle } = await import(pathToFileURL(require.resolve('bpmn-moddle')).href);
  return new BpmnModdle();
}

// Without camunda-bpmn-moddle, camunda:* attributes stay in $attrs under the file's own prefix.
function camundaAttribute(definitions, element, name) {
  const declaration = Object.entries(definitions.$attrs).find(
    ([key, value]) => key.startsWith('xmlns:') && value === kCamundaNamespace);
  if (!declaration) return undefined;
  return element.$attrs[`${declaration[0].slice('xmlns:'.length)}:${name}`];
}

function checkServiceTasks(definitions, saga, problems) {
  const tasks = saga.flowElements.filter((e) => e.$type === 'bpmn:ServiceTask');
  const found = new Set();
  for (const task of tasks) {
    const expected = kTopics[task.id];
    const type = camundaAttribute(definitions, task, 'type');
    const topic = camundaAttribute(definitions, task, 'topic');
    if (!expected) problems.push(`service task ${task.id} is not one of the saga's steps`);
    else if (topic !== expected) problems.push(`${task.id} has topic ${topic}, not ${expected}`);
    if (type !== 'external') problems.push(`${task.id} has camunda:type ${type}, not external`);
    if (!task.name) problems.push(`${task.id} has no name`);
    found.add(task.id);
  }
  for (const id of Object.keys(kTopics)) {
    if (!found.has(id)) problems.push(`service task ${id} is missing`);
  }
  return tasks.length;
}

// Engines follow sourceRef/targetRef, modelers also read <incoming>/<outgoing>: they must agree.
function flowsOf(saga, node, end) {
  return saga.flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow' && e[end] === node);
}

function checkIncomingOutgoing(saga, problems) {
  const ids = (flows) => (flows || []).map((flow) => flow.id).sort().join();
  for (const node of saga.flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow')) {
    if (ids(node.incoming) !== ids(flowsOf(saga, node, 'targetRef')) ||
        ids(node.outgoing) !== ids(flowsOf(saga, node, 'sourceRef'))) {
      problems.push(`${node.id}'s incoming/outgoing differ from the sequence flows that reach it`);
    }
  }
}

// The topics of the tasks from `flow` on, up to an end event, which must be the only way on.
function topicsAlong(definitions, saga, flow, problems) {
  const topics = [];
  for (let node = flow.targetRef; node; node = flowsOf(saga, node, 'sourceRef')[0].targetRef) {
    if (node.$type === 'bpmn:EndEvent') return topics;
    const onwards = flowsOf(saga, node, 'sourceRef').length;
    if (node.$type !== 'bpmn:ServiceTask' || onwards !== 1 || topics.length > 10) {
      problems.push(`the undo path from ${flow.id} does not lead straight to an end event`);
      return topics;
    }
    topics.push(camundaAttribute(definitions, node, 'topic'));
  }
  return topics;
}

function checkUndo(definitions, saga, flow, expected, problems) {
  const topics = topicsAlong(definitions, saga, flow, problems);
  if (topics.join() !== expected.join()) {
    problems.push(`${flow.id} undoes [${topics.join(', ')}], not [${expected.join(', ')}]`);
  }
}

// The service tasks from the start event to an end event when every step succeeds (the
// gateway's conditional flow), or undefined when that path does not lead straight to one.
function publishedPath(saga, problems) {
  const tasks = [];
  let node = saga.flowElements.find((e) => e.$type === 'bpmn:StartEvent');
  for (let steps = 0; node && node.$type !== 'bpmn:EndEvent' && steps < 20; ++steps) {
    if (node.$type === 'bpmn:ServiceTask') tasks.push(node);
    const onwards = flowsOf(saga, node, 'sourceRef');
    const taken = node.$type === 'bpmn:ExclusiveGateway'
        ? onwards.filter((flow) => flow !== node.default) : onwards;
    node = taken.length === 1 ? taken[0].targetRef : undefined;
  }
  if (node?.$type === 'bpmn:EndEvent') return tasks;
  problems.push('the published path does not lead straight to an end event');
  return undefined;
}

function checkPublishedPath(definitions, saga, problems) {
  const tasks = publishedPath(saga, problems);
  if (!tasks) return;
  const topics = tasks.map((task) => camundaAttribute(definitions, task, 'topic'));
  if (topics.join() !== kPublishedPath.join()) {
    problems.push(`the published path runs [${topics.join(', ')}], ` +
                  `not [${kPublishedPath.join(', ')}]`);
    return;
  }
  // The offering is published by then: there is nothing left to undo, a failure is an incident.
  const release = tasks[tasks.length - 1];
  if (saga.flowElements.some(
      (e) => e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef === release)) {
    problems.push(`${release.id} runs once the offering is published: it takes no boundary event`);
  }
}

function checkFailureHandling(definitions, saga, problems) {
  for (const task of saga.flowElements.filter((e) => e.$type === 'bpmn:ServiceTask')) {
    const expected = kUndoAfterFailureOf[kTopics[task.id]];
    if (!expected) continue;
    const boundaries = saga.flowElements.filter(
      (e) => e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef === task);
    const definition = boundaries.length === 1 && boundaries[0].eventDefinitions?.[0];
    if (!definition || definition.$type !== 'bpmn:ErrorEventDefinition' ||
        definition.errorRef?.errorCode !== kErrorCode || boundaries[0].cancelActivity === false) {
      problems.push(`${task.id} needs one interrupting error boundary event for ${kErrorCode}`);
      continue;
    }
    if (camundaAttribute(definitions, definition, 'errorMessageVariable') !== 'failureReason') {
      problems.push(`the error boundary event on ${task.id} does not set failureReason`);
    }
    const onwards = flowsOf(saga, boundaries[0], 'sourceRef');
    if (onwards.length !== 1) {
      problems.push(`the error boundary event on ${task.id} needs exactly one outgoing flow`);
      continue;
    }
    checkUndo(definitions, saga, onwards[0], expected, problems);
  }
  const gateway = saga.flowElements.find((e) => e.$type === 'bpmn:ExclusiveGateway');
  const choices = gateway ? flowsOf(saga, gateway, 'sourceRef') : [];
  if (!gateway?.default || choices.length !== 2 || !choices.includes(gateway.default)) {
    problems.push('the specifications gateway needs a default flow and one conditional flow');
    return;
  }
  const valid = choices.find((flow) => flow !== gateway.default);
  if (valid.conditionExpression?.body !== '${validationResult}') {
    problems.push(`${valid.id} is not taken on \${validationResult}`);
  }
  checkUndo(definitions, saga, gateway.default, kUndoWhenSpecificationsInvalid, problems);
}

function bounds(shape) {
  const { x, y, width, height } = shape.bounds;
  return { left: x, top: y, right: x + width, bottom: y + height };
}

// Strictly inside, so shapes may touch and edges may end on a border.
function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function onBorder(point, box) {
  const inX = point.x >= box.left && point.x <= box.right;
  const inY = point.y >= box.top && point.y <= box.bottom;
  return (inX && (point.y === box.top || point.y === box.bottom)) ||
         (inY && (point.x === box.left || point.x === box.right));
}

function checkShapes(shapes, labels, problems) {
  shapes.forEach((shape, i) => {
    const element = shape.bpmnElement;
    const host = element.$type === 'bpmn:BoundaryEvent' &&
                 shapes.find((s) => s.bpmnElement === element.attachedToRef);
    if (host && (bounds(shape).top + bounds(shape).bottom) / 2 !== bounds(host).bottom) {
      problems.push(`${element.id} is not on the bottom edge of ${host.bpmnElement.id}`);
    }
    for (const other of shapes.slice(i + 1)) {
      if (other === host || other.bpmnElement.attachedToRef === element) continue;
      if (overlaps(bounds(shape), bounds(other))) {
        problems.push(`${element.id} overlaps ${other.bpmnElement.id}`);
      }
    }
    for (const label of labels) {
      if (overlaps(bounds(shape), label.box)) {
        problems.push(`${element.id} covers ${label.of}'s label`);
      }
    }
  });
  labels.forEach((label, i) => {
    for (const other of labels.slice(i + 1)) {
      if (overlaps(label.box, other.box)) {
        problems.push(`${label.of}'s label overlaps ${other.of}'s`);
      }
    }
  });
}

function checkEdge(edge, shapes, labels, problems) {
  const flow = edge.bpmnElement;
  const points = edge.waypoint || [];
  if (points.length < 2) {
    problems.push(`${flow.id} has fewer than two waypoints`);
    return;
  }
  const shapeOf = (element) => shapes.find((s) => s.bpmnElement === element);
  const source = shapeOf(flow.sourceRef);
  const target = shapeOf(flow.targetRef);
  if (!source || !onBorder(points[0], bounds(source))) {
    problems.push(`${flow.id} does not start on the border of ${flow.sourceRef?.id}`);
  }
  if (!target || !onBorder(points[points.length - 1], bounds(target))) {
    problems.push(`${flow.id} does not end on the border of ${flow.targetRef?.id}`);
  }
  for (let i = 1; i < points.length; ++i) {
    const [a, b] = [points[i - 1], points[i]];
    if (a.x !== b.x && a.y !== b.y) problems.push(`${flow.id} has a diagonal segment`);
    const segment = { left: Math.min(a.x, b.x), right: Math.max(a.x, b.x),
                      top: Math.min(a.y, b.y), bottom: Math.max(a.y, b.y) };
    for (const shape of shapes) {
      if (shape !== source && shape !== target && overlaps(segment, bounds(shape))) {
        problems.push(`${flow.id} runs through ${shape.bpmnElement.id}`);
      }
    }
    for (const label of labels) {
      if (overlaps(segment, label.box)) {
        problems.push(`${flow.id} runs through ${label.of}'s label`);
      }
    }
  }
}

function checkDiagram(definitions, saga, problems) {
  const plane = definitions.diagrams?.[0]?.plane;
  if (!plane || plane.bpmnElement !== saga) {
    problems.push(`no BPMN diagram shows ${kProcessId}`);
    return;
  }
  const shapes = plane.planeElement.filter((e) => e.$type === 'bpmndi:BPMNShape' && e.bpmnElement);
  const edges = plane.planeElement.filter((e) => e.$type === 'bpmndi:BPMNEdge' && e.bpmnElement);
  const labels = [...shapes, ...edges].filter((e) => e.label?.bounds)
      .map((e) => ({ of: e.bpmnElement.id, box: bounds(e.label) }));
  for (const element of saga.flowElements) {
    const drawn = element.$type === 'bpmn:SequenceFlow' ? edges : shapes;
    if (!drawn.some((d) => d.bpmnElement === element)) {
      problems.push(`${element.id} has no ${drawn === edges ? 'edge' : 'shape'} in the diagram`);
    }
  }
  checkShapes(shapes, labels, problems);
  for (const edge of edges) checkEdge(edge, shapes, labels, problems);
}

async function main(file) {
  const moddle = await loadBpmnModdle();
  const xml = fs.readFileSync(file, 'utf8');
  const { rootElement: definitions, warnings } = await moddle.fromXML(xml);
  const problems = warnings.map((warning) => `parse warning: ${warning.message}`);
  const saga = definitions.rootElements.find((e) => e.id === kProcessId);
  if (!saga || saga.$type !== 'bpmn:Process' || saga.isExecutable !== true) {
    problems.push(`no executable process ${kProcessId}`);
  } else {
    const taskCount = checkServiceTasks(definitions, saga, problems);
    checkIncomingOutgoing(saga, problems);
    checkPublishedPath(definitions, saga, problems);
    checkFailureHandling(definitions, saga, problems);
    checkDiagram(definitions, saga, problems);
    const flowCount = saga.flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow').length;
    if (problems.length === 0) {
      console.log(`${file}: valid BPMN 2.0, process ${kProcessId} with ${taskCount} external ` +
                  `tasks and ${flowCount} sequence flows, all drawn`);
      return 0;
    }
  }
  for (const problem of problems) console.error(`${file}: ${problem}`);
  return 1;
}

if (process.argv.length !== 3) {
  console.error('usage: node bpmn_file_check.js <file.bpmn>');
  process.exit(2);
}
main(process.argv[2]).then((code) => process.exit(code), (error) => {
  console.error(`${process.argv[2]}: ${error.message}`);
  process.exit(1);
});

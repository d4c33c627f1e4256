-- BPMN compensation: a completed task with a compensation handler leaves a subscription; a
-- compensation throw turns the instance's subscriptions into handler tasks (latest completion
-- first) and waits until every one of them is done.
CREATE TABLE engine_compensation_subscriptions (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  handler_id TEXT NOT NULL,
  sequence BIGINT NOT NULL
);
CREATE INDEX engine_compensation_subscriptions_instance
  ON engine_compensation_subscriptions (instance_id);

CREATE TABLE engine_compensation_waits (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  remaining INTEGER NOT NULL
);

ALTER TABLE engine_external_tasks ADD COLUMN compensation_wait_id TEXT;

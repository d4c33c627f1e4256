-- The embedded workflow engine's own tables (Camunda 7's model, reduced to what external-task
-- sagas need). Times are UTC ISO-8601 text, which sorts in time order.

CREATE TABLE engine_deployments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT,
  deployed_at TEXT NOT NULL
);

-- One row per deployed version of a process; the XML is parsed again when the engine starts.
CREATE TABLE engine_process_definitions (
  id TEXT PRIMARY KEY,
  process_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  version_tag TEXT,
  resource TEXT NOT NULL,
  deployment_id TEXT NOT NULL,
  xml TEXT NOT NULL,
  UNIQUE (process_key, version)
);

-- state: ACTIVE, COMPLETED, EXTERNALLY_TERMINATED (Camunda's HistoricProcessInstance states).
CREATE TABLE engine_process_instances (
  id TEXT PRIMARY KEY,
  definition_id TEXT NOT NULL,
  process_key TEXT NOT NULL,
  business_key TEXT,
  state TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT,
  start_activity_id TEXT NOT NULL,
  end_activity_id TEXT
);
CREATE INDEX engine_process_instances_business_key ON engine_process_instances (business_key);

-- Process variables, typed as the REST API types them: value is the JSON text of the value.
CREATE TABLE engine_variables (
  instance_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  value_info TEXT NOT NULL,
  PRIMARY KEY (instance_id, name)
);

-- Open external tasks: the only wait states. A task is fetchable while it is not locked (or
-- its lock expired) and its retries are null or above zero.
CREATE TABLE engine_external_tasks (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  activity_instance_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  priority BIGINT NOT NULL,
  worker_id TEXT,
  lock_expiration_time TEXT,
  retries INTEGER,
  error_message TEXT,
  error_details TEXT,
  create_time TEXT NOT NULL,
  sequence INTEGER NOT NULL
);
CREATE INDEX engine_external_tasks_topic ON engine_external_tasks (topic, lock_expiration_time);
CREATE INDEX engine_external_tasks_instance ON engine_external_tasks (instance_id);

-- Every activity a token passed through, in order (Camunda's historic activity instances).
CREATE TABLE engine_activity_instances (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  activity_name TEXT NOT NULL,
  activity_type TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT,
  canceled INTEGER NOT NULL,
  sequence INTEGER NOT NULL
);
CREATE INDEX engine_activity_instances_instance ON engine_activity_instances (instance_id, sequence);

-- failedExternalTask incidents: open while resolved_at is null.
CREATE TABLE engine_incidents (
  id TEXT PRIMARY KEY,
  instance_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  external_task_id TEXT NOT NULL,
  message TEXT NOT NULL,
  create_time TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX engine_incidents_instance ON engine_incidents (instance_id);

-- Orders rows created in one engine: activity instances and tasks carry the next value.
CREATE TABLE engine_sequence (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO engine_sequence (name, value) VALUES ('engine', 0);

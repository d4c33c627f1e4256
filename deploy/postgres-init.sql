-- The fleet's databases on one PostgreSQL server: one per context, and the workflow engine's.
-- Run once by the postgres image on an empty data directory (compose.yaml).
CREATE DATABASE identity;
CREATE DATABASE characteristic;
CREATE DATABASE specification;
CREATE DATABASE pricing;
CREATE DATABASE offering;
CREATE DATABASE store;
CREATE DATABASE engine;

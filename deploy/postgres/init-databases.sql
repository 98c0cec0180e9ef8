-- Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d),
-- as POSTGRES_USER. One database per service; each service creates its own schema (named
-- after it) inside and migrates it at start. The services connect as POSTGRES_USER, which
-- owns these databases. For separate roles per service in production, create them here
-- (or with your provisioning tool) and give each service only its own database.
CREATE DATABASE kp_participants;
CREATE DATABASE kp_certificates;
CREATE DATABASE kp_shipments;
CREATE DATABASE kp_verification;
CREATE DATABASE kp_reform;
CREATE DATABASE kp_monitoring;

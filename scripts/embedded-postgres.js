#!/usr/bin/env node
// Runs the platform's embedded PostgreSQL on its own, for tests on a machine that has
// no PostgreSQL server: prints `DATABASE_URL=...` once ready, stops on SIGTERM/SIGINT.
// Usage: node scripts/embedded-postgres.js [dataDir] [port]   (after `npm run build`)
const { startEmbeddedPostgres } = require('../dist/libs/kernel/src/database/embedded-postgres.js');

const dataDir = process.argv[2] || process.env.KP_TEST_PG_DIR || '/tmp/kp-test-postgres';
const port = Number(process.argv[3] || process.env.KP_TEST_PG_PORT || 54339);

startEmbeddedPostgres(dataDir, port).then(
  (db) => {
    console.log(`DATABASE_URL=${db.url}`);
    const stop = () => db.stop().finally(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

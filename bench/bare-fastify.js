'use strict';
// The baseline of `npm run bench`: bare Fastify (the same fastify package NestJS runs on,
// resolved through @nestjs/platform-fastify) answering GET /api/v1/verify/:number with a
// real verification answer captured from the platform in the same run: same route shape,
// same JSON, same size, serialised on every request like any route returning an object.
// No auth, no database, no validation: the ceiling of a Node.js HTTP server on this machine.
//
//   node bench/bare-fastify.js <port> <answer.json>
// Prints `listening <port>` on stdout once it accepts connections; SIGTERM stops it.
const { readFileSync } = require('node:fs');

const fastifyPath = require.resolve('fastify', { paths: [require.resolve('@nestjs/platform-fastify')] });
const fastify = require(fastifyPath)({ logger: false });
const port = Number(process.argv[2]);
const answer = JSON.parse(readFileSync(process.argv[3], 'utf8'));

fastify.get('/api/v1/verify/:certificateNumber', async () => answer);

fastify.listen({ port, host: '127.0.0.1' }).then(
  () => process.stdout.write(`listening ${port} fastify ${require(fastifyPath.replace(/fastify\.js$/, 'package.json')).version}\n`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => fastify.close().then(() => process.exit(0)));

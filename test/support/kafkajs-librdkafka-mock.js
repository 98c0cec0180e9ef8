// Test-only shim, loaded with `node --require` into service processes that talk to the
// librdkafka mock cluster (never into production). The mock (librdkafka 2.0.2) advertises
// ControllerId=0 while its brokers are numbered 1..N, so kafkajs's controller requests
// (the idempotent producer's InitProducerId, admin calls) fail with "Broker 0 not found".
// Any broker of the mock answers them, so route them to the first known broker.
const Cluster = require('kafkajs/src/cluster');

if (!Cluster.prototype.findControllerBroker.kpMockPatched) {
  const original = Cluster.prototype.findControllerBroker;
  const patched = async function findControllerBroker() {
    const metadata = this.brokerPool && this.brokerPool.metadata;
    if (
      metadata &&
      Array.isArray(metadata.brokers) &&
      metadata.brokers.length > 0 &&
      !metadata.brokers.some((broker) => broker.nodeId === metadata.controllerId)
    ) {
      return this.findBroker({ nodeId: metadata.brokers[0].nodeId });
    }
    return original.call(this);
  };
  patched.kpMockPatched = true;
  Cluster.prototype.findControllerBroker = patched;
}

import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'shipments';

export class Shipments1764350000000 implements MigrationInterface {
  name = 'Shipments1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".shipment (
        id uuid PRIMARY KEY,
        certificate_number text NOT NULL,
        exporting_participant char(2) NOT NULL,
        importing_participant char(2) NOT NULL,
        seals jsonb NOT NULL,
        carrier text,
        transit jsonb NOT NULL,
        status text NOT NULL,
        live boolean NOT NULL,
        dispatched_by text NOT NULL,
        dispatched_at timestamptz NOT NULL,
        arrived_at timestamptz,
        delivered_at timestamptz,
        overdue_reported_at timestamptz
      )`);
    await q.query(`CREATE INDEX shipment_certificate ON "${S}".shipment (certificate_number)`);
    // One live shipment per certificate: a second dispatch is a conflict, also under concurrency.
    await q.query(`CREATE UNIQUE INDEX shipment_one_live ON "${S}".shipment (certificate_number) WHERE live`);
    await q.query(`
      CREATE TABLE "${S}".border_event (
        id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES "${S}".shipment (id),
        type text NOT NULL,
        participant char(2) NOT NULL,
        recorded_by text NOT NULL,
        at timestamptz NOT NULL,
        seal_intact boolean,
        measured_carats numeric(14,2),
        parcels_counted int,
        remarks text,
        findings jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX border_event_shipment ON "${S}".border_event (shipment_id, at)`);
    await q.query(`
      CREATE TABLE "${S}".known_certificate (
        certificate_number text PRIMARY KEY,
        exporting_participant char(2) NOT NULL,
        importing_participant char(2) NOT NULL,
        carats numeric(14,2) NOT NULL,
        parcels int NOT NULL,
        status text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".known_participant (
        code char(2) PRIMARY KEY,
        name text NOT NULL,
        importing_endpoint text
      )`);
    await q.query(`
      CREATE TABLE "${S}".notification_delivery (
        id uuid PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES "${S}".shipment (id),
        kind text NOT NULL,
        recipient char(2) NOT NULL,
        endpoint text,
        payload jsonb NOT NULL,
        status text NOT NULL,
        attempts int NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX notification_delivery_shipment ON "${S}".notification_delivery (shipment_id)`);
    await q.query(`CREATE INDEX notification_delivery_pending ON "${S}".notification_delivery (created_at) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notification_delivery', 'known_participant', 'known_certificate', 'border_event', 'shipment']) {
      await q.query(`DROP TABLE "${S}".${table}`);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, forbidden, notFound } from '@kp/kernel';
import { BorderEventOrmEntity } from '../infrastructure/border-event.orm-entity';
import { NotificationDeliveryOrmEntity } from '../infrastructure/notification-delivery.orm-entity';
import { ShipmentOrmEntity } from '../infrastructure/shipment.orm-entity';
import { SHIPMENTS } from '../shipments.constants';
import { borderEventView, deliveryView, shipmentView } from './shipment.view';

/** A shipment with its border events and notice deliveries, for the participants on its route and the secretariat. */
@Injectable()
export class GetShipmentHandler {
  constructor(@InjectDataSource(SHIPMENTS) private readonly dataSource: DataSource) {}

  async execute(user: AuthenticatedUser, id: string) {
    const shipment = await this.dataSource.getRepository(ShipmentOrmEntity).findOneBy({ id });
    if (!shipment) throw notFound('SHIPMENT_NOT_FOUND', `No shipment ${id}.`);
    const onRoute = [shipment.exportingParticipant, shipment.importingParticipant, ...shipment.transit];
    if (!user.roles.includes('secretariat') && !(user.participant && onRoute.includes(user.participant))) {
      throw forbidden('NOT_ON_ROUTE', 'Only the participants on the route and the secretariat may read this shipment.');
    }
    const [events, deliveries] = await Promise.all([
      this.dataSource.getRepository(BorderEventOrmEntity).find({ where: { shipmentId: id }, order: { at: 'ASC' } }),
      this.dataSource.getRepository(NotificationDeliveryOrmEntity).find({ where: { shipmentId: id }, order: { createdAt: 'ASC' } }),
    ]);
    return { ...shipmentView(shipment), events: events.map(borderEventView), notifications: deliveries.map(deliveryView) };
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kp/kernel';
import { DispatchShipmentHandler } from '../application/dispatch-shipment.handler';
import { GetShipmentHandler } from '../application/get-shipment.handler';
import { RecordBorderEventHandler } from '../application/record-border-event.handler';
import { BorderEventRequestDto, DispatchShipmentRequestDto } from './shipment.request.dto';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('api/v1/shipments')
export class ShipmentsHttpController {
  constructor(
    private readonly dispatch: DispatchShipmentHandler,
    private readonly record: RecordBorderEventHandler,
    private readonly get: GetShipmentHandler,
  ) {}

  @Post()
  @Roles('issuing_officer')
  dispatchShipment(@CurrentUser() user: AuthenticatedUser, @Body() body: DispatchShipmentRequestDto) {
    return this.dispatch.execute(user, body);
  }

  @Get(':id')
  @Roles('issuing_officer', 'customs_officer', 'secretariat')
  getShipment(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.get.execute(user, id);
  }

  @Post(':id/events')
  @Roles('customs_officer')
  recordEvent(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: BorderEventRequestDto) {
    return this.record.execute(user, id, body);
  }
}

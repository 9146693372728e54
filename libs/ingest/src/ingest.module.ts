import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RecordEventsHandler } from './commands/record-events.handler';
import { EventsController } from './http/events.controller';

@Module({
  imports: [CqrsModule],
  controllers: [EventsController],
  providers: [RecordEventsHandler],
})
export class IngestModule {}

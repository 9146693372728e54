import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { OpenApiDocumentHolder } from './openapi';

@Module({ controllers: [HealthController], providers: [OpenApiDocumentHolder], exports: [OpenApiDocumentHolder] })
export class OperationsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionTree } from '../access/organisation';
import { AuditModule } from '../audit/audit.module';
import { Region } from './region.entity';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Region]), AuditModule],
  providers: [RegionsService, { provide: RegionTree, useExisting: RegionsService }],
  controllers: [RegionsController],
  exports: [RegionsService, RegionTree],
})
export class RegionsModule {}

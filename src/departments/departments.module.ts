import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentDirectory } from '../access/organisation';
import { AuditModule } from '../audit/audit.module';
import { RegionsModule } from '../regions/regions.module';
import { Department } from './department.entity';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';

@Module({
  imports: [TypeOrmModule.forFeature([Department]), RegionsModule, AuditModule],
  providers: [DepartmentsService, { provide: DepartmentDirectory, useExisting: DepartmentsService }],
  controllers: [DepartmentsController],
  exports: [DepartmentsService, DepartmentDirectory],
})
export class DepartmentsModule {}

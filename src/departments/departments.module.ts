import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentDirectory } from '../access/organisation';
import { AuditModule } from '../audit/audit.module';
import { RegionsModule } from '../regions/regions.module';
import { Department } from './department.entity';
import { DepartmentsController } from './departments.controller';
import { DepartmentsService } from './departments.service';
import { ContactsService } from './contacts.service';
import { OfficeMailbox } from './office-mailbox.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Department, OfficeMailbox]), RegionsModule, AuditModule],
  providers: [
    DepartmentsService,
    ContactsService,
    { provide: DepartmentDirectory, useExisting: DepartmentsService },
  ],
  controllers: [DepartmentsController],
  exports: [DepartmentsService, ContactsService, DepartmentDirectory],
})
export class DepartmentsModule {}

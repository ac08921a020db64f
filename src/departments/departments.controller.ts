import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../access/access.decorators';
import { ListDepartmentsQuery } from './departments.dto';
import { type DepartmentView, DepartmentsService } from './departments.service';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  /** Departments of one region (`?region=640100`), or all; names are not confidential. */
  @Get()
  @Authenticated()
  list(@Query() query: ListDepartmentsQuery): Promise<DepartmentView[]> {
    return this.departments.list({ regionCode: query.region });
  }
}

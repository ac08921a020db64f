import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../access/access.decorators';
import type { Region } from './region.entity';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** Every division, in code order (a small table: the tree is rebuilt client-side from parentCode). */
  @Get()
  @Authenticated()
  list(): Promise<Region[]> {
    return this.regions.list();
  }
}

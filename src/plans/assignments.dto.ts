import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class MyAssignmentsQuery {
  @ApiPropertyOptional({
    description: 'also list assignments of items a re-import cancelled',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean()
  includeCancelled?: boolean;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class ListDepartmentsQuery {
  @ApiPropertyOptional({ description: '6-digit region code', example: '640100' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'region must be a 6-digit region code' })
  region?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateTransformRunDto {
  @ApiPropertyOptional({
    description: 'dbt-style selector: name, name+ (with descendants), +name (with ancestors); several separated by commas',
    example: 'fct_plays+',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[+a-z0-9_,\s]*$/, { message: 'select must be model names with optional + (e.g. "fct_plays+")' })
  select?: string;

  @ApiPropertyOptional({ description: 'Rebuild every selected model from scratch', example: false, default: false })
  @IsOptional()
  @IsBoolean({ message: 'fullRefresh must be a boolean' })
  fullRefresh?: boolean;
}

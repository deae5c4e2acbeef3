import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const NOT_BLANK = /\S/;

/** Body of POST /tax-mappings. */
export class CreateTaxMappingDto {
  /** The tax line title as the channel sends it. Matching ignores case. */
  @IsString()
  @Matches(NOT_BLANK, { message: 'channelTitle must not be blank' })
  @MaxLength(255)
  channelTitle: string;

  /** Compared by value, so "0.1" and "0.10" are the same rate. */
  @IsString()
  @Matches(/^\d+(\.\d+)?$/, {
    message: 'rate must be a non-negative decimal string such as "0.08875"',
  })
  @MaxLength(32)
  rate: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'taxCode must not be blank' })
  @MaxLength(255)
  taxCode: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'jurisdiction must not be blank' })
  @MaxLength(255)
  jurisdiction: string;

  @IsString()
  @Matches(NOT_BLANK, { message: 'liabilityAccount must not be blank' })
  @MaxLength(255)
  liabilityAccount: string;

  /** Rate-table region, kept for reference. Matching ignores it. */
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'region must not be blank' })
  @MaxLength(255)
  region?: string;
}

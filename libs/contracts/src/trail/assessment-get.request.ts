import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { TaxAssessment } from '../tax/order-tax-assessed.event.js';
import { Nested } from '../validation/decorators.js';

/** Asks the tax service for the latest assessment of an order, for its trail. */
export class AssessmentGetRequest {
  @IsUUID()
  orderId: string;
}

export class AssessmentGetReply {
  @IsUUID()
  orderId: string;

  @IsInt()
  @Min(1)
  orderVersion: number;

  @IsISO8601({ strict: true })
  assessedAt: string;

  @IsOptional()
  @IsString()
  traceId?: string;

  @Nested(() => TaxAssessment)
  assessment: TaxAssessment;
}

import { ValidationPipe } from '@nestjs/common';

/**
 * Validates request bodies and queries against their DTO classes, rejects unknown properties
 * with 400 and converts query strings to the DTO's number fields.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
}

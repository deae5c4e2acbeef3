import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@retail-sync/messaging';
import type { TaxCodeMapping } from '../assessment/tax-configuration.js';
import { TaxCodeMappingRepository } from './tax-code-mapping.repository.js';

/**
 * Reads the tax code mappings once per unit of work, that is once per consumer batch or replay.
 * Every order in a batch is assessed with the same mappings, and a mapping added through the API applies
 * from the next batch or replay on, in every instance.
 */
@Injectable()
export class TaxMappingSnapshots {
  private readonly snapshots = new WeakMap<UnitOfWork, Promise<TaxCodeMapping[]>>();

  constructor(private readonly mappings: TaxCodeMappingRepository) {}

  forUnitOfWork(unitOfWork: UnitOfWork): Promise<TaxCodeMapping[]> {
    let snapshot = this.snapshots.get(unitOfWork);
    if (snapshot === undefined) {
      snapshot = this.mappings.findAll(unitOfWork.manager);
      this.snapshots.set(unitOfWork, snapshot);
    }

    return snapshot;
  }
}

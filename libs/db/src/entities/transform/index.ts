import { ModelState, ModelVersion, TransformRun, TransformRunModel, TransformTestResult } from './ledger.entity';

export * from './ledger.entity';

export const TRANSFORM_ENTITIES = [ModelVersion, ModelState, TransformRun, TransformRunModel, TransformTestResult];

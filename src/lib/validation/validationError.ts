import { errors } from '@strapi/utils';
import type { Violation } from './violation';

/** Strapi's own 400 shape: `error.details.errors[]` with the path of each field, as its schema checks give. */
export const validationError = (violations: Violation[]): InstanceType<typeof errors.ValidationError> => {
  const message = violations.length === 1 ? violations[0].message : `${violations.length} errors occurred`;
  return new errors.ValidationError(message, {
    errors: violations.map((violation) => ({ ...violation, name: 'ValidationError' })),
  });
};

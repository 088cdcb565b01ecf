export * from './iso-date';
export * from './iso-date-schema';
export * from './china-time';
export * from './errors';
export * from './overrides';
export * from './working-days';
export * from './review-steps';
export { PACKAGE_NAME_AND_VERSION as CALENDAR_DATA_PACKAGE } from './package-data';

export * from './parse-id-number';
export { mod11_2CheckChar } from './mod11-2';
export { PROVINCE_CODES } from './regions';

// ID card reading for check-in (R11.1): drivers behind one interface, the
// GA 467 text-block decoder, manual entry, and a simulator for tests and demo.
export type { IdCardData, IdDocumentKind, Sex, ValidTo, CardValidity } from './card-data';
export type { IdCardReader, ReaderEvent, ReaderState, ReadOptions } from './reader';
export { IdCardError, isIdCardError } from './errors';
export type { IdCardErrorCode } from './errors';
export { DriverRegistry } from './driver-registry';
export type { DriverFactory, DriverSettings } from './driver-registry';
export { createDefaultDriverRegistry } from './default-drivers';
export { Ga467SerialReader, GA467_SERIAL_DRIVER } from './serial/ga467-serial-reader';
export type { Ga467SerialOptions } from './serial/ga467-serial-reader';
export type { PortFactory, SerialPortLike } from './serial/serial-port';
export { decodeTextBlock } from './text/decode-text-block';
export type { DecodeResult, DecodedCard, TextBlockProblem } from './text/decode-text-block';
export { nationLabel, NATION_CODES } from './text/nation-codes';
export { describeSw3, SW3 } from './status-codes';
export type { StatusInfo, StatusCategory } from './status-codes';
export { checkValidity } from './validity';
export { validateManualEntry, ageOn } from './manual-entry';
export type { ManualEntryInput, ManualEntryResult, ManualEntryProblem, ManualDocumentKind } from './manual-entry';

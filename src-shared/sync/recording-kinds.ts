// The files of one recording that travel to the central store: the sealed
// segments, the archive, its chapters side-car and the signed manifest that lists them all.
export const RECORDING_FILE_KINDS = ['segment', 'archive', 'chapters', 'manifest'] as const;
export type RecordingFileKind = (typeof RECORDING_FILE_KINDS)[number];
export const RECORDING_FILE_KINDS_RULE = '须为 segment、archive、chapters 或 manifest';

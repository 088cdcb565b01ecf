// The idle screen's masking of names (shared with main, which masks them before they leave).
export { maskName } from '../../src-shared/privacy/mask-name';

// The header reader the packaging trusts to refuse a binary built for another CPU: real ELF
// files of this machine, and ELF and PE headers for the other targets built byte by byte.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { expectedHeader, headerProblem, readBinaryHeader, targetName } from '../../../scripts/build/binary-arch';

/** A minimal ELF64 little-endian header with one program header of the given type. */
function elf64(machine: number, programHeaderType: number | null): Uint8Array {
  const bytes = new Uint8Array(0x40 + 0x38);
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  view.setUint16(0x12, machine, true);
  view.setBigUint64(0x20, 0x40n, true);
  view.setUint16(0x36, 0x38, true);
  view.setUint16(0x38, programHeaderType === null ? 0 : 1, true);
  if (programHeaderType !== null) view.setUint32(0x40, programHeaderType, true);
  return bytes;
}

/** A minimal PE: the MZ stub pointing at "PE\0\0" and the COFF machine. */
function pe(machine: number): Uint8Array {
  const bytes = new Uint8Array(0x100);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4d, 0x5a], 0);
  view.setUint32(0x3c, 0x80, true);
  view.setUint32(0x80, 0x00004550, true);
  view.setUint16(0x84, machine, true);
  return bytes;
}

describe('readBinaryHeader', () => {
  test('this machine: Node itself is a dynamically linked ELF of its own CPU', () => {
    const header = readBinaryHeader(new Uint8Array(readFileSync(process.execPath).subarray(0, 64 * 1024)));
    expect(header).toEqual({ format: 'elf', arch: process.arch, dynamic: true });
  });

  test.each([
    [0x3e, 'x64'],
    [0xb7, 'arm64'],
    [0x28, 'arm'],
    [0x102, 'loong64'],
    [0x1234, 'elf-machine-0x1234'],
  ])('ELF e_machine 0x%s is %s', (machine, arch) => {
    expect(readBinaryHeader(elf64(machine, null)).arch).toBe(arch);
  });

  test('a PT_INTERP program header means dynamically linked; none means static', () => {
    expect(readBinaryHeader(elf64(0xb7, 3)).dynamic).toBe(true);
    expect(readBinaryHeader(elf64(0xb7, 1)).dynamic).toBe(false);
    expect(readBinaryHeader(elf64(0xb7, null)).dynamic).toBe(false);
  });

  test.each([
    [0x8664, 'x64'],
    [0xaa64, 'arm64'],
    [0x014c, 'ia32'],
  ])('PE machine 0x%s is %s', (machine, arch) => {
    expect(readBinaryHeader(pe(machine))).toEqual({ format: 'pe', arch });
  });

  test('anything else is unknown, including a truncated or lying MZ header', () => {
    expect(readBinaryHeader(new TextEncoder().encode('#!/bin/sh\necho hi\n'))).toEqual({ format: 'unknown', arch: null });
    expect(readBinaryHeader(new Uint8Array([0x7f, 0x45, 0x4c]))).toEqual({ format: 'unknown', arch: null });
    const liar = pe(0x8664);
    new DataView(liar.buffer).setUint32(0x3c, 0xfff0, true);
    expect(readBinaryHeader(liar)).toEqual({ format: 'unknown', arch: null });
  });
});

describe('headerProblem', () => {
  test('the right format and CPU pass', () => {
    expect(headerProblem(readBinaryHeader(elf64(0xb7, 3)), { platform: 'linux', arch: 'arm64' })).toBeNull();
    expect(headerProblem(readBinaryHeader(pe(0x8664)), { platform: 'win32', arch: 'x64' })).toBeNull();
  });

  test('an x64 addon in an arm64 package, or a Linux binary in a Windows one, is named', () => {
    expect(headerProblem(readBinaryHeader(elf64(0x3e, 3)), { platform: 'linux', arch: 'arm64' })).toContain(
      'elf x64; expected elf arm64',
    );
    expect(headerProblem(readBinaryHeader(elf64(0x3e, 3)), { platform: 'win32', arch: 'x64' })).toContain('expected pe x64');
    expect(headerProblem({ format: 'unknown', arch: null }, { platform: 'linux', arch: 'x64' })).toContain(
      'not an ELF or PE binary',
    );
  });

  test('targets are named as electron-builder names them; macOS is not a target', () => {
    expect(targetName({ platform: 'win32', arch: 'x64' })).toBe('win32-x64');
    expect(expectedHeader({ platform: 'linux', arch: 'armv7l' })).toEqual({ format: 'elf', arch: 'arm' });
    expect(() => expectedHeader({ platform: 'darwin', arch: 'arm64' })).toThrow(/unsupported/);
  });
});

// GB/T 2261.1-2003 个人基本信息分类与代码 第1部分：人的性别代码.
import type { Sex } from '../card-data';

const SEXES: Readonly<Record<string, { sex: Sex; label: string }>> = {
  '0': { sex: 'unknown', label: '未知' },
  '1': { sex: 'male', label: '男' },
  '2': { sex: 'female', label: '女' },
  '9': { sex: 'unspecified', label: '未说明' },
};

export function sexFromCode(code: string): { sex: Sex; label: string } | null {
  return SEXES[code] ?? null;
}

export function sexCode(sex: Sex): string {
  return sex === 'male' ? '1' : sex === 'female' ? '2' : sex === 'unknown' ? '0' : '9';
}

export function sexLabel(sex: Sex): string {
  return SEXES[sexCode(sex)]?.label ?? '未说明';
}

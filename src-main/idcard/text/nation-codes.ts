// GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码: the 56 ethnic groups,
// plus the two codes the ID card uses for others. Labels are as printed on the
// card (民族 汉), without the trailing 族.
const NATIONS: readonly string[] = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
];

const OTHERS: Readonly<Record<string, string>> = {
  '97': '其他',
  '98': '外国血统中国籍人士',
};

/** Two-digit code → label, e.g. '01' → '汉'; null for codes outside the table. */
export function nationLabel(code: string): string | null {
  if (!/^\d{2}$/.test(code)) return null;
  const other = OTHERS[code];
  if (other !== undefined) return other;
  return NATIONS[Number(code) - 1] ?? null;
}

export const NATION_CODES: readonly string[] = [...NATIONS.map((_, i) => String(i + 1).padStart(2, '0')), ...Object.keys(OTHERS)];

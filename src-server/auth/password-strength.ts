// Password strength (zxcvbn): a password must score at least 3 of 4, i.e. take
// an attacker with the hashes more than about 10^8 guesses. Set up once; the
// check is bounded (the first 64 characters, few l33t substitutions) so it
// costs milliseconds, well below the argon2 hash that follows it.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { TranslationKeys } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_SCORE = 3;

const zhCN: TranslationKeys = {
  warnings: {
    straightRow: '键盘上同一行的连续按键',
    keyPattern: '键盘上的简单按键路线',
    simpleRepeat: '重复的字符（如 aaa）',
    extendedRepeat: '重复的字符组合（如 abcabcabc）',
    sequences: '常见的字符序列（如 abc、123）',
    recentYears: '近年的年份',
    dates: '日期',
    topTen: '最常用的密码之一',
    topHundred: '很常用的密码',
    common: '常用密码',
    similarToCommon: '与常用密码相似',
    wordByItself: '单个词语',
    namesByThemselves: '单独的姓名',
    commonNames: '常见的姓名',
    userInputs: '与个人信息或本网站有关的内容',
    pwned: '已在数据泄露中出现过',
  },
  suggestions: {
    l33t: '用相似的数字或符号替换字母（如 @ 代 a）并不能增加多少难度',
    reverseWords: '把常用词倒过来写并不能增加多少难度',
    allUppercase: '只在部分字母用大写',
    capitalization: '大写字母不要只放在开头',
    dates: '不要用与自己有关的日期',
    recentYears: '不要用近年的年份',
    associatedYears: '不要用与自己有关的年份',
    sequences: '不要用常见的字符序列',
    repeated: '不要重复词语或字符',
    longerKeyboardPattern: '不要用键盘上的按键路线',
    anotherWord: '多加几个不常见的词',
    useWords: '用几个词组成一句不常见的话',
    noNeed: '不必用符号、数字或大写字母，长而不常见的一句话也可以',
    pwned: '如在别处用过此密码，请一并更换',
  },
  timeEstimation: {
    ltSecond: '不到一秒',
    second: '1 秒',
    seconds: '{base} 秒',
    minute: '1 分钟',
    minutes: '{base} 分钟',
    hour: '1 小时',
    hours: '{base} 小时',
    day: '1 天',
    days: '{base} 天',
    month: '1 个月',
    months: '{base} 个月',
    year: '1 年',
    years: '{base} 年',
    centuries: '数百年',
  },
};

let factory: ZxcvbnFactory | undefined;
const estimator = (): ZxcvbnFactory =>
  (factory ??= new ZxcvbnFactory({
    dictionary: { ...dictionary },
    graphs: adjacencyGraphs,
    translations: zhCN,
    maxLength: 64,
    l33tMaxSubstitutions: 10,
  }));

/** Why the password is too easy to guess (zh-CN), or null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: readonly string[] = []): string | null {
  const result = estimator().check(password, [...userInputs]);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ?? '容易被猜到的组合';
  const advice = result.feedback.suggestions.join('；');
  return `密码太容易被猜到：${why}${advice ? `。建议：${advice}` : ''}`;
}

import { defineMessages } from '../define';

/** The calendar module's messages (errors, notes, sentences), keyed `calendar.*`. */
export const calendarMessages = defineMessages(
  {
    'calendar.not_a_date_line': '无法识别的日期：“{line}”',
    'calendar.bad_range': '日期范围无效：“{line}”',
    'calendar.day_not_in_year': '{day} 不在 {year} 年内',
    'calendar.workday_not_weekend': '{day} 不是周末，无需调休上班',
    'calendar.holiday_and_workday': '{day} 同时列为放假和调休上班',
    'calendar.no_dates': '没有填写任何日期',
    'calendar.year_invalid': '年份无效（{year}）',
    'calendar.year_not_four_digits': '年份应为四位数字（{year}）',
    'calendar.date_invalid': '日期格式应为“年-月-日”，如 2027-01-01（{date}）',
    'calendar.notice_invalid': '节假日安排有 {count} 处错误：{first}',
  },
  {
    'calendar.not_a_date_line': 'Not a date or range: "{line}"',
    'calendar.bad_range': 'Bad range: "{line}"',
    'calendar.day_not_in_year': '{day} is not in {year}',
    'calendar.workday_not_weekend': '{day} is a weekday: a make-up working day is a weekend day',
    'calendar.holiday_and_workday': '{day} is listed as both a holiday and a working day',
    'calendar.no_dates': 'No dates given',
    'calendar.year_invalid': 'Not a year: {year}',
    'calendar.year_not_four_digits': 'A year has four digits: {year}',
    'calendar.date_invalid': 'Not a date YYYY-MM-DD, e.g. 2027-01-01: {date}',
    'calendar.notice_invalid': 'The schedule has {count} problem(s): {first}',
  },
);

import { defineMessages } from '../define';

/** The web module's messages (page notes, form errors), keyed `web.*`. */
export const webMessages = defineMessages(
  {
    'web.request_id': '请求编号：{id}',
    'web.not_a_year': '年份应为四位数字，“{year}”不是年份',
  },
  {
    'web.request_id': 'request id: {id}',
    'web.not_a_year': 'Not a year: {year}',
  },
);

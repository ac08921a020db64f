import { defineMessages } from '../define';

/** Messages shared by every module: generic failures, the request's own faults. */
export const commonMessages = defineMessages(
  {
    'common.internal': '服务器内部错误',
    'common.bad_request': '请求无效：{reason}',
    'common.not_found_path': '未找到：{path}',
    'common.invalid_request': '请求数据无效：{summary}',
    'common.db.nul': '文本含有无法保存的空字符',
    'common.db.bad_char': '文本含有无法保存的字符',
    'common.db.missing_ref': '引用的记录不存在',
    'common.db.too_long': '文本过长',
    'common.mail_not_found': '没有这封邮件',
    'common.demo.ready': '督办 Duban 演示环境：{url}（接口文档：{docs}）',
    'common.demo.password': '所有演示账号的密码：{password}',
  },
  {
    'common.internal': 'Internal server error',
    'common.bad_request': 'Bad request: {reason}',
    'common.not_found_path': 'Not found: {path}',
    'common.invalid_request': 'Invalid request: {summary}',
    'common.db.nul': 'The text contains a character that cannot be stored (NUL)',
    'common.db.bad_char': 'The text contains a character that cannot be stored',
    'common.db.missing_ref': 'A referenced record does not exist',
    'common.db.too_long': 'A text is too long',
    'common.mail_not_found': 'No such message',
    'common.demo.ready': 'Duban demo: {url} (API docs: {docs})',
    'common.demo.password': 'Password of every demo account: {password}',
  },
);

import { defineMessages } from '../define';

/** The users module's messages (errors, notes, sentences), keyed `users.*`. */
export const usersMessages = defineMessages(
  {
    'users.user_not_found': '未找到该用户',
    'users.user_exists': '邮箱 {email} 已有账号',
    'users.password_weak': '密码不符合要求：{problem}',
    'users.password_rules': '密码须为 10 至 200 个字符，且同时包含字母和数字',
    'users.password_too_short': '至少 10 个字符',
    'users.password_too_long': '最多 200 个字符',
    'users.password_letters_digits': '须同时包含字母和数字',
    'users.region_not_found': '没有此地区',
    'users.department_not_found': '没有此单位',
    'users.reference_missing': '{field}：所选记录不存在',
    'users.field_region': '地区',
    'users.field_department': '单位',
  },
  {
    'users.user_not_found': 'User not found',
    'users.user_exists': 'A user with email {email} already exists',
    'users.password_weak': 'Password: {problem}',
    'users.password_rules': 'A password has 10 to 200 characters, with letters and digits',
    'users.password_too_short': 'at least 10 characters',
    'users.password_too_long': 'at most 200 characters',
    'users.password_letters_digits': 'must contain letters and digits',
    'users.region_not_found': 'No such region',
    'users.department_not_found': 'No such department',
    'users.reference_missing': '{field}: the chosen record does not exist',
    'users.field_region': 'Region',
    'users.field_department': 'Department',
  },
);

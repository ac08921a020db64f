import { defineMessages } from '../define';

/** The auth module's messages (errors, notes, sentences), keyed `auth.*`. */
export const authMessages = defineMessages(
  {
    'auth.invalid_credentials': '邮箱或密码错误',
    'auth.sign_in_required': '请先登录',
    'auth.session_expired': '登录已过期，请重新登录',
    'auth.no_access_rule': '此接口未开放',
    'auth.csrf_invalid': '页面已失效，请刷新后重试',
    'auth.forbidden': '您无权执行此操作',
    'auth.current_password_wrong': '当前密码不正确',
    'auth.new_password_weak': '新密码不符合要求：{problem}',
    'auth.too_many_attempts_seconds': '登录尝试次数过多，请 {seconds} 秒后再试',
    'auth.too_many_attempts_minutes': '登录尝试次数过多，请 {minutes} 分钟后再试',
    'auth.sign_in_unavailable': '登录服务暂不可用，请稍后再试',
  },
  {
    'auth.invalid_credentials': 'Invalid email or password',
    'auth.sign_in_required': 'Please sign in',
    'auth.session_expired': 'Your session has expired; please sign in again',
    'auth.no_access_rule': 'This route has no access rule',
    'auth.csrf_invalid': 'Missing or invalid CSRF token; reload the page and retry',
    'auth.forbidden': 'You are not allowed to do this',
    'auth.current_password_wrong': 'Current password is wrong',
    'auth.new_password_weak': 'New password: {problem}',
    'auth.too_many_attempts_seconds': 'Too many failed attempts; try again in {seconds} s',
    'auth.too_many_attempts_minutes': 'Too many failed attempts; try again in {minutes} min',
    'auth.sign_in_unavailable': 'Sign-in is unavailable (Redis unreachable); try again shortly',
  },
);

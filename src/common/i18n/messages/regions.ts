import { defineMessages } from '../define';

/** The regions module's messages (errors, notes, sentences), keyed `regions.*`. */
export const regionsMessages = defineMessages(
  {
    'regions.region_not_found': '未找到该地区',
    'regions.region_file_invalid': '地区配置文件有 {count} 处错误，请管理员修正后重试',
  },
  {
    'regions.region_not_found': 'Region not found',
    'regions.region_file_invalid': 'The region file has {count} problem(s); an administrator must correct it',
  },
);
